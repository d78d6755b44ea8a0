"""The one permission gate with organisations: members' staff against each other."""

import pytest
from django.urls import reverse

from measures.forms import MeasureForm
from measures.models import Measure, StaffProfile
from strategy.staff import roles
from tests.conftest import user_with_role
from tests.factories import GoalFactory, MeasureFactory, OrganisationFactory


def member_of(organisation, role, username):
    user = user_with_role(role, username=username)
    if organisation is not None:
        StaffProfile.objects.create(user=user, organisation=organisation)
    return user


@pytest.fixture
def federation(db):
    root = OrganisationFactory(name="Verbund", slug="verbund", kind="verbund", parent=None)
    wilster = OrganisationFactory(name="Amt Wilstermarsch", slug="wilstermarsch", parent=root)
    schenefeld = OrganisationFactory(name="Amt Schenefeld", slug="schenefeld", parent=root)
    return root, wilster, schenefeld


@pytest.fixture
def objects(federation):
    _root, wilster, schenefeld = federation
    return {
        "wilster": MeasureFactory(lead_organisation=wilster),
        "schenefeld": MeasureFactory(lead_organisation=schenefeld),
        "wilster_goal": GoalFactory(organisation=wilster),
        "schenefeld_goal": GoalFactory(organisation=schenefeld),
        "shared_goal": GoalFactory(organisation=None),
    }


MEASURE_PAGES = [
    ("measures:measure-update", "get"),
    ("measures:progress-create", "get"),
    ("measures:light-override", "get"),
    ("measures:measure-delete", "post"),
]
GOAL_PAGES = [
    ("strategy:goal-update", "get"),
    ("strategy:goal-delete", "post"),
    ("strategy:goal-move", "post"),
]


def status(client, name, method, obj):
    url = reverse(name, args=[obj.pk])
    data = {"direction": "up"} if name.endswith("move") else {}
    return getattr(client, method)(url, data).status_code


@pytest.mark.parametrize("name,method", MEASURE_PAGES + GOAL_PAGES)
def test_a_members_editors_reach_their_own_objects_only(client, federation, objects, name, method):
    _root, wilster, _schenefeld = federation
    client.force_login(member_of(wilster, roles.EDITORS, "wilma"))
    kind = "goal" if name.startswith("strategy") else ""
    other = objects[f"schenefeld_{kind}".rstrip("_")]
    own = objects[f"wilster_{kind}".rstrip("_")]
    assert status(client, name, method, other) == 403
    assert status(client, name, method, own) in (200, 302)
    if kind:
        assert status(client, name, method, objects["shared_goal"]) == 403


@pytest.mark.parametrize("name,method", MEASURE_PAGES + GOAL_PAGES)
@pytest.mark.parametrize("organisation", ["root", None])
def test_the_roots_editors_reach_every_member(
    client, federation, objects, name, method, organisation
):
    root = federation[0] if organisation == "root" else None
    client.force_login(member_of(root, roles.EDITORS, "rita"))
    kind = "goal" if name.startswith("strategy") else ""
    for member in ("wilster", "schenefeld"):
        assert status(client, name, method, objects[f"{member}_{kind}".rstrip("_")]) in (200, 302)


def test_the_gate_and_the_queryset_agree(federation, objects):
    root, wilster, schenefeld = federation
    department = member_of(wilster, roles.DEPARTMENT, "falk")
    own = MeasureFactory(lead_organisation=wilster, contact_person=department)
    elsewhere = MeasureFactory(lead_organisation=schenefeld, contact_person=department)
    users = {
        "wilster_editor": member_of(wilster, roles.EDITORS, "wilma"),
        "schenefeld_editor": member_of(schenefeld, roles.EDITORS, "sven"),
        "root_editor": member_of(root, roles.EDITORS, "rita"),
        "department": department,
        "reader": member_of(wilster, roles.READ_ONLY, "lena"),
    }
    expected = {
        "wilster_editor": {objects["wilster"], own},
        "schenefeld_editor": {objects["schenefeld"], elsewhere},
        "root_editor": set(Measure.objects.all()),
        # Contact person of a Schenefeld measure, but Fachbereich of Wilstermarsch.
        "department": {own},
        "reader": set(),
    }
    for key, user in users.items():
        assert set(Measure.objects.editable_by(user)) == expected[key], key
        for measure in Measure.objects.all():
            assert measure.can_be_edited_by(user) == (measure in expected[key]), (key, measure)


def test_a_members_goal_is_edited_by_that_member_only(federation, objects):
    root, wilster, schenefeld = federation
    wilma = member_of(wilster, roles.EDITORS, "wilma")
    assert objects["wilster_goal"].can_be_edited_by(wilma)
    assert not objects["schenefeld_goal"].can_be_edited_by(wilma)
    assert not objects["shared_goal"].can_be_edited_by(wilma)
    rita = member_of(root, roles.EDITORS, "rita")
    assert all(objects[k].can_be_edited_by(rita) for k in ("wilster_goal", "shared_goal"))


def test_a_member_cannot_create_a_goal_for_another_member(client, federation):
    _root, wilster, schenefeld = federation
    client.force_login(member_of(wilster, roles.EDITORS, "wilma"))
    field = GoalFactory().action_field
    data = {"action_field": field.pk, "title": "Fremdes Ziel", "organisation": schenefeld.pk}
    response = client.post(reverse("strategy:goal-create"), data)
    assert response.status_code == 200 and "organisation" in response.context["form"].errors
    response = client.post(reverse("strategy:goal-create"), {**data, "organisation": wilster.pk})
    assert response.status_code == 302


def test_measure_form_has_no_organisation_choice_with_one_organisation(db, editor):
    root = OrganisationFactory(parent=None)
    form = MeasureForm(user=editor)
    assert "lead_organisation" not in form.fields and not form.several_organisations
    measure = MeasureFactory(lead_organisation=None)
    assert measure.lead_organisation == root  # new measures default to the root


def test_measure_form_page_shows_organisations_only_when_several(editor_client, federation):
    url = reverse("measures:measure-create")
    page = editor_client.get(url).content.decode()
    assert 'name="lead_organisation"' in page and 'name="organisations-TOTAL_FORMS"' in page


def test_measure_form_page_without_federation(editor_client, db):
    OrganisationFactory(parent=None)
    page = editor_client.get(reverse("measures:measure-create")).content.decode()
    assert "lead_organisation" not in page and "organisations-TOTAL_FORMS" not in page


def test_measure_form_defaults_to_the_users_organisation(federation):
    root, wilster, schenefeld = federation
    wilma = member_of(wilster, roles.EDITORS, "wilma")
    form = MeasureForm(user=wilma)
    assert list(form.fields["lead_organisation"].queryset) == [wilster]
    assert form.initial["lead_organisation"] == wilster.pk
    rita = member_of(None, roles.EDITORS, "rita")
    form = MeasureForm(user=rita)
    assert form.fields["lead_organisation"].required
    assert form.initial["lead_organisation"] == root.pk
    assert set(form.fields["lead_organisation"].queryset) == set(federation)


def test_a_member_saves_a_joint_measure_but_cannot_lead_it_for_another(client, federation):
    from tests.factories import ActionFieldFactory
    from tests.measures.test_views import formset_data, measure_post

    root, wilster, schenefeld = federation
    client.force_login(member_of(wilster, roles.EDITORS, "wilma"))
    shares = formset_data(
        "organisations",
        [{"organisation": schenefeld.pk, "share_one_off_cost": "2.500", "share_staff_days": "3"}],
    )
    data = measure_post(ActionFieldFactory(), **shares, lead_organisation=schenefeld.pk)
    response = client.post(reverse("measures:measure-create"), data)
    assert response.status_code == 200
    assert "lead_organisation" in response.context["form"].errors
    assert not Measure.objects.exists()

    response = client.post(
        reverse("measures:measure-create"), {**data, "lead_organisation": wilster.pk}
    )
    assert response.status_code == 302
    measure = Measure.objects.get()
    assert measure.lead_organisation == wilster
    share = measure.organisation_shares.get()
    assert (share.organisation, share.share_one_off_cost, share.share_staff_days) == (
        schenefeld,
        2500,
        3,
    )
    assert share.history.count() == 1


def test_a_members_editors_release_their_own_members_drafts_only(client, federation):
    from measures.models import ProgressReport
    from tests.factories import ProgressReportFactory

    root, wilster, schenefeld = federation
    own = ProgressReportFactory(measure=MeasureFactory(lead_organisation=wilster))
    other = ProgressReportFactory(measure=MeasureFactory(lead_organisation=schenefeld))
    ProgressReport.objects.update(released_at=None)
    client.force_login(member_of(wilster, roles.EDITORS, "wilma"))
    url = reverse("measures:progress-release-list")
    assert list(client.get(url).context["object_list"]) == [own]
    client.post(url, {"reports": [own.pk, other.pk]})
    assert set(ProgressReport.objects.released()) == {own}
    client.force_login(member_of(root, roles.EDITORS, "rita"))
    assert list(client.get(url).context["object_list"]) == [other]


def test_indicator_values_of_a_members_goal_are_entered_by_that_member(client, federation):
    from tests.factories import IndicatorFactory

    _root, wilster, schenefeld = federation
    own = IndicatorFactory(goal=GoalFactory(organisation=wilster))
    other = IndicatorFactory(goal=GoalFactory(organisation=schenefeld))
    client.force_login(member_of(wilster, roles.EDITORS, "wilma"))
    for indicator, expected in ((own, 200), (other, 403)):
        assert (
            client.get(reverse("strategy:indicator-update", args=[indicator.pk])).status_code
            == expected
        )
        url = reverse("strategy:indicator-value-create", args=[indicator.pk])
        assert client.get(url).status_code == expected


def test_the_detail_page_names_the_organisations_only_when_there_are_several(
    editor_client, federation, django_assert_max_num_queries
):
    from measures.models import MeasureOrganisation

    _root, wilster, schenefeld = federation
    measure = MeasureFactory(lead_organisation=wilster)
    MeasureOrganisation.objects.create(
        measure=measure, organisation=schenefeld, share_one_off_cost=2500, share_staff_days=3
    )
    with django_assert_max_num_queries(30):
        page = editor_client.get(measure.get_absolute_url()).content.decode()
    assert "Amt Wilstermarsch" in page and "Amt Schenefeld" in page and "2.500" in page
    schenefeld.measure_shares.all().delete()
    Measure.objects.filter(pk=measure.pk).update(lead_organisation=_root)
    schenefeld.delete()
    wilster.delete()
    page = editor_client.get(measure.get_absolute_url()).content.decode()
    assert 'id="org-h"' not in page


def test_a_measure_without_any_organisation_makes_the_root_from_the_settings(db, settings):
    from strategy.organisations.models import Organisation

    settings.AGENDA_ORGANISATION = "Amt Testland"
    assert not Organisation.objects.exists()
    measure = MeasureFactory()
    root = Organisation.objects.get()
    assert (root.name, root.slug, root.kind, root.parent) == (
        "Amt Testland",
        "amt-testland",
        "verbund",
        None,
    )
    assert measure.lead_organisation == root
    # Bulk creation (bench, scripts) and the next save find the same root.
    [bulk] = Measure.objects.bulk_create([MeasureFactory.build(action_field=measure.action_field)])
    assert bulk.lead_organisation == root
    assert Organisation.objects.ensure_root() == root and Organisation.objects.count() == 1


def test_the_admin_may_leave_the_lead_empty_for_the_root(admin_client):
    """The lead is NOT NULL, but optional in forms: Measure.save gives the root."""
    response = admin_client.get(reverse("admin:measures_measure_add"))
    assert response.status_code == 200
    assert not response.context["adminform"].form.fields["lead_organisation"].required
