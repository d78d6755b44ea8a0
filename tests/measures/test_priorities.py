"""Prioritisation: score and rank computation, and setting the priority from the score."""

import pytest

from measures.models import EditConflict, Measure
from measures.priorities.defaults import ensure_default_criteria
from measures.priorities.models import Criterion
from measures.priorities.ranking import demand_share, ranked, with_priority
from measures.priorities.services import set_priority_from_score
from participation.models import Support
from tests.factories import IdeaFactory, MeasureFactory, score_measure

pytestmark = pytest.mark.django_db

IMPACT, URGENCY, EFFORT, FUNDING = (
    "Wirkung auf die Ziele",
    "Dringlichkeit",
    "Aufwand",
    "Förderchance",
)


@pytest.fixture
def manual_only():
    """Only the manual defaults count: the computed ones are removed."""
    Criterion.objects.exclude(source=Criterion.Source.MANUAL).delete()


def test_the_suggested_criteria_come_back_after_a_flush_but_never_overwrite_changes():
    Criterion.objects.filter(name=IMPACT).update(weight=7)
    ensure_default_criteria()
    assert Criterion.objects.count() == 6
    assert Criterion.objects.get(name=IMPACT).weight == 7
    Criterion.objects.all().delete()
    ensure_default_criteria()
    assert Criterion.objects.filter(source=Criterion.Source.MANUAL).count() == 4


def score_of(measure):
    return with_priority(Measure.objects.filter(pk=measure.pk)).get()


def test_the_suggested_criteria_exist_after_migrating():
    names = list(Criterion.objects.values_list("name", flat=True))
    assert names[:3] == [IMPACT, URGENCY, EFFORT]
    assert Criterion.objects.get(name=EFFORT).inverted
    assert {c.source for c in Criterion.objects.all()} == {
        "manual",
        "feasibility",
        "citizen_demand",
    }


def test_the_score_is_the_weighted_mean_of_the_normalised_values(manual_only):
    # impact 3/3 (weight 3), urgency 0/3 (weight 2), effort 0/3 inverted → 1 (weight 2),
    # funding 3/3 (weight 1): (3 + 0 + 2 + 1) / 8 = 75 %.
    measure = score_measure(MeasureFactory(), {IMPACT: 3, URGENCY: 0, EFFORT: 0, FUNDING: 3})
    row = score_of(measure)
    assert row.priority_score == pytest.approx(75.0)
    assert row.completeness == 100


def test_an_inverted_criterion_counts_high_values_as_worse(manual_only):
    cheap = score_measure(MeasureFactory(), {EFFORT: 0})
    costly = score_measure(MeasureFactory(), {EFFORT: 3})
    assert score_of(cheap).priority_score == pytest.approx(100.0)
    assert score_of(costly).priority_score == pytest.approx(0.0)


def test_a_one_to_five_scale_is_normalised_from_one(manual_only):
    Criterion.objects.filter(name=IMPACT).update(scale=Criterion.Scale.ONE_TO_FIVE)
    measure = score_measure(MeasureFactory(), {IMPACT: 3})
    assert score_of(measure).priority_score == pytest.approx(50.0)


def test_missing_values_are_left_out_and_lower_the_completeness(manual_only):
    measure = score_measure(MeasureFactory(), {IMPACT: 3})
    row = score_of(measure)
    assert row.priority_score == pytest.approx(100.0)
    assert row.scored_count == 1
    assert row.completeness == 25


def test_a_measure_without_any_value_has_no_score_and_no_rank(manual_only):
    scored = score_measure(MeasureFactory(reference="2"), {IMPACT: 1})
    unscored = MeasureFactory(reference="1")
    rows = list(ranked(Measure.objects.all()))
    assert [r.pk for r in rows] == [scored.pk, unscored.pk]
    assert rows[1].priority_score is None


def test_feasibility_is_taken_from_the_measure_and_unassessed_counts_as_missing():
    Criterion.objects.exclude(source=Criterion.Source.FEASIBILITY).delete()
    good = MeasureFactory(feasibility=Measure.Feasibility.GOOD)
    conditional = MeasureFactory(feasibility=Measure.Feasibility.CONDITIONAL)
    unclear = MeasureFactory(feasibility=Measure.Feasibility.UNCLEAR)
    assert score_of(good).priority_score == pytest.approx(100.0)
    assert score_of(conditional).priority_score == pytest.approx(50.0)
    assert score_of(unclear).priority_score is None
    assert score_of(unclear).completeness == 0


def test_citizen_demand_counts_linked_ideas_and_their_supports_in_buckets():
    Criterion.objects.exclude(source=Criterion.Source.CITIZEN_DEMAND).delete()
    wanted = MeasureFactory()
    idea = IdeaFactory(measure=wanted)
    IdeaFactory(measure=wanted)
    for n in range(8):
        Support.objects.create(idea=idea, supporter=f"browser-{n}")
    nobody = MeasureFactory()
    assert score_of(wanted).citizen_demand == 10
    assert score_of(wanted).priority_score == pytest.approx(100.0)
    assert score_of(nobody).priority_score == pytest.approx(0.0)
    assert [demand_share(n) for n in (0, 2, 3, 9, 10)] == pytest.approx([0, 1 / 3, 2 / 3, 2 / 3, 1])


def test_the_rank_follows_the_score_and_ties_go_by_reference(manual_only):
    low = score_measure(MeasureFactory(reference="1.1-1"), {IMPACT: 1})
    tie_b = score_measure(MeasureFactory(reference="1.1-3"), {IMPACT: 3})
    tie_a = score_measure(MeasureFactory(reference="1.1-2"), {IMPACT: 3})
    rows = list(ranked(Measure.objects.all()))
    assert [(r.pk, r.rank) for r in rows] == [(tie_a.pk, 1), (tie_b.pk, 2), (low.pk, 3)]


def test_the_priority_is_set_from_the_score(manual_only):
    high = score_measure(MeasureFactory(priority=Measure.Priority.LOW), {IMPACT: 3})
    low = score_measure(MeasureFactory(priority=Measure.Priority.HIGH), {IMPACT: 0})
    unscored = MeasureFactory(priority=Measure.Priority.HIGH)
    changed = set_priority_from_score(measures=Measure.objects.all())
    assert {m.pk for m in changed} == {high.pk, low.pk}
    high.refresh_from_db()
    low.refresh_from_db()
    unscored.refresh_from_db()
    assert (high.priority, low.priority) == (Measure.Priority.HIGH, Measure.Priority.LOW)
    assert unscored.priority == Measure.Priority.HIGH
    assert high.version == 2


def test_setting_the_priority_refuses_a_measure_changed_meanwhile(manual_only):
    measure = score_measure(MeasureFactory(priority=Measure.Priority.LOW), {IMPACT: 3})
    with pytest.raises(EditConflict):
        set_priority_from_score(
            measures=Measure.objects.filter(pk=measure.pk),
            expected_versions={measure.pk: measure.version - 1 or 99},
        )
    measure.refresh_from_db()
    assert measure.priority == Measure.Priority.LOW


def test_the_demo_gives_every_measure_example_scores_marked_as_such():
    from measures.priorities.demo import EXAMPLE_REASON, load_demo_scores

    first, second = MeasureFactory(), MeasureFactory()
    assert load_demo_scores() == 2 * Criterion.objects.filter(source="manual").count()
    assert load_demo_scores() == 2 * Criterion.objects.filter(source="manual").count()
    assert set(first.scores.values_list("reason", flat=True)) == {EXAMPLE_REASON}
    assert score_of(second).priority_score is not None
