"""Reports of a federation: a member's own report, the members compared, member editions."""

import datetime
import io
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from agenda.editions import services
from agenda.editions.forms import EditionForm, ReportForm
from agenda.models import Decision, Edition, Report
from agenda.report.render import layout_pdf, render_html, report_context
from agenda.report.snapshot import build_snapshot
from measures.models import MeasureOrganisation, StaffProfile
from strategy.models import Organisation
from strategy.staff import roles
from tests.conftest import user_with_role
from tests.factories import (
    ActionFieldFactory,
    FundingLineFactory,
    GoalFactory,
    GuidingPrincipleFactory,
    IdeaFactory,
    IndicatorFactory,
    MeasureFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
DAY = datetime.date(2026, 6, 1)


def share(measure, organisation, one_off, external=0, days=0):
    return MeasureOrganisation.objects.create(
        measure=measure,
        organisation=organisation,
        share_one_off_cost=Decimal(one_off),
        share_external_cost=Decimal(external),
        share_staff_days=Decimal(days),
    )


@pytest.fixture
def root(db):
    return OrganisationFactory(
        name="Verbund Steinburg", slug="verbund", kind="verbund", parent=None
    )


@pytest.fixture
def federation(root):
    wilster = OrganisationFactory(name="Amt Wilstermarsch", slug="wilstermarsch", parent=root)
    itzehoe = OrganisationFactory(name="Stadt Itzehoe", slug="itzehoe", kind="stadt", parent=root)
    field = ActionFieldFactory(code="4.1", title="Digitale Verwaltung")
    GuidingPrincipleFactory(title="So viel gemeinsam wie möglich")
    shared_goal = GoalFactory(action_field=field, title="Gemeinsames Ziel")
    wilster_goal = GoalFactory(action_field=field, title="Ziel Wilster", organisation=wilster)
    GoalFactory(action_field=field, title="Ziel Itzehoe", organisation=itzehoe)
    IndicatorFactory(goal=shared_goal, name="Kennzahl gemeinsam")
    IndicatorFactory(goal=wilster_goal, name="Kennzahl Wilster")
    # Each measure costs 15,000 (10,000 one-off, 5,000 external).
    own_w = MeasureFactory(action_field=field, reference="4.1-1", title="Eigene Wilster",
                           lead_organisation=wilster)  # fmt: skip
    own_i = MeasureFactory(action_field=field, reference="4.1-2", title="Eigene Itzehoe",
                           lead_organisation=itzehoe)  # fmt: skip
    joint = MeasureFactory(action_field=field, reference="4.1-3", title="Gemeinsame Akte",
                           lead_organisation=wilster)  # fmt: skip
    share(joint, itzehoe, 3000, 1000, days=5)  # Itzehoe carries 4,000 and 5 of 20 days
    FundingLineFactory(measure=joint, amount=Decimal("6000"))
    IdeaFactory(title="Idee an Wilster", organisation=wilster, action_field=field)
    IdeaFactory(title="Idee an Itzehoe", organisation=itzehoe, kind="hint")
    IdeaFactory(title="Idee an Itzehoe 2", organisation=itzehoe, channel="phone")
    IdeaFactory(title="Idee an alle")
    return {"root": root, "wilster": wilster, "itzehoe": itzehoe, "joint": joint,
            "own_w": own_w, "own_i": own_i}  # fmt: skip


def refs(context):
    return sorted(m["reference"] for f in context["fields"] for m in f["measures"])


def test_the_snapshot_carries_the_organisations_shares_goals_and_ideas(federation):
    snapshot = build_snapshot(today=DAY)
    by_slug = {o["slug"]: o for o in snapshot["organisations"]}
    assert snapshot["organisations"][0]["slug"] == "verbund"  # the root first, on any database
    assert by_slug["wilstermarsch"]["council"] == "Amtsausschuss"
    assert by_slug["itzehoe"]["report_to"] == "Bericht an die Stadtvertretung"
    assert by_slug["verbund"]["is_root"] and by_slug["verbund"]["council"] == "Verbandsversammlung"
    joint = next(m for m in snapshot["fields"][0]["measures"] if m["reference"] == "4.1-3")
    assert joint["lead_organisation"] == "wilstermarsch"
    assert joint["organisations"] == [
        {
            "slug": "itzehoe",
            "share_one_off_cost": "3000.00",
            "share_external_cost": "1000.00",
            "share_cost": "4000.00",
            "share_staff_days": "5.0",
        }  # fmt: skip
    ]
    goals = {g["title"]: g["organisation"] for g in snapshot["fields"][0]["goals"]}
    assert goals == {"Gemeinsames Ziel": None, "Ziel Wilster": "wilstermarsch",
                     "Ziel Itzehoe": "itzehoe"}  # fmt: skip
    ideas = snapshot["ideas"]
    assert ideas["total"] == 4
    assert ideas["by_organisation"]["itzehoe"]["total"] == 2
    assert ideas["by_organisation"]["itzehoe"]["by_kind"] == {"idea": 1, "hint": 1}
    assert ideas["by_organisation"]["wilstermarsch"]["by_field"] == {"4.1": 1}
    assert ideas["by_organisation"][""]["total"] == 1


def test_the_snapshot_needs_the_same_queries_for_2_or_6_members(
    root, django_assert_max_num_queries
):
    def add_members(start, n):
        for i in range(start, start + n):
            member = OrganisationFactory(name=f"Amt {i}", slug=f"amt-{i}", parent=root)
            GoalFactory(organisation=member)
            own = MeasureFactory(lead_organisation=member)
            share(MeasureFactory(lead_organisation=root), member, 100)
            share(own, root, 50)
            IdeaFactory(organisation=member)

    add_members(0, 2)
    with django_assert_max_num_queries(30) as small:
        build_snapshot()
    add_members(2, 4)
    with django_assert_max_num_queries(len(small.captured_queries)):
        snapshot = build_snapshot()
    assert len(snapshot["organisations"]) == 7


def test_a_members_report_shows_the_shared_strategy_and_its_own_and_joint_measures(federation):
    snapshot = build_snapshot(today=DAY)
    context = report_context(snapshot, audience="public", organisation="itzehoe")
    assert refs(context) == ["4.1-2", "4.1-3"]
    goals = [g["title"] for g in context["fields"][0]["goals"]]
    assert goals == ["Gemeinsames Ziel", "Ziel Itzehoe"]
    assert [i["name"] for i in context["indicators"]] == ["Kennzahl gemeinsam"]
    assert context["ideas"]["total"] == 2
    # Its figures: its own measure whole (15,000) and its share of the joint one (4,000).
    rollup = context["fields"][0]["rollup"]
    assert rollup["measure_count"] == 2 and Decimal(rollup["planned_cost"]) == 19000
    assert Decimal(context["state"]["total"]["planned_cost"]) == 19000
    assert context["comparison"] is None
    budget = context["charts"][1]  # cost by field: its part of the money
    assert budget.rows[0][1:] == ["19.000\xa0€", "19.000\xa0€", "0\xa0€"]
    html = render_html(snapshot, audience="public", organisation="itzehoe")
    assert "Bericht an die Stadtvertretung" in html
    title = "Digitale Agenda – \u2068Stadt Itzehoe\u2069 – Bericht an die Stadtvertretung"
    assert f"<title>{title}</title>" in html
    assert "So viel gemeinsam wie möglich" in html  # the shared principles
    assert "Eigene Itzehoe" in html and "Gemeinsame Akte" in html
    assert "Gemeinsame Maßnahme unter Federführung von" in html
    assert "Eigene Wilster" not in html and "Ziel Wilster" not in html
    assert "Kennzahl Wilster" not in html and "Die Mitglieder im Vergleich" not in html
    # The lead's report: the joint measure less the partner's share.
    wilster = report_context(snapshot, audience="public", organisation="wilstermarsch")
    assert refs(wilster) == ["4.1-1", "4.1-3"]
    assert Decimal(wilster["fields"][0]["rollup"]["planned_cost"]) == 15000 + 11000
    joint = next(m for m in wilster["fields"][0]["measures"] if m["reference"] == "4.1-3")
    assert joint["joint"] and joint["partner_names"] == ["Stadt Itzehoe"]
    assert Decimal(joint["member_staff_days"]) == 15
    assert wilster["charts"][1].rows[0][1:] == ["26.000\xa0€", "20.000\xa0€", "6.000\xa0€"]


def test_the_roots_report_compares_its_members_counting_a_joint_measure_once(federation):
    snapshot = build_snapshot(today=DAY)
    context = report_context(snapshot, audience="public")
    comparison = context["comparison"]
    rows = {row["name"]: row for row in comparison["rows"]}
    assert list(rows) == ["Amt Wilstermarsch", "Stadt Itzehoe"]  # the root leads nothing
    wilster, itzehoe = rows["Amt Wilstermarsch"], rows["Stadt Itzehoe"]
    assert (wilster["own_count"], wilster["joint_count"]) == (2, 0)
    assert (itzehoe["own_count"], itzehoe["joint_count"]) == (1, 1)
    assert Decimal(wilster["cost"]) == 26000 and Decimal(itzehoe["cost"]) == 19000
    assert Decimal(wilster["funding"]) == 6000 and Decimal(itzehoe["funding"]) == 0
    total = comparison["total"]
    assert total["measure_count"] == 3 and total["joint_count"] == 1
    assert Decimal(total["cost"]) == Decimal(wilster["cost"]) + Decimal(itzehoe["cost"]) == 45000
    assert Decimal(total["funding"]) == 6000
    assert sum(light["count"] for light in total["lights"]) == 3
    html = render_html(snapshot, audience="public")
    assert '<a href="#members">Die Mitglieder im Vergleich</a>' in html
    chapter = html[html.index('<section class="members">') :]
    chapter = chapter[: chapter.index("</section>")]
    assert '<th scope="col">Mitglied</th>' in chapter
    assert '<th scope="row"><bdi>Stadt Itzehoe</bdi></th>' in chapter
    assert "Der Verbund, jede Maßnahme einmal" in chapter
    assert "Bericht an die Verbandsversammlung" in html


def strip_organisations(snapshot):
    """The snapshot as it was frozen before organisations existed."""
    old = {k: v for k, v in snapshot.items() if k != "organisations"}
    old["fields"] = [
        {
            **f,
            "goals": [{"title": g["title"], "text": g["text"]} for g in f["goals"]],
            "measures": [
                {k: v for k, v in m.items() if k not in ("lead_organisation", "organisations")}
                for m in f["measures"]
            ],
        }
        for f in snapshot["fields"]
    ]
    ideas = {k: v for k, v in snapshot["ideas"].items() if k != "by_organisation"}
    ideas["promoted"] = [
        {k: v for k, v in i.items() if k != "organisation"} for i in ideas["promoted"]
    ]
    old["ideas"] = ideas
    return old


@pytest.mark.parametrize("with_root", [False, True])
def test_a_single_organisations_report_and_forms_are_as_before(with_root, editor):
    if with_root:
        OrganisationFactory(name="Amt Allein", slug="allein", parent=None)
    field = ActionFieldFactory(code="4.1")
    MeasureFactory(action_field=field, reference="4.1-1", title="Nur eine")
    GoalFactory(action_field=field, title="Ein Ziel")
    IdeaFactory(title="Eine Idee", state="promoted", measure=MeasureFactory(action_field=field))
    snapshot = build_snapshot(today=DAY)
    context = report_context(snapshot, audience="public")
    assert context["comparison"] is None and context["addressee"] is None
    html = render_html(snapshot, audience="public")
    assert "Die Mitglieder im Vergleich" not in html and "Bericht an" not in html
    assert "Gemeinsame Maßnahme" not in html
    # An edition frozen before organisations renders exactly as the same data does now.
    assert render_html(strip_organisations(snapshot), audience="public") == html
    assert "organisation" not in EditionForm(user=editor).fields
    assert "organisation" not in ReportForm(user=editor).fields


def member_of(organisation, username):
    user = user_with_role(roles.EDITORS, username=username)
    StaffProfile.objects.create(user=user, organisation=organisation)
    return user


def freeze(title, day, organisation=None, user=None):
    data = {"title": title, "reporting_date": day.isoformat()}
    if organisation is not None:
        data["organisation"] = organisation.pk
    form = EditionForm(data, user=user)
    assert form.is_valid(), form.errors
    return services.freeze_edition(form=form, user=user)


def test_member_editions_compare_within_their_scope_and_name_the_member(client, federation, editor):
    wilster, itzehoe = federation["wilster"], federation["itzehoe"]
    whole_1 = freeze("Verbund 1", DAY, user=editor)
    wilster_1 = freeze("Wilster 1", DAY + datetime.timedelta(days=1), wilster, editor)
    itzehoe_1 = freeze("Itzehoe 1", DAY + datetime.timedelta(days=2), itzehoe, editor)
    wilster_2 = freeze("Wilster 2", DAY + datetime.timedelta(days=3), wilster, editor)
    whole_2 = freeze("Verbund 2", DAY + datetime.timedelta(days=4), user=editor)
    assert wilster_2.previous() == wilster_1 and wilster_1.previous() is None
    assert itzehoe_1.previous() is None and whole_2.previous() == whole_1
    # The member edition holds the full snapshot; its report shows the member's part.
    assert len(wilster_1.snapshot["fields"][0]["measures"]) == 3
    report = wilster_2.reports.get()
    assert report.organisation == wilster
    assert report.filename == "digitale-agenda-2026-06-04-wilstermarsch.pdf"
    inputs = services.report_inputs(report)
    assert inputs["previous_edition"]["title"] == "Wilster 1"
    # Reports of a member edition are the member's, whatever is asked for.
    other = services.request_report(user=editor, edition=wilster_1, organisation=itzehoe)
    assert other.organisation == wilster
    # Public: the whole federation's reports, and a member's on request.
    for edition in Edition.objects.all():
        edition.adoption = Decision.objects.create(
            body="Kreistag", date=DAY + datetime.timedelta(days=10), result="adopted"
        )
        edition.save(update_fields=["adoption"])
    Report.objects.update(status=Report.Status.DONE, pdf=b"%PDF", page_count=3)
    assert set(Report.objects.public().values_list("edition__title", flat=True)) == {
        "Verbund 1",
        "Verbund 2",
    }
    assert set(Report.objects.public_of(wilster).values_list("edition__title", flat=True)) == {
        "Wilster 1",
        "Wilster 2",
    }
    assert Report.objects.public_in_scope().count() == 6  # every report of its own scope
    client.force_login(editor)
    detail = client.get(reverse("editions:edition-detail", args=[itzehoe_1.pk]))
    assert detail.context["measure_count"] == 2  # its own and the joint measure
    client.logout()
    # The public list offers a member edition with its member's report.
    page = client.get(reverse("editions:adopted-list")).content.decode()
    assert "Amt Wilstermarsch" in page and "Wilster 2" in page
    response = client.get(reverse("editions:adopted-pdf", args=[wilster_2.pk]))
    assert response.status_code == 200
    assert "wilstermarsch" in response["Content-Disposition"]


def test_a_members_editors_may_act_only_for_their_own_organisation(client, federation, editor):
    wilster, itzehoe = federation["wilster"], federation["itzehoe"]
    rita = member_of(wilster, "wilster-rita")
    form = EditionForm(user=rita)
    assert list(form.fields["organisation"].queryset) == [wilster]
    assert form.initial["organisation"] == wilster.pk
    client.force_login(rita)
    data = {"title": "Fremd", "reporting_date": DAY.isoformat(), "organisation": itzehoe.pk}
    response = client.post(reverse("editions:edition-create"), data)
    assert response.status_code == 200
    assert "nur für Ihre eigene Körperschaft" in response.content.decode()
    assert not Edition.objects.exists()
    # The whole federation is not hers either: the field is required.
    response = client.post(reverse("editions:edition-create"), {**data, "organisation": ""})
    assert response.status_code == 200 and not Edition.objects.exists()
    response = client.post(reverse("editions:report-create"), {"organisation": itzehoe.pk,
                                                               "audience": "public"})  # fmt: skip
    assert not Report.objects.exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("nur für Ihre eigene Körperschaft" in m for m in messages)
    # Another member's edition: no report of it, no change of its description.
    foreign = freeze("Itzehoe", DAY, itzehoe, editor)
    url = reverse("editions:edition-report-create", args=[foreign.pk])
    assert client.post(url, {"audience": "public"}).status_code == 403
    assert client.get(reverse("editions:edition-update", args=[foreign.pk])).status_code == 403
    assert foreign.reports.count() == 1
    # Her own: fine, with her organisation as the default.
    response = client.post(reverse("editions:edition-create"), {**data, "organisation": wilster.pk})
    assert response.status_code == 302
    assert Edition.objects.get(title="Fremd").organisation == wilster
    response = client.post(reverse("editions:report-create"), {"organisation": wilster.pk,
                                                               "audience": "public"})  # fmt: skip
    assert Report.objects.get(edition=None).organisation == wilster
    # The root's Redaktion may choose any member or the whole federation.
    root_user = member_of(federation["root"], "root-rolf")
    form = EditionForm(user=root_user)
    assert set(form.fields["organisation"].queryset) == set(Organisation.objects.all())
    assert not form.fields["organisation"].required
    # The staff list names each edition's organisation.
    client.force_login(root_user)
    page = client.get(reverse("editions:edition-list")).content.decode()
    assert "Stadt Itzehoe" in page and "Der ganze Verbund" in page
    assert page.count('name="organisation"') == 1  # the report form offers the choice


def pdf_text(pdf):
    result = subprocess.run(  # noqa: S603 - poppler from the system, on our own bytes
        [PDFTOTEXT, "-", "-"], input=pdf, capture_output=True, check=True
    )
    return re.sub(r"\s+", " ", result.stdout.decode())


def test_a_members_pdf_names_its_council_and_the_roots_bookmarks_the_comparison(federation):
    snapshot = build_snapshot(today=DAY)
    member = layout_pdf(
        render_html(snapshot, audience="public", organisation="wilstermarsch"), isolated=False
    )
    text = pdf_text(member.pdf)
    assert "Bericht an den Amtsausschuss" in text and "Amt Wilstermarsch" in text
    assert "Eigene Itzehoe" not in text
    assert "Amtsausschuss" in PdfReader(io.BytesIO(member.pdf)).metadata.title
    whole = layout_pdf(render_html(snapshot, audience="public"), isolated=False)
    reader = PdfReader(io.BytesIO(whole.pdf))
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Die Mitglieder im Vergleich" in top
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_the_staff_list_names_organisations_with_queries_that_do_not_grow(
    client, federation, editor, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            organisation = federation["wilster"] if i % 2 else federation["itzehoe"]
            edition = freeze(f"Fassung {n}-{i}", DAY, organisation, editor)
            services.request_report(user=editor, edition=edition)
            services.request_report(user=editor, organisation=organisation)

    client.force_login(editor)
    add(2)
    with django_assert_max_num_queries(40) as small:
        client.get(reverse("editions:edition-list"))
    add(6)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(reverse("editions:edition-list")).content.decode()
    assert page.count("Amt Wilstermarsch") >= 4 and "Stadt Itzehoe" in page


def test_an_edition_frozen_before_a_member_gives_no_report_of_it_but_a_message(client, federation):
    """Frozen before organisations existed: its snapshot knows no member, so a member's
    report of it would be empty or fail in the worker. The request is refused instead."""
    wilster = federation["wilster"]
    old = Edition.objects.create(
        title="Alt", reporting_date=DAY, snapshot={"fields": [], "ideas": {"total": 0}}
    )
    client.force_login(member_of(wilster, "wilster-rita"))
    url = reverse("editions:edition-report-create", args=[old.pk])
    response = client.post(url, {"organisation": wilster.pk, "audience": "public"})
    assert response.status_code == 302
    assert not Report.objects.exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("eingefroren, bevor Amt Wilstermarsch" in m for m in messages), messages
