"""Dependencies between measures: cycles refused, the flag and the light (docs/ampel.md)."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from measures.dependencies.demo import DEPENDENCIES, load_demo_dependencies
from measures.dependencies.models import Dependency
from measures.dependencies.queries import dependencies_of
from measures.dependencies.services import add_dependency
from measures.lights import Light
from measures.models import Measure
from tests.factories import DependencyFactory, MeasureFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 1)
END = datetime.date(2026, 12, 31)
TODAY = datetime.date(2026, 7, 2)  # half-way through START..END


def on_track(**kwargs):
    defaults = {"status": "in_progress", "planned_start": START, "planned_end": END}
    measure = MeasureFactory(**{**defaults, **kwargs})
    ProgressReportFactory(measure=measure, date=START, percent=50)
    return measure


def light_of(measure, today=TODAY):
    return Measure.objects.with_light(today).get(pk=measure.pk).light


def message(error):
    return " ".join(error.message_dict["prerequisite"])


def test_a_measure_cannot_depend_on_itself():
    measure = MeasureFactory()
    with pytest.raises(ValidationError) as caught:
        add_dependency(prerequisite=measure, dependant=measure)
    assert "sich selbst" in message(caught.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        Dependency.objects.create(prerequisite=measure, dependant=measure)


def test_a_direct_cycle_is_refused():
    a, b = MeasureFactory(reference="4.2-1"), MeasureFactory(reference="4.3-2")
    add_dependency(prerequisite=a, dependant=b)
    with pytest.raises(ValidationError) as caught:
        add_dependency(prerequisite=b, dependant=a)
    assert message(caught.value) == "4.3-2 hängt bereits von dieser Maßnahme ab."
    assert Dependency.objects.count() == 1


def test_a_cycle_of_three_is_refused_naming_the_way_round():
    a, b, c = (MeasureFactory(reference=r) for r in ("4.1-1", "4.3-2", "4.2-1"))
    add_dependency(prerequisite=a, dependant=b)  # b needs a
    add_dependency(prerequisite=b, dependant=c)  # c needs b
    with pytest.raises(ValidationError) as caught:
        add_dependency(prerequisite=c, dependant=a)  # a would need c
    assert message(caught.value) == "4.2-1 hängt bereits – über 4.3-2 – von dieser Maßnahme ab."


def test_the_cycle_message_has_an_english_msgid():
    from django.utils import translation

    a, b, c = (MeasureFactory(reference=r) for r in ("4.1-1", "4.3-2", "4.2-1"))
    add_dependency(prerequisite=a, dependant=b)
    add_dependency(prerequisite=b, dependant=c)
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        add_dependency(prerequisite=c, dependant=a)
    assert message(caught.value) == "4.2-1 already depends – via 4.3-2 – on this measure."


def test_model_clean_refuses_the_cycle_too():
    a, b = MeasureFactory(), MeasureFactory()
    DependencyFactory(prerequisite=a, dependant=b)
    with pytest.raises(ValidationError):
        Dependency(prerequisite=b, dependant=a).full_clean()


def test_the_service_checks_again_inside_its_transaction():
    """A form checked before a colleague's link was stored still cannot close the cycle."""
    a, b = MeasureFactory(), MeasureFactory()
    form_checked = Dependency(prerequisite=b, dependant=a)
    form_checked.full_clean()
    add_dependency(prerequisite=a, dependant=b)  # the colleague, meanwhile
    with pytest.raises(ValidationError):
        add_dependency(prerequisite=b, dependant=a)
    assert Dependency.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_staff_closing_a_cycle_at_once_leave_no_cycle():
    a, b = MeasureFactory(), MeasureFactory()
    barrier = threading.Barrier(2)
    outcomes = []

    def link(prerequisite, dependant):
        try:
            barrier.wait()
            add_dependency(prerequisite=prerequisite, dependant=dependant)
            outcomes.append("ok")
        except Exception as error:  # noqa: BLE001 - refused or deadlock: either keeps it acyclic
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=link, args=(a, b)),
        threading.Thread(target=link, args=(b, a)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Dependency.objects.count() == 1
    assert outcomes.count("ok") == 1


def test_a_delayed_prerequisite_flags_its_dependant_and_turns_it_at_risk():
    late = on_track(reference="4.2-1", planned_end=datetime.date(2026, 6, 30))
    dependant = on_track(reference="4.3-2", planned_start=datetime.date(2026, 7, 1))
    assert light_of(dependant) == Light.ON_TRACK
    add_dependency(prerequisite=late, dependant=dependant)
    assert light_of(late) == Light.DELAYED
    assert light_of(dependant) == Light.AT_RISK
    assert dependencies_of(dependant, today=TODAY)["reasons"] == ["4.2-1 ist verzögert"]


def test_a_prerequisite_delayed_by_its_progress_flags_its_dependant():
    slow = MeasureFactory(status="in_progress", planned_start=START, planned_end=END)
    ProgressReportFactory(measure=slow, date=START, percent=5)
    dependant = on_track(
        planned_start=datetime.date(2027, 1, 1), planned_end=datetime.date(2027, 12, 31)
    )
    add_dependency(prerequisite=slow, dependant=dependant)
    assert light_of(slow) == Light.DELAYED
    assert light_of(dependant) == Light.AT_RISK


def test_starting_before_the_prerequisite_ends_flags_the_measure():
    first = on_track(reference="4.2-1")
    early = on_track(reference="4.3-2", planned_start=datetime.date(2026, 3, 1))
    add_dependency(prerequisite=first, dependant=early)
    assert light_of(first) == Light.ON_TRACK
    assert light_of(early) == Light.AT_RISK
    assert dependencies_of(early, today=TODAY)["reasons"] == [
        "beginnt, bevor 4.2-1 abgeschlossen sein soll"
    ]


def test_a_completed_prerequisite_clears_the_flag():
    first = on_track(reference="4.2-1", planned_end=datetime.date(2026, 6, 30))
    dependant = on_track(planned_start=datetime.date(2026, 3, 1))
    add_dependency(prerequisite=first, dependant=dependant)
    assert light_of(dependant) == Light.AT_RISK
    Measure.objects.filter(pk=first.pk).update(status="completed")
    assert light_of(dependant) == Light.ON_TRACK
    assert dependencies_of(dependant, today=TODAY)["reasons"] == []


def test_the_flag_looks_one_level_deep_only():
    """A prerequisite that is only at risk through its own prerequisite does not flag."""
    root = on_track(planned_end=datetime.date(2026, 6, 30))  # delayed
    middle = on_track(planned_start=datetime.date(2026, 7, 1), planned_end=END)
    last = on_track(planned_start=datetime.date(2027, 1, 1), planned_end=datetime.date(2027, 6, 30))
    add_dependency(prerequisite=root, dependant=middle)
    add_dependency(prerequisite=middle, dependant=last)
    assert light_of(middle) == Light.AT_RISK
    assert light_of(last) == Light.ON_TRACK


def test_a_prerequisite_that_ends_in_time_does_not_flag():
    first = on_track(planned_end=datetime.date(2026, 6, 30), status="completed")
    second = on_track(planned_start=datetime.date(2026, 7, 1))
    add_dependency(prerequisite=first, dependant=second)
    assert light_of(second) == Light.ON_TRACK


def test_the_demo_dependencies_load_once_and_refer_to_demo_measures():
    from measures.demo_data import MEASURES

    references = {f"{code}-{i}" for code, ms in MEASURES.items() for i in range(1, len(ms) + 1)}
    assert {ref for pair in DEPENDENCIES for ref in pair[:2]} <= references
    for reference in {ref for pair in DEPENDENCIES for ref in pair[:2]}:
        MeasureFactory(reference=reference)
    assert load_demo_dependencies() == len(DEPENDENCIES)
    assert load_demo_dependencies() == 0
