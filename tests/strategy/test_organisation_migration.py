"""An existing single-organisation database migrates to one root that leads everything."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("agenda", "0005_reminders"),
    ("measures", "0005_programme_deadlines"),
    ("strategy", "0003_indicators"),
]
AFTER = [
    ("agenda", "0006_site_root"),
    ("measures", "0006_organisations"),
    ("strategy", "0004_organisations"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def populate(apps):
    ActionField = apps.get_model("strategy", "ActionField")
    Goal = apps.get_model("strategy", "Goal")
    Measure = apps.get_model("measures", "Measure")
    ProgressReport = apps.get_model("measures", "ProgressReport")
    SiteProfile = apps.get_model("agenda", "SiteProfile")
    SiteProfile.objects.create(name="Amt Wilstermarsch")
    field = ActionField.objects.create(
        code="1", title="Verwaltung", slug="verwaltung", perspective="internal", order=1
    )
    goal = Goal.objects.create(action_field=field, title="Alles online", order=1)
    for n in range(3):
        measure = Measure.objects.create(
            reference=f"1-{n}",
            title=f"Maßnahme {n}",
            action_field=field,
            status="in_progress",
            one_off_cost=Decimal("1000.50") * (n + 1),
            planned_start=datetime.date(2026, 1, 1),
            planned_end=datetime.date(2026, 12, 31),
        )
        measure.goals.add(goal)
        ProgressReport.objects.create(
            measure=measure, date=datetime.date(2026, 6, 1), percent=10 * n, text="Läuft."
        )


def snapshot(apps):
    Measure = apps.get_model("measures", "Measure")
    return {
        "measures": sorted(
            Measure.objects.values_list("reference", "title", "one_off_cost", "status")
        ),
        "goal_links": Measure.goals.through.objects.count(),
        "reports": sorted(
            apps.get_model("measures", "ProgressReport").objects.values_list(
                "measure__reference", "percent"
            )
        ),
        "goals": apps.get_model("strategy", "Goal").objects.count(),
    }


@pytest.mark.django_db(transaction=True)
def test_forward_gives_one_root_that_leads_every_measure_and_back_again():
    try:
        old_apps = migrate(BEFORE)
        populate(old_apps)
        before = snapshot(old_apps)

        new_apps = migrate(AFTER)
        Organisation = new_apps.get_model("strategy", "Organisation")
        root = Organisation.objects.get()
        assert (root.name, root.kind, root.slug, root.parent_id) == (
            "Amt Wilstermarsch",
            "verbund",
            "amt-wilstermarsch",
            None,
        )
        Measure = new_apps.get_model("measures", "Measure")
        assert set(Measure.objects.values_list("lead_organisation_id", flat=True)) == {root.pk}
        assert new_apps.get_model("agenda", "SiteProfile").objects.get().root_id == root.pk
        # Shared goals stay shared: they belong to no single member.
        assert not new_apps.get_model("strategy", "Goal").objects.filter(organisation__isnull=False)
        assert snapshot(new_apps) == before

        back_apps = migrate(BEFORE)
        assert snapshot(back_apps) == before
    finally:
        migrate(AFTER)


@pytest.mark.django_db(transaction=True)
def test_an_empty_database_gets_no_organisation():
    try:
        migrate(BEFORE)
        new_apps = migrate(AFTER)
        assert not new_apps.get_model("strategy", "Organisation").objects.exists()
    finally:
        migrate(AFTER)
