import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from measures.models import (
    Actor,
    FundingLine,
    FundingProgramme,
    Measure,
    MeasureActor,
    Milestone,
    ProgressReport,
)
from participation.models import Idea
from strategy.models import (
    ActionField,
    Goal,
    GuidingPrinciple,
    Indicator,
    IndicatorValue,
    Organisation,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Erika"
    last_name = factory.Sequence(lambda n: f"Muster{n}")
    password = factory.django.Password("correct-horse-battery-staple")


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A member (Amt) of the root; pass parent=None for the root itself."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Amt {n}")
    kind = Organisation.Kind.AMT
    slug = factory.Sequence(lambda n: f"amt-{n}")
    parent = factory.LazyFunction(
        lambda: (
            Organisation.objects.root()
            or Organisation.objects.create(name="Verbund", kind="verbund", slug="verbund")
        )
    )


class GuidingPrincipleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuidingPrinciple

    title = factory.Sequence(lambda n: f"Leitlinie {n}")
    text = "Wir machen Digitalisierung für alle."


class ActionFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionField

    code = factory.Sequence(lambda n: f"9.{n}")
    title = factory.Sequence(lambda n: f"Handlungsfeld {n}")
    slug = factory.Sequence(lambda n: f"handlungsfeld-{n}")
    perspective = ActionField.Perspective.EXTERNAL
    situation = "Ausgangslage des Feldes."


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    action_field = factory.SubFactory(ActionFieldFactory)
    title = factory.Sequence(lambda n: f"Ziel {n}")


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Amt {n}")
    kind = Actor.Kind.ADMINISTRATION


class FundingProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingProgramme

    name = factory.Sequence(lambda n: f"Förderprogramm {n}")
    level = "state"
    funding_rate = Decimal("80")


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    reference = factory.Sequence(lambda n: f"9.9-{n}")
    title = factory.Sequence(lambda n: f"Maßnahme {n}")
    action_field = factory.SubFactory(ActionFieldFactory)
    status = Measure.Status.PLANNED
    one_off_cost = Decimal("10000")
    external_cost = Decimal("5000")
    running_cost_per_year = Decimal("1200")
    staff_days = Decimal("20")
    planned_start = datetime.date(2026, 1, 1)
    planned_end = datetime.date(2027, 6, 30)
    is_published = True


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    measure = factory.SubFactory(MeasureFactory)
    title = factory.Sequence(lambda n: f"Meilenstein {n}")
    due_date = datetime.date(2026, 6, 1)


class FundingLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingLine

    measure = factory.SubFactory(MeasureFactory)
    source = "state"
    amount = Decimal("8000")
    status = FundingLine.Status.APPROVED


class MeasureActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeasureActor

    measure = factory.SubFactory(MeasureFactory)
    actor = factory.SubFactory(ActorFactory)
    contribution = "Stellt Personal."


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    measure = factory.SubFactory(MeasureFactory)
    date = datetime.date(2026, 3, 1)
    percent = 30
    text = "Ausschreibung läuft."


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    goal = factory.SubFactory(GoalFactory)
    name = factory.Sequence(lambda n: f"Kennzahl {n}")
    unit = "%"
    baseline_value = Decimal("20")
    baseline_date = datetime.date(2025, 1, 1)
    target_value = Decimal("80")
    target_date = datetime.date(2028, 1, 1)
    source = "Statistik des Amtes"


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    date = datetime.date(2026, 1, 1)
    value = Decimal("40")


def measure_with_parts(**kwargs):
    """A measure with 2 goals, 1 principle, 2 milestones, 2 funding lines, 2 actors, 2 reports."""
    measure = MeasureFactory(**kwargs)
    measure.goals.set([GoalFactory(action_field=measure.action_field) for _ in range(2)])
    measure.principles.set([GuidingPrincipleFactory()])
    MilestoneFactory.create_batch(2, measure=measure)
    FundingLineFactory(measure=measure)
    FundingLineFactory(measure=measure, source="own", status=FundingLine.Status.PLANNED)
    MeasureActorFactory.create_batch(2, measure=measure)
    ProgressReportFactory(measure=measure, date=datetime.date(2026, 1, 10), percent=10)
    ProgressReportFactory(measure=measure, date=datetime.date(2026, 4, 10), percent=40)
    return measure


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    title = factory.Sequence(lambda n: f"Idee {n}")
    description = "Freies WLAN in allen Bürgerbüros."
    kind = Idea.Kind.IDEA


def answered_idea(**kwargs):
    from django.utils import timezone

    defaults = {
        "state": Idea.State.ACCEPTED,
        "public_answer": "Wir prüfen die Umsetzung im Haushalt 2027.",
        "answered_at": timezone.now(),
    }
    return IdeaFactory(**{**defaults, **kwargs})


def overridden_with_draft(measure, light="at_risk"):
    """The measure's light set by hand (until 2099) and a draft report waiting for release."""
    Measure.objects.filter(pk=measure.pk).update(
        light_override=light,
        override_reason="Lieferverzug",
        override_until=datetime.date(2099, 1, 1),
    )
    ProgressReportFactory(measure=measure, percent=90, released_at=None)
    return measure


class DependencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.Dependency"

    prerequisite = factory.SubFactory(MeasureFactory)
    dependant = factory.SubFactory(MeasureFactory)


def score_measure(measure, values, user=None):
    """Give `measure` the values {criterion name: value} (prioritisation, issue 13)."""
    from measures.priorities.models import Criterion, Score

    for name, value in values.items():
        Score.objects.update_or_create(
            measure=measure,
            criterion=Criterion.objects.get(name=name),
            defaults={"value": value, "reason": f"Begründung {name}", "scored_by": user},
        )
    return measure


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agenda.Decision"

    measure = factory.SubFactory(MeasureFactory)
    body = "Kreistag"
    date = datetime.date(2026, 3, 12)
    paper_reference = factory.Sequence(lambda n: f"DS/2026/{n:03d}")
    paper_title = "Beschlussvorlage zur Maßnahme"
    result = "adopted"
    resolution_text = "Der Kreistag stimmt der Maßnahme zu."
    link = "https://ris.example.org/vorlage/1"
