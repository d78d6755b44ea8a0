"""Exports and imports carry the organisation; a member's Redaktion imports its own only."""

import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agenda.transfer.exports import public_agenda_data, render_json
from agenda.transfer.imports import ImportRefused
from measures.models import Measure, MeasureOrganisation, StaffProfile
from strategy.staff import roles
from tests.agenda.import_table import Table, drop_column, history_count, snapshot
from tests.conftest import user_with_role
from tests.factories import MeasureFactory, OrganisationFactory

LEAD = "Federführende Körperschaft"
LEAD_NAME = "Federführende Körperschaft (Name)"
PARTICIPANTS = "Beteiligte Körperschaften"


@pytest.fixture
def federation(db):
    root = OrganisationFactory(name="Verbund", slug="verbund", kind="verbund", parent=None)
    wilster = OrganisationFactory(name="Amt Wilstermarsch", slug="wilstermarsch", parent=root)
    schenefeld = OrganisationFactory(name="Amt Schenefeld", slug="schenefeld", parent=root)
    shared = MeasureFactory(reference="1.1-1", lead_organisation=wilster)
    for organisation in (schenefeld, root):
        MeasureOrganisation.objects.create(
            measure=shared, organisation=organisation, share_one_off_cost=Decimal(100)
        )
    MeasureFactory(reference="1.1-2", lead_organisation=schenefeld)
    return {"root": root, "wilster": wilster, "schenefeld": schenefeld}


def editor_of(organisation, username):
    user = user_with_role(roles.EDITORS, username=username)
    StaffProfile.objects.create(user=user, organisation=organisation)
    return user


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_table_carries_lead_and_participants(federation, kind):
    table = Table(kind)
    assert table.get("1.1-1", LEAD) == "wilstermarsch"
    assert table.get("1.1-1", LEAD_NAME) == "Amt Wilstermarsch"
    assert table.get("1.1-1", PARTICIPANTS) == "schenefeld; verbund"
    assert table.get("1.1-2", PARTICIPANTS) in ("", None)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_unchanged_export_imports_unchanged_with_organisations(federation, kind):
    before, records = snapshot(), history_count()
    result = Table(kind).run(user=editor_of(federation["wilster"], "wilma"))
    assert (result.created, result.updated, result.unchanged) == ([], [], 2)
    assert snapshot() == before and history_count() == records
    assert MeasureOrganisation.objects.count() == 2


def test_json_and_open_data_carry_the_organisation(federation):
    _name, _type, content = render_json(Measure.objects.order_by("reference"))
    first = json.loads(content)["measures"][0]
    assert first["lead_organisation"] == {"slug": "wilstermarsch", "name": "Amt Wilstermarsch"}
    assert first["organisations"] == ["schenefeld", "verbund"]
    public = public_agenda_data()["action_fields"][0]["measures"][0]
    assert public["lead_organisation"]["slug"] == "wilstermarsch"


def test_the_lead_column_moves_a_measure_for_the_root_editor(federation, editor):
    table = Table("csv")
    table.set("1.1-2", LEAD, "wilstermarsch")
    assert table.run(user=editor).updated == ["1.1-2"]
    assert Measure.objects.get(reference="1.1-2").lead_organisation == federation["wilster"]


def test_an_unknown_organisation_is_reported(federation, editor):
    table = Table("csv")
    table.set("1.1-2", LEAD, "atlantis")
    with pytest.raises(ImportRefused) as refused:
        table.run(user=editor)
    [problem] = refused.value.problems
    assert (problem.row, problem.column) == (3, LEAD)
    assert "atlantis" in problem.message


def test_without_the_column_the_lead_stays(federation, editor):
    table = Table("csv")
    drop_column(table, LEAD)
    table.set("1.1-2", "Titel", "Neu")
    assert table.run(user=editor).updated == ["1.1-2"]
    assert Measure.objects.get(reference="1.1-2").lead_organisation == federation["schenefeld"]


def refused_rows(table, user):
    before = snapshot()
    with pytest.raises(ImportRefused) as refused:
        table.run(user=user)
    assert snapshot() == before  # nothing stored
    return [(p.row, p.column, p.message) for p in refused.value.problems]


def test_a_members_editor_cannot_touch_another_members_measure(federation):
    wilma = editor_of(federation["wilster"], "wilma")
    table = Table("csv")
    table.set("1.1-1", "Titel", "Eigene Änderung")
    table.set("1.1-2", "Titel", "Fremde Änderung")
    problems = refused_rows(table, wilma)
    assert [(row, column) for row, column, _message in problems] == [(3, LEAD)]
    assert "gehört zu einer anderen Körperschaft" in problems[0][2]


def test_a_members_editor_cannot_create_or_move_measures_for_another_member(federation):
    wilma = editor_of(federation["wilster"], "wilma")
    table = Table("csv")
    table.copy_row("1.1-1", Kennung="1.1-9", **{LEAD: "schenefeld", "Version": ""})
    assert [p[0] for p in refused_rows(table, wilma)] == [4]
    table = Table("csv")
    table.set("1.1-1", LEAD, "schenefeld")
    assert [p[0] for p in refused_rows(table, wilma)] == [2]
    assert Measure.objects.get(reference="1.1-1").lead_organisation == federation["wilster"]


def test_a_members_new_measure_without_a_lead_is_its_own(federation):
    wilma = editor_of(federation["wilster"], "wilma")
    table = Table("csv")
    table.copy_row("1.1-1", Kennung="1.1-9", **{LEAD: "", "Version": ""})
    assert table.run(user=wilma).created == ["1.1-9"]
    assert Measure.objects.get(reference="1.1-9").lead_organisation == federation["wilster"]


def test_the_refusal_shows_on_the_import_page(client, federation):
    client.force_login(editor_of(federation["schenefeld"], "sven"))
    table = Table("csv")
    table.set("1.1-1", "Titel", "Gekapert")
    response = client.post(
        reverse("exports:import"),
        {"file": SimpleUploadedFile(table.name, table.content)},
    )
    assert response.status_code == 400
    assert "gehört zu einer anderen Körperschaft" in response.content.decode()
    assert Measure.objects.get(reference="1.1-1").title != "Gekapert"
