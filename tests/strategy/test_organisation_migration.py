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
    ("measures", "0007_lead_organisation_required"),
    ("strategy", "0004_organisations"),
]
TODAY = datetime.date(2026, 7, 1)


def migrate(targets=None):
    """Migrate to `targets`; None: to the latest migrations of every app."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
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
        # Back to the newest migrations, whatever was added after this test was written.
        migrate()


@pytest.mark.django_db(transaction=True)
def test_an_empty_database_gets_no_organisation():
    try:
        migrate(BEFORE)
        new_apps = migrate(AFTER)
        assert not new_apps.get_model("strategy", "Organisation").objects.exists()
    finally:
        migrate()


@pytest.mark.django_db(transaction=True)
def test_the_lead_is_required_and_a_lost_one_is_filled_with_the_root():
    """Measures that lost their lead before 0007 get the root (made if missing)."""
    from django.db import IntegrityError, transaction

    try:
        apps = migrate([("measures", "0006_organisations"), ("agenda", "0006_site_root")])
        field = apps.get_model("strategy", "ActionField").objects.create(
            code="1", title="Verwaltung", slug="verwaltung", perspective="internal", order=1
        )
        apps.get_model("measures", "Measure").objects.create(
            reference="1-1", title="Ohne Leitung", action_field=field, status="idea"
        )
        assert not apps.get_model("strategy", "Organisation").objects.exists()

        apps = migrate(AFTER)
        root = apps.get_model("strategy", "Organisation").objects.get()
        assert root.parent_id is None and root.kind == "verbund"
        Measure = apps.get_model("measures", "Measure")
        assert Measure.objects.get().lead_organisation_id == root.pk
        with pytest.raises(IntegrityError), transaction.atomic():
            Measure.objects.update(lead_organisation=None)
    finally:
        migrate()


# -- the report data before and after ------------------------------------------------------

# reference: (status, start, end, released progress or None, override), light as of TODAY
PLAN = {
    "1-1": ("in_progress", (1, 1), (12, 31), 50, "", "on_track"),
    "1-2": ("in_progress", (1, 1), (12, 31), 10, "", "delayed"),
    "1-3": ("completed", (1, 1), (5, 31), 100, "", "done"),
    "1-4": ("on_hold", (1, 1), (12, 31), 45, "", "at_risk"),
    "1-5": ("idea", None, None, None, "", "unrated"),
    "1-10": ("in_progress", (1, 1), (12, 31), 50, "delayed", "delayed"),
}


def populate_report(apps):
    """A single-organisation agenda as it stood before the federation, with every light."""
    ActionField = apps.get_model("strategy", "ActionField")
    Goal = apps.get_model("strategy", "Goal")
    Measure = apps.get_model("measures", "Measure")
    ProgressReport = apps.get_model("measures", "ProgressReport")
    FundingLine = apps.get_model("measures", "FundingLine")
    apps.get_model("agenda", "SiteProfile").objects.create(name="Amt Wilstermarsch")
    field = ActionField.objects.create(
        code="1", title="Verwaltung", slug="verwaltung", perspective="internal", order=1
    )
    other = ActionField.objects.create(
        code="2", title="Bildung", slug="bildung", perspective="external", order=2
    )
    goals = [
        Goal.objects.create(action_field=field, title="Alles online", order=1),
        Goal.objects.create(action_field=other, title="Schulen vernetzt", order=1),
    ]
    for n, (reference, plan) in enumerate(PLAN.items(), start=1):
        status, start, end, progress, override, _light = plan
        measure = Measure.objects.create(
            reference=reference,
            title=f"Maßnahme {reference}",
            action_field=field,
            status=status,
            one_off_cost=Decimal("1000.50") * n,
            external_cost=Decimal(250 * n),
            running_cost_per_year=Decimal(100),
            staff_days=Decimal(n),
            planned_start=datetime.date(2026, *start) if start else None,
            planned_end=datetime.date(2026, *end) if end else None,
            light_override=override,
            override_reason="Lieferung fehlt" if override else "",
            override_until=datetime.date(2026, 12, 31) if override else None,
            is_published=n % 2 == 1,
        )
        measure.goals.add(goals[0])
        if n % 2:
            measure.goals.add(goals[1])
        if progress is not None:
            released = datetime.datetime(2026, 6, 2, tzinfo=datetime.UTC)
            ProgressReport.objects.create(
                measure=measure,
                date=datetime.date(2026, 6, 1),
                percent=progress,
                text="Läuft.",
                released_at=released,
            )
            # A later draft does not count, before or after.
            ProgressReport.objects.create(
                measure=measure,
                date=datetime.date(2026, 6, 20),
                percent=99,
                text="Entwurf.",
                released_at=None,
            )
        FundingLine.objects.create(
            measure=measure, source="state", amount=Decimal(300 * n), status="approved"
        )


def expected_report(apps):
    """What the report showed of each measure, read from the old tables themselves."""
    Measure = apps.get_model("measures", "Measure")
    ProgressReport = apps.get_model("measures", "ProgressReport")
    rows = {}
    for m in Measure.objects.order_by("reference"):
        latest = (
            ProgressReport.objects.filter(measure=m, released_at__isnull=False)
            .order_by("-date", "-id")
            .first()
        )
        rows[m.reference] = {
            "title": m.title,
            "total_cost": float(m.one_off_cost + m.external_cost),
            "one_off_cost": float(m.one_off_cost),
            "staff_days": float(m.staff_days),
            "progress": latest.percent if latest else None,
            "goals": sorted(m.goals.values_list("title", flat=True)),
            "light": PLAN[m.reference][5],
        }
    return rows


def report_rows(snapshot):
    return {
        m["reference"]: {
            "title": m["title"],
            "total_cost": float(m["total_cost"]),
            "one_off_cost": float(m["one_off_cost"]),
            "staff_days": float(m["staff_days"]),
            "progress": m["progress"],
            "goals": sorted(m["goals"]),
            "light": m["light"],
        }
        for field in snapshot["fields"]
        for m in field["measures"]
    }


@pytest.mark.django_db(transaction=True)
def test_the_report_shows_the_same_agenda_after_migrating_all_the_way_forward():
    from agenda.report.snapshot import build_snapshot

    try:
        old_apps = migrate(BEFORE)
        populate_report(old_apps)
        before = expected_report(old_apps)
        assert len(before) == len(PLAN)

        migrate()
        data = build_snapshot(today=TODAY)
        after = report_rows(data)
        for reference, row in before.items():
            assert after[reference] == row, reference
        assert after.keys() == before.keys()
        assert data["organisation"]["name"] == "Amt Wilstermarsch"
        assert [g["title"] for f in data["fields"] for g in f["goals"]] == [
            "Alles online",
            "Schulen vernetzt",
        ]
        rollup = data["fields"][0]["rollups"]["all"]
        assert rollup["measure_count"] == len(PLAN)
        lights = {"on_track": 1, "delayed": 2, "done": 1, "at_risk": 1, "unrated": 1}
        assert rollup["lights"] == lights
        assert float(rollup["planned_cost"]) == sum(r["total_cost"] for r in before.values())
        assert data["fields"][0]["rollups"]["published"]["measure_count"] == 3
    finally:
        migrate()
