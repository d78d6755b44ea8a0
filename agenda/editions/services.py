"""Freezing editions and producing reports: writes across models, each in one place."""

import logging
import time

from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext_noop

from agenda.council.services import adoption_info, save_adoption
from agenda.models import Edition, Report, SiteProfile
from agenda.report.render import layout_pdf, render_html
from agenda.report.snapshot import all_measures, build_snapshot, select

logger = logging.getLogger(__name__)

# Stages shown on the progress page; translated there.
STAGE_QUEUED = gettext_noop("Waiting for the worker")
STAGE_COLLECTING = gettext_noop("Collecting the agenda")
STAGE_WRITING = gettext_noop("Writing the report")
STAGE_LAYOUT = gettext_noop("Laying out the pages")
STAGE_DONE = gettext_noop("Done")


def _enqueue(report):
    transaction.on_commit(lambda: render_report.enqueue(report.pk))


@transaction.atomic
def update_edition(*, form):
    """The edition's description and its adoption by the council."""
    edition = form.save()
    save_adoption(edition=edition, **form.adoption_data())
    return edition


@transaction.atomic
def freeze_edition(*, form, user):
    """Freeze the agenda as it is now and start its report."""
    edition = form.save(commit=False)
    # The lights as they stood on the reporting date, not on the day of freezing.
    edition.snapshot = build_snapshot(today=edition.reporting_date)
    edition.created_by = user
    edition.save()
    save_adoption(edition=edition, **form.adoption_data())
    request_report(
        edition=edition,
        include_unpublished=edition.include_unpublished,
        organisation=edition.organisation,
        user=user,
    )
    return edition


@transaction.atomic
def request_report(
    *,
    user,
    edition=None,
    field_code="",
    include_unpublished=False,
    audience=Report.Audience.PUBLIC,
    organisation=None,
    extent=Report.Extent.FULL,
):
    """A report to render in the background; `organisation` (a member) shows its part only.

    A member's edition has only reports of that member's part.
    """
    if edition is not None and edition.organisation_id:
        organisation = edition.organisation
    report = Report.objects.create(
        edition=edition,
        organisation=organisation,
        field_code=field_code,
        include_unpublished=include_unpublished,
        audience=audience,
        extent=extent,
        created_by=user,
        stage=STAGE_QUEUED,
    )
    _enqueue(report)
    return report


def _edition_info(edition):
    if edition is None:
        return None
    return {
        "title": edition.title,
        "reporting_date": edition.reporting_date.isoformat(),
        **adoption_info(edition.adoption),
    }


def report_inputs(report):
    """What render_html needs besides the audience: the snapshot shown, the snapshot it
    compares with, the edition it is (None for the current state) and the one compared with."""
    if report.edition_id:
        previous = report.edition.previous()
        snapshot, edition = report.edition.snapshot, _edition_info(report.edition)
    else:
        # The current state is compared with the latest edition of the same scope.
        previous = Edition.objects.filter(organisation=report.organisation_id).first()
        snapshot, edition = build_snapshot(), None
    return {
        "snapshot": snapshot,
        "previous": previous.snapshot if previous else None,
        "edition": edition,
        "previous_edition": _edition_info(previous),
    }


def _progress(report_pk, percent, stage):
    # Every write of the worker is a sign of life; a report declared stale stays failed.
    Report.objects.filter(pk=report_pk, status=Report.Status.RUNNING).update(
        progress=percent, stage=stage, heartbeat_at=timezone.now()
    )


@transaction.atomic
def retry_report(*, report, user):
    """A new report with the same options as `report` (which failed)."""
    return request_report(
        user=user,
        edition=report.edition,
        field_code=report.field_code,
        include_unpublished=report.include_unpublished,
        audience=report.audience,
        organisation=report.organisation,
        extent=report.extent,
    )


def run_report(report_id):
    # Claimed once: a report already running, done or given up is not rendered again.
    claimed = Report.objects.filter(pk=report_id, status=Report.Status.QUEUED).update(
        status=Report.Status.RUNNING,
        progress=5,
        stage=STAGE_COLLECTING,
        heartbeat_at=timezone.now(),
    )
    report = Report.objects.select_related("edition", "organisation").get(pk=report_id)
    if not claimed:
        return report
    started = time.monotonic()
    try:
        inputs = report_inputs(report)
        _progress(report.pk, 15, STAGE_WRITING)
        options = {
            "field_code": report.field_code,
            "include_unpublished": report.include_unpublished,
            "organisation": report.organisation.slug if report.organisation_id else "",
        }
        profile = SiteProfile.current()
        html = render_html(
            audience=report.audience,
            compact=report.is_compact,
            logo=profile.logo_data_uri(),
            accent=profile.accent_colour,
            **inputs,
            **options,
        )
        measure_count = len(all_measures(select(inputs["snapshot"], **options)))
        # About two pages per measure profile; the compact table fits some 25 rows a page.
        expected = 12 + (measure_count // 25 if report.is_compact else 2 * measure_count)
        _progress(report.pk, 25, STAGE_LAYOUT)
        last = {"percent": 25}

        def on_page(page):
            percent = min(25 + int(70 * page / expected), 95)
            if percent > last["percent"]:
                last["percent"] = percent
                _progress(report.pk, percent, STAGE_LAYOUT)

        rendered = layout_pdf(html, on_page=on_page)
    except Exception as error:
        logger.exception("Report %s failed", report.pk)
        Report.objects.filter(pk=report.pk).update(
            status=Report.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    # Written even if the report was declared stale meanwhile: the PDF exists after all.
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.DONE,
        progress=100,
        stage=STAGE_DONE,
        error="",
        pdf=rendered.pdf,
        page_count=rendered.pages,
        render_seconds=round(time.monotonic() - started, 2),
        finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )
    report.refresh_from_db()
    return report


@task
def render_report(report_id):
    """Render one report in the background (the worker: `manage.py run_worker`)."""
    run_report(report_id)
