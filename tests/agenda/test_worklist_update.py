"""The worklist's one form: several measures' reports in one transaction, or nothing."""

import datetime

import pytest
from django.urls import reverse

from measures.models import Measure, ProgressReport
from tests.factories import MeasureFactory, ProgressReportFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("worklist:index")


def row(measure, /, **changes):
    """What the browser sends for one row; untouched unless `changes` say otherwise."""
    latest = measure.progress_reports.order_by("-date", "-id").first()
    values = {
        "measure": measure.pk,
        "version": measure.version,
        "status": measure.status,
        "date": datetime.date.today().isoformat(),
        "percent": latest.percent if latest else "",
        "text": "",
        "problems": "",
        "next_steps": "",
    }
    values.update(changes)
    return values


def post_data(*rows):
    data = {"form-TOTAL_FORMS": len(rows), "form-INITIAL_FORMS": len(rows)}
    for i, values in enumerate(rows):
        data.update({f"form-{i}-{k}": v for k, v in values.items()})
    return data


@pytest.fixture
def three(department):
    return [
        MeasureFactory(contact_person=department, status="planned", reference=f"8.1-{i}")
        for i in range(3)
    ]


def report(**extra):
    return {"percent": 40, "text": "Ausschreibung läuft.", **extra}


def test_three_measures_are_saved_in_one_go_as_drafts_for_fachbereich(client, department, three):
    client.force_login(department)
    rows = [row(m, status="in_progress", **report(problems=f"P{m.pk}")) for m in three]
    response = client.post(URL, post_data(*rows))
    assert response.status_code == 302
    reports = ProgressReport.objects.filter(measure__in=three)
    assert reports.count() == 3
    assert set(reports.values_list("released_at", flat=True)) == {None}
    assert {r.author for r in reports} == {department}
    for m in three:
        m.refresh_from_db()
        assert (m.status, m.version) == ("in_progress", 2)


def test_redaktion_reports_are_released_at_once(client, editor):
    m = MeasureFactory(contact_person=editor, status="in_progress")
    client.force_login(editor)
    client.post(URL, post_data(row(m, **report())))
    saved = ProgressReport.objects.get(measure=m)
    assert saved.released_at is not None
    assert saved.released_by == editor


def test_untouched_rows_are_skipped(client, department, three):
    ProgressReportFactory(measure=three[1], percent=20, date=datetime.date(2026, 1, 1))
    client.force_login(department)
    rows = [row(three[0], **report()), row(three[1]), row(three[2])]
    assert client.post(URL, post_data(*rows)).status_code == 302
    assert ProgressReport.objects.filter(measure=three[0]).count() == 1
    assert ProgressReport.objects.filter(measure__in=three[1:]).count() == 1  # the old one


def test_a_stale_version_saves_nothing_and_says_so_at_its_row(client, department, three):
    client.force_login(department)
    rows = [row(m, status="in_progress", **report()) for m in three]
    # A colleague saves the second measure after the page was loaded.
    colleague = Measure.objects.get(pk=three[1].pk)
    colleague.status = "on_hold"
    colleague.save()
    response = client.post(URL, post_data(*rows))
    assert response.status_code == 409
    assert not ProgressReport.objects.filter(measure__in=three).exists()
    assert Measure.objects.get(pk=three[0].pk).status == "planned"
    page = response.content.decode()
    assert page.count("inzwischen von jemand anderem geändert") == 1
    assert page.index("inzwischen von jemand anderem") > page.index(three[1].reference)
    assert page.count("Ausschreibung läuft.") == 3  # input kept


def test_a_row_without_text_shows_its_error_and_saves_nothing(client, department, three):
    client.force_login(department)
    rows = [row(three[0], **report()), row(three[1], percent=50)]
    response = client.post(URL, post_data(*rows))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bitte beschreiben Sie den Stand der Maßnahme." in page
    assert not ProgressReport.objects.exists()


def test_a_future_date_is_refused(client, department, three):
    client.force_login(department)
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    response = client.post(URL, post_data(row(three[0], date=tomorrow, **report())))
    assert "nicht in der Zukunft" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_a_foreign_measure_id_gives_a_form_error_not_a_500(client, department, three):
    foreign = MeasureFactory(contact_person=UserFactory(), status="planned")
    client.force_login(department)
    rows = [row(three[0], **report()), row(foreign, **report())]
    response = client.post(URL, post_data(*rows))
    assert response.status_code == 200
    assert "können Sie hier nicht aktualisieren" in response.content.decode()
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("bad", ["abc", "-1", "99999999999999999999999", ""])
def test_a_tampered_id_gives_a_form_error(client, department, three, bad):
    client.force_login(department)
    response = client.post(URL, post_data(row(three[0], **report(), measure=bad)))
    assert response.status_code == 200
    assert not ProgressReport.objects.exists()


def test_a_broken_management_form_gives_no_500(client, department):
    client.force_login(department)
    response = client.post(URL, {"form-TOTAL_FORMS": "x"})
    assert response.status_code == 200


def test_nothing_changed_saves_nothing(client, department, three):
    client.force_login(department)
    response = client.post(URL, post_data(*[row(m) for m in three]), follow=True)
    assert "keine Zeile geändert" in response.content.decode()
    assert Measure.objects.filter(version=1).count() == 3
