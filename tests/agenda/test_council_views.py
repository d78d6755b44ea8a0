"""Council decisions in the staff pages, the public page, the report and the exports."""

import datetime

import pytest
from django.urls import reverse

from agenda.council.models import Decision
from agenda.models import Edition, SiteProfile
from agenda.report.snapshot import build_snapshot
from tests.factories import DecisionFactory, MeasureFactory
from tests.oparl_server import OParlServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def server(settings):
    settings.OPARL_TIMEOUT_SECONDS = 0.3
    with OParlServer() as running:
        yield running


@pytest.fixture
def measure():
    return MeasureFactory(reference="4.1-9", is_published=True)


def link_url(measure):
    return reverse("council:measure-decision-link", args=[measure.pk])


def test_the_staff_measure_page_lists_decisions_and_offers_the_link(editor_client, measure):
    DecisionFactory(measure=measure, paper_reference="DS/2026/077", result="rejected")
    page = editor_client.get(reverse("measures:measure-detail", args=[measure.pk]))
    html = page.content.decode()
    assert "DS/2026/077" in html
    assert "abgelehnt" in html
    assert link_url(measure) in html


def test_staff_enter_a_decision_by_hand(editor_client, measure):
    response = editor_client.post(
        reverse("council:measure-decision-create", args=[measure.pk]),
        {
            "body": "Kreistag",
            "date": "2026-05-07",
            "paper_reference": "DS/2026/050",
            "result": "adopted",
            "link": "https://ris.example.org/vorlage/50",
        },
    )
    assert response.status_code == 302
    decision = measure.decisions.get()
    assert decision.paper_reference == "DS/2026/050"
    assert not decision.is_example


def test_a_bad_link_is_refused_next_to_the_field_and_the_input_kept(editor_client, measure):
    response = editor_client.post(
        reverse("council:measure-decision-create", args=[measure.pk]),
        {"body": "Kreistag", "result": "adopted", "link": "javascript:alert(1)"},
    )
    assert response.status_code == 200
    assert "link" in response.context["form"].errors
    assert 'value="Kreistag"' in response.content.decode()
    assert not Decision.objects.exists()


def test_staff_delete_a_decision(editor_client, measure):
    decision = DecisionFactory(measure=measure)
    response = editor_client.post(reverse("council:decision-delete", args=[decision.pk]))
    assert response.status_code == 302
    assert not Decision.objects.exists()


def test_staff_search_the_council_system_and_link_a_paper(editor_client, measure, server):
    profile = SiteProfile.current()
    profile.oparl_system_url = server.url("system")
    profile.save()
    page = editor_client.get(link_url(measure), {"query": "DS/2026/030"})
    assert page.status_code == 200
    assert [p["reference"] for p in page.context["papers"]] == ["DS/2026/030"]
    response = editor_client.post(link_url(measure), {"paper": server.url("paper/30")})
    assert response.status_code == 302
    assert measure.decisions.get().result == Decision.Result.POSTPONED
    editor_client.post(link_url(measure), {"paper": server.url("paper/30")})
    assert measure.decisions.count() == 1


def use_system(server):
    profile = SiteProfile.current()
    profile.oparl_system_url = server.url("system")
    profile.save()


def test_a_pasted_paper_address_on_the_council_system_is_offered(editor_client, measure, server):
    use_system(server)
    page = editor_client.get(link_url(measure), {"query": server.url("paper/11")})
    assert [p["reference"] for p in page.context["papers"]] == ["DS/2026/011"]


def test_the_portal_reads_no_address_outside_the_council_system(editor_client, measure, server):
    """Whatever staff paste or post, the portal does not fetch from another host (an address
    inside the county's network, say): only from the system set in the site profile."""
    elsewhere = server.url("paper/11").replace("127.0.0.1", "localhost")
    page = editor_client.get(link_url(measure), {"query": elsewhere})
    assert "keine OParl-Adresse" in page.content.decode()
    response = editor_client.post(link_url(measure), {"paper": server.url("paper/11")})
    assert response.status_code == 200
    assert "keine OParl-Adresse" in response.content.decode()
    use_system(server)
    hits = len(server.hits)
    page = editor_client.get(link_url(measure), {"query": elsewhere})
    assert "gehört nicht zu dem im Profil eingestellten" in page.content.decode()
    response = editor_client.post(link_url(measure), {"paper": elsewhere})
    assert "gehört nicht zu dem im Profil eingestellten" in response.content.decode()
    assert len(server.hits) == hits
    assert not Decision.objects.exists()


def test_a_paper_may_not_send_the_portal_to_another_host():
    from agenda.council import oparl

    files = {
        "http://ris.example.org/paper/1": (
            b'{"id": "http://ris.example.org/paper/1", '
            b'"type": "https://schema.oparl.org/1.1/Paper", '
            b'"consultation": ["http://10.0.0.1/secret"]}'
        )
    }
    with pytest.raises(oparl.OParlError, match="gehört nicht"):
        oparl.fetch_paper("http://ris.example.org/paper/1", source=files.__getitem__)


def test_a_server_that_is_down_gives_staff_a_german_message_not_a_500(
    editor_client, measure, settings
):
    settings.OPARL_TIMEOUT_SECONDS = 0.3
    with OParlServer() as stopped:
        dead = stopped.url("system")
    profile = SiteProfile.current()
    profile.oparl_system_url = dead
    profile.save()
    page = editor_client.get(link_url(measure), {"query": "E-Akte"}, follow=True)
    assert page.status_code == 200
    assert "nicht erreichbar" in page.content.decode()
    page = editor_client.post(link_url(measure), {"paper": dead}, follow=True)
    assert page.status_code == 200
    assert "nicht erreichbar" in page.content.decode()
    assert not Decision.objects.exists()


def test_a_server_error_gives_a_message_not_a_500(editor_client, measure, server):
    use_system(server)
    page = editor_client.post(link_url(measure), {"paper": server.url("broken/500")})
    assert page.status_code == 200
    assert "Fehler 500" in page.content.decode()


def test_the_public_measure_page_shows_its_decisions(client, measure):
    DecisionFactory(
        measure=measure,
        paper_reference="DS/2026/088",
        resolution_text="Der Kreistag beschließt die Umsetzung.",
    )
    page = client.get(reverse("public:measure-detail", args=[measure.reference]))
    html = page.content.decode()
    assert "DS/2026/088" in html
    assert "Der Kreistag beschließt die Umsetzung." in html
    assert "beschlossen" in html


def test_decisions_are_in_the_snapshot_in_a_fixed_number_of_queries(
    django_assert_max_num_queries,
):
    for n in range(3):
        DecisionFactory(measure=MeasureFactory(is_published=True), paper_reference=f"DS/{n}")
    with django_assert_max_num_queries(40) as few:
        build_snapshot()
    for n in range(6):
        DecisionFactory(measure=MeasureFactory(is_published=True), paper_reference=f"DS/x{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        snapshot = build_snapshot()
    decisions = [d for f in snapshot["fields"] for m in f["measures"] for d in m["decisions"]]
    assert {d["paper_reference"] for d in decisions} >= {"DS/0", "DS/x5"}


def test_the_report_shows_decisions_in_the_measure_profile():
    from agenda.report.render import render_html

    DecisionFactory(measure=MeasureFactory(is_published=True), paper_reference="DS/2026/099")
    html = render_html(build_snapshot(), audience="public")
    assert "DS/2026/099" in html
    assert "beschlossen" in html


def test_the_report_cover_shows_the_editions_adoption(editor):
    from agenda.editions.services import report_inputs
    from agenda.models import Report
    from agenda.report.render import render_html

    edition = Edition.objects.create(
        title="Fassung 2027",
        reporting_date=datetime.date(2026, 6, 1),
        snapshot=build_snapshot(),
        adoption=Decision.objects.create(
            body="Amtsausschuss",
            paper_reference="AA/2026/3",
            date=datetime.date(2026, 6, 20),
            result="adopted",
        ),
    )
    report = Report.objects.create(edition=edition)
    inputs = report_inputs(report)
    html = render_html(inputs["snapshot"], audience="public", edition=inputs["edition"])
    assert "Amtsausschuss" in html and "AA/2026/3" in html and "20.06.2026" in html


def test_the_exports_carry_a_decisions_column(editor_client, measure):
    DecisionFactory(measure=measure, paper_reference="DS/2026/066", date=datetime.date(2026, 3, 1))
    csv = editor_client.get(reverse("exports:measures-csv")).content.decode("utf-8-sig")
    assert "Ratsbeschlüsse" in csv.splitlines()[0] or "council decisions" in csv.splitlines()[0]
    assert "Kreistag 01.03.2026 DS/2026/066: beschlossen" in csv
    data = editor_client.get(reverse("exports:measures-json")).json()
    measures = data["measures"] if "measures" in data else data["data"]
    assert measures[0]["decisions"][0]["paper_reference"] == "DS/2026/066"


def test_an_editions_adoption_is_entered_on_its_form(editor_client):
    response = editor_client.post(
        reverse("editions:edition-create"),
        {
            "title": "Fassung 2027",
            "reporting_date": "2026-06-01",
            "decision_body": "Amtsausschuss",
            "decision_reference": "AA/2026/3",
            "decision_date": "2026-06-20",
            "decision_result": "adopted",
        },
    )
    assert response.status_code == 302
    edition = Edition.objects.get()
    assert edition.adoption.body == "Amtsausschuss"
    assert edition.is_adopted
    assert Edition.objects.adopted().get() == edition


def test_the_site_profile_takes_an_oparl_address_and_refuses_other_schemes(editor_client):
    data = {"name": "Amt", "report_title": "Agenda", "update_interval_days": 90}
    url = reverse("editions:site-profile")
    response = editor_client.post(url, {**data, "oparl_system_url": "ftp://ris.example.org/"})
    assert response.status_code == 200
    assert "oparl_system_url" in response.context["form"].errors
    assert 'value="ftp://ris.example.org/"' in response.content.decode()
    good = "https://ris.example.org/oparl/system"
    response = editor_client.post(url, {**data, "oparl_system_url": good})
    assert response.status_code == 302
    assert SiteProfile.current().oparl_system_url == good
