import datetime
from decimal import Decimal

import pytest

from measures.models import Measure
from tests.factories import (
    FundingLineFactory,
    MeasureFactory,
    ProgressReportFactory,
    UserFactory,
    measure_with_parts,
)

pytestmark = pytest.mark.django_db


def test_figures_are_computed_from_costs_and_approved_grants():
    measure = MeasureFactory(one_off_cost=Decimal("10000"), external_cost=Decimal("5000"))
    FundingLineFactory(measure=measure, source="state", amount=Decimal("6000"), status="approved")
    FundingLineFactory(measure=measure, source="eu", amount=Decimal("2000"), status="applied")
    FundingLineFactory(measure=measure, source="federal", amount=Decimal("9000"), status="rejected")
    FundingLineFactory(measure=measure, source="own", amount=Decimal("7000"), status="approved")
    m = Measure.objects.with_figures().get(pk=measure.pk)
    assert m.total_cost == Decimal("15000")
    assert m.granted_amount == Decimal("6000")  # own budget and unapproved lines are no grant
    assert m.requested_amount == Decimal("8000")  # approved + applied, rejected excluded
    assert m.own_share == Decimal("9000")


def test_measure_without_funding_has_zero_grants_not_null():
    m = Measure.objects.with_figures().get(pk=MeasureFactory().pk)
    assert m.granted_amount == 0
    assert m.current_progress is None


def test_current_progress_is_the_latest_report():
    measure = MeasureFactory()
    ProgressReportFactory(measure=measure, date=datetime.date(2026, 5, 1), percent=70)
    ProgressReportFactory(measure=measure, date=datetime.date(2026, 1, 1), percent=20)
    m = Measure.objects.with_figures().get(pk=measure.pk)
    assert m.current_progress == 70
    assert m.last_report_date == datetime.date(2026, 5, 1)


def test_stale_lists_active_measures_without_recent_report():
    today = datetime.date(2026, 11, 22)
    fresh = MeasureFactory(status="in_progress")
    ProgressReportFactory(measure=fresh, date=today - datetime.timedelta(days=10))
    old = MeasureFactory(status="in_progress")
    ProgressReportFactory(measure=old, date=today - datetime.timedelta(days=120))
    never = MeasureFactory(status="in_progress")
    MeasureFactory(status="planned")  # not started: no report expected yet
    MeasureFactory(status="completed")
    assert set(Measure.objects.stale(days=90, today=today)) == {old, never}


def test_only_the_contact_person_of_the_department_may_edit(department, editor, reader):
    own = MeasureFactory(contact_person=department)
    other = MeasureFactory(contact_person=UserFactory())
    assert own.can_be_edited_by(department)
    assert not other.can_be_edited_by(department)
    assert other.can_be_edited_by(editor)
    assert not own.can_be_edited_by(reader)
    assert set(Measure.objects.editable_by(department)) == {own}
    assert set(Measure.objects.editable_by(reader)) == set()


def test_every_save_of_a_measure_and_its_parts_is_recorded():
    measure = measure_with_parts()
    measure.title = "Geändert"
    measure.save()
    assert measure.history.count() >= 2
    assert measure.history.first().title == "Geändert"
    assert measure.milestones.first().history.count() == 1
