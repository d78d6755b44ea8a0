import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from measures.management.commands.load_demo import load_demo
from measures.models import (
    Actor,
    FundingDeadline,
    FundingLevel,
    FundingLine,
    FundingProgramme,
    Measure,
    Milestone,
    ProgressReport,
)
from strategy.models import ActionField, Goal, GuidingPrinciple

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
SOON = TODAY + datetime.timedelta(days=60)


@pytest.fixture
def loaded():
    return load_demo()


def row_counts():
    """Rows per model of both apps, including the simple-history tables."""
    models = [
        *apps.get_app_config("strategy").get_models(),
        *apps.get_app_config("measures").get_models(),
    ]
    return {model._meta.label: model.objects.count() for model in models}


def test_principles_and_fields(loaded):
    assert loaded["principles"] == GuidingPrinciple.objects.count() == 6
    assert GuidingPrinciple.objects.first().title == "Wir gestalten Digitalisierung gemeinsam."
    assert GuidingPrinciple.objects.last().title == "Wir nutzen bestehende Lösungen."
    assert ActionField.objects.count() == 9
    assert ActionField.objects.filter(perspective=ActionField.Perspective.INTERNAL).count() == 2
    assert ActionField.objects.filter(perspective=ActionField.Perspective.EXTERNAL).count() == 7
    assert list(ActionField.objects.values_list("code", flat=True)) == [
        "4.1",
        "4.2",
        "5.1",
        "5.2",
        "5.3",
        "5.4",
        "5.5",
        "5.6",
        "5.7",
    ]
    assert ActionField.objects.get(code="5.6").slug == "verkehr-und-mobilitat"
    assert ActionField.objects.get(code="4.1").slug == "digitale-verwaltung"
    assert "Als Ziele wurden identifiziert" not in ActionField.objects.get(code="5.1").situation
    assert loaded["goals"] == Goal.objects.count() == 26
    assert loaded["measures"] == 40  # the concept's, all joint (see test_demo_federation)
    assert loaded["measures"] + loaded["own_measures"] == Measure.objects.count() == 50


def test_every_field_has_goals_and_measures(loaded):
    for field in ActionField.objects.all():
        assert field.goals.count() >= 2, field
        assert field.measures.count() >= 2, field
        references = sorted(field.measures.values_list("reference", flat=True))
        assert f"{field.code}-1" in references


def test_measures_are_linked_and_flagged(loaded):
    for measure in Measure.objects.prefetch_related("goals", "principles", "participations"):
        goals = list(measure.goals.all())
        assert 1 <= len(goals) <= 2, measure
        assert all(goal.action_field_id == measure.action_field_id for goal in goals), measure
        assert 1 <= measure.principles.count() <= 3, measure
        assert 1 <= measure.participations.count() <= 3, measure
        assert 1 <= measure.milestones.count() <= 3, measure
        assert measure.funding_lines.count() <= 2, measure
        assert measure.figures_are_examples, measure
        assert measure.responsible_unit.kind == Actor.Kind.ADMINISTRATION, measure
        assert measure.planned_start <= measure.planned_end, measure
        assert measure.planned_start.year >= 2022 and measure.planned_end.year <= 2027, measure
        measure.full_clean()
        if measure.status in {Measure.Status.IN_PROGRESS, Measure.Status.COMPLETED}:
            assert 1 <= measure.progress_reports.released().count() <= 2, measure
    statuses = set(Measure.objects.values_list("status", flat=True))
    assert statuses >= {"idea", "planned", "in_progress", "completed", "on_hold"}
    published = Measure.objects.published().count()
    assert 20 <= published < Measure.objects.count()


def test_parts_are_valid(loaded):
    for model in [Milestone, FundingLine, ProgressReport, FundingProgramme, Actor]:
        for obj in model.objects.all():
            obj.full_clean()
    assert not ProgressReport.objects.filter(date__gt=TODAY).exists()


def test_funding_source_matches_programme_level(loaded):
    lines = FundingLine.objects.select_related("programme")
    assert lines.filter(programme__isnull=False).exists()
    for line in lines:
        if line.programme is not None:
            assert line.source == line.programme.level, line
        if line.source == FundingLevel.OWN:
            assert line.programme is None, line
    assert {line.source for line in lines} >= {"own", "state", "federal", "eu"}
    assert set(FundingProgramme.objects.values_list("note", flat=True)) == {"Beispielwert"}


def test_dashboard_has_something_to_show(loaded):
    assert Milestone.objects.filter(done=False, due_date__range=(TODAY, SOON)).exists()
    assert Milestone.objects.filter(done=True).exists()
    assert FundingDeadline.objects.filter(date__range=(TODAY, SOON)).exists()
    assert FundingLine.objects.filter(
        status=FundingLine.Status.PLANNED, application_deadline__range=(TODAY, SOON)
    ).exists()
    stale = Measure.objects.stale(today=TODAY).filter(status=Measure.Status.IN_PROGRESS)
    assert stale.filter(last_report_date__isnull=False).exists()


def test_loading_twice_changes_nothing(loaded):
    before = row_counts()
    snapshot = list(Measure.objects.values().order_by("pk"))
    again = load_demo()
    assert again["created"] == {}
    assert again["updated"] == {}
    assert row_counts() == before
    assert list(Measure.objects.values().order_by("pk")) == snapshot


def test_reload_restores_changed_demo_values(loaded):
    measure = Measure.objects.get(reference="5.2-2")
    title, unit, version = measure.title, measure.responsible_unit_id, measure.version
    measure.title = "Geändert"
    measure.responsible_unit = Actor.objects.get(name="Amt Schenefeld")
    measure.save()
    measure.goals.clear()
    history_before = measure.history.count()

    result = load_demo()

    measure.refresh_from_db()
    assert result["updated"] == {"measures": 1}
    assert (measure.title, measure.responsible_unit_id) == (title, unit)
    assert measure.version == version + 2  # the manual save, then the reload
    assert measure.goals.count() >= 1
    assert measure.history.count() > history_before


def test_command_output():
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert (
        "6 Leitlinien, 9 Handlungsfelder, 26 Ziele, 40 gemeinsame und 10 eigene Maßnahmen "
        "der Ämter geladen"
    ) in out.getvalue()
    assert "Neu angelegt" in out.getvalue()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Keine Änderungen" in out.getvalue()


# --- steering: lights, override, draft, actual cost ---------------------------------------

DEMO_DAY = datetime.date(2026, 12, 1)


def test_the_demo_shows_every_light_on_its_day(django_user_model):
    department = django_user_model.objects.create(username="fachbereich")
    load_demo(today=DEMO_DAY)
    published = Measure.objects.published().with_light(DEMO_DAY).with_figures()
    assert {m.light for m in published} == {"on_track", "at_risk", "delayed", "done", "unrated"}
    late = published.get(reference="4.1-1")
    assert (late.light, late.current_progress) == ("delayed", 40)
    assert late.planned_end == datetime.date(2026, 4, 1)  # eight months before
    report = late.progress_reports.released().first()
    assert report.problems.startswith("Beispiel: ") and report.next_steps
    by_hand = published.get(reference="4.1-4")
    assert by_hand.override_is_active and by_hand.computed_light == "delayed"
    assert by_hand.override_reason.startswith("Beispiel: ")
    assert by_hand.override_until > DEMO_DAY
    (draft,) = ProgressReport.objects.drafts()
    assert draft.author == department
    assert draft.text.startswith("Beispiel: ")
    assert Measure.objects.filter(actual_cost__gt=0).count() >= 5
    assert not Measure.objects.filter(figures_are_examples=False).exists()
    texts = ProgressReport.objects.exclude(problems="").values_list("problems", flat=True)
    assert texts and all(text.startswith("Beispiel: ") for text in texts)


def test_the_demo_users_become_authors_of_the_waiting_draft():
    load_demo(today=DEMO_DAY)
    assert ProgressReport.objects.drafts().get().author is None
    call_command("create_demo_users", force=True, stdout=StringIO())
    assert ProgressReport.objects.drafts().get().author.username == "fachbereich"
