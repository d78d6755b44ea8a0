"""A report is written for an audience: the public never reads the internal notes."""

import datetime
import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from pypdf import PdfReader

from agenda.editions import services
from agenda.editions.forms import EditionForm, ReportForm
from agenda.models import Report
from agenda.report.render import render_html
from agenda.report.snapshot import build_snapshot
from tests.factories import ActionFieldFactory, measure_with_parts

pytestmark = pytest.mark.django_db
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
SECRET = "Kaemmerei-Vorbehalt-XYZ"


def pdf_text(data):
    layout = subprocess.run(  # noqa: S603 - poppler from the system, on our own bytes
        [PDFTOTEXT, "-", "-"], input=bytes(data), capture_output=True, check=True
    ).stdout.decode()
    reader = PdfReader(io.BytesIO(bytes(data)))
    return layout + "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def adopted(editor, django_capture_on_commit_callbacks):
    field = ActionFieldFactory(code="4.1", title="Digitale Verwaltung")
    measure_with_parts(
        action_field=field, reference="4.1-1", title="E-Akte", feasibility_text=SECRET
    )
    form = EditionForm(
        {
            "title": "Beschlossen",
            "reporting_date": "2026-06-01",
            "decision_reference": "KT/2026/17",
            "decision_date": "2026-06-20",
        }
    )
    assert form.is_valid(), form.errors
    with django_capture_on_commit_callbacks(execute=True):
        edition = services.freeze_edition(form=form, user=editor)
    return edition


def test_the_public_report_of_an_adopted_edition_leaves_out_the_feasibility_notes(adopted, client):
    response = client.get(reverse("editions:adopted-pdf", args=[adopted.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "E-Akte" in text
    assert SECRET not in text


def test_the_internal_variant_has_the_notes_and_is_never_served_publicly(
    adopted, editor, client, editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        internal = services.request_report(
            user=editor, edition=adopted, audience=Report.Audience.INTERNAL
        )
    internal.refresh_from_db()
    assert internal.is_done
    assert SECRET in pdf_text(internal.pdf)
    # The newest finished report of the edition is the internal one: the public still
    # gets the public one.
    Report.objects.filter(pk=internal.pk).update(
        finished_at=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC)
    )
    public = client.get(reverse("editions:adopted-pdf", args=[adopted.pk]))
    assert SECRET not in pdf_text(public.content)
    # Staff download it through the staff URL, named so nobody mistakes it.
    staff = editor_client.get(reverse("editions:report-pdf", args=[internal.pk]))
    assert SECRET in pdf_text(staff.content)
    assert "intern" in staff["Content-Disposition"]


def test_only_an_internal_report_on_an_adopted_edition_means_no_public_download(
    adopted, editor, client, django_capture_on_commit_callbacks
):
    adopted.reports.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_report(user=editor, edition=adopted, audience=Report.Audience.INTERNAL)
    assert client.get(reverse("editions:adopted-pdf", args=[adopted.pk])).status_code == 404
    listing = client.get(reverse("editions:adopted-list")).content.decode()
    assert reverse("editions:adopted-pdf", args=[adopted.pk]) not in listing


def test_rendering_must_name_its_audience_and_public_is_what_staff_get_by_default(adopted):
    snapshot = build_snapshot()
    with pytest.raises(TypeError):
        render_html(snapshot)
    assert SECRET not in render_html(snapshot, audience=Report.Audience.PUBLIC)
    assert SECRET in render_html(snapshot, audience=Report.Audience.INTERNAL)
    assert ReportForm().fields["audience"].initial == Report.Audience.PUBLIC


def test_staff_request_the_internal_variant_with_the_report_form(adopted, editor_client):
    url = reverse("editions:edition-report-create", args=[adopted.pk])
    response = editor_client.post(url, {"field_code": "", "audience": "internal"})
    assert response.status_code == 302
    report = Report.objects.latest("id")
    assert report.audience == Report.Audience.INTERNAL
    page = editor_client.get(report.get_absolute_url()).content.decode()
    assert "nicht zur Veröffentlichung" in page or "not for publication" in page
