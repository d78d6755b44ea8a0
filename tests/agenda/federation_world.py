"""The federation of the permission matrix (tests/agenda/test_federation_permissions.py):
two members and their root with staff and objects, and the URL, object and POST data each
URL of the matrix acts on for a target (A, B, joint, shared)."""

import base64
import datetime

import pytest
from django.urls import reverse

from agenda.models import Decision, Edition, Report, SiteProfile
from measures.models import Measure, StaffProfile
from participation.mails import confirmation_token
from strategy.staff import roles
from tests.conftest import user_with_role
from tests.factories import (
    ActionFieldFactory,
    ActorFactory,
    DecisionFactory,
    DependencyFactory,
    FundingProgrammeFactory,
    GoalFactory,
    GuidingPrincipleFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    MeasureFactory,
    OrganisationFactory,
    answered_idea,
)

TINY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def member(organisation, group, username, unit=None):
    user = user_with_role(group, username=username)
    StaffProfile.objects.create(user=user, organisation=organisation, unit=unit)
    return user


@pytest.fixture
def world(db):
    root = OrganisationFactory(name="Verbund", slug="verbund", kind="verbund", parent=None)
    a = OrganisationFactory(name="Amt Wilstermarsch", slug="wilstermarsch", parent=root)
    b = OrganisationFactory(name="Amt Schenefeld", slug="schenefeld", parent=root)
    # With a logo, so that its address answers (without one it is 404 for everyone alike).
    SiteProfile.objects.create(name="Verbund", root=root, logo=TINY_PNG, logo_type="image/png")
    unit_a, unit_b = ActorFactory(name="Bauamt A"), ActorFactory(name="Bauamt B")
    users = {
        "a_editor": member(a, roles.EDITORS, "a-redaktion"),
        "a_department": member(a, roles.DEPARTMENT, "a-fach", unit_a),
        "a_reader": member(a, roles.READ_ONLY, "a-lese"),
        "b_editor": member(b, roles.EDITORS, "b-redaktion"),
        "b_department": member(b, roles.DEPARTMENT, "b-fach", unit_b),
        "b_reader": member(b, roles.READ_ONLY, "b-lese"),
        "root": member(root, roles.EDITORS, "verbund-redaktion"),
    }
    field = ActionFieldFactory()  # the goals' field; "field" below is one nothing uses
    goals = {
        "A": GoalFactory(action_field=field, organisation=a),
        "B": GoalFactory(action_field=field, organisation=b),
        "shared": GoalFactory(action_field=field, organisation=None),
    }
    measures = {
        "A": MeasureFactory(lead_organisation=a, contact_person=users["a_department"]),
        "B": MeasureFactory(lead_organisation=b, contact_person=users["b_department"]),
        "joint": MeasureFactory(lead_organisation=a, contact_person=users["b_department"]),
    }
    measures["joint"].organisation_shares.create(organisation=b)
    indicators = {
        "A": IndicatorFactory(goal=goals["A"], responsible=users["a_department"]),
        "B": IndicatorFactory(goal=goals["B"], responsible=users["b_department"]),
        "shared": IndicatorFactory(goal=goals["shared"], responsible=users["a_department"]),
    }
    ideas = {
        "A": answered_idea(organisation=a, responsible_unit=unit_a, email="a@example.org"),
        "B": answered_idea(organisation=b, responsible_unit=unit_b, email="b@example.org"),
        "shared": answered_idea(organisation=None, responsible_unit=unit_a, email="c@ex.org"),
    }
    # Editions and reports of the whole federation (shared) and of each member.
    scopes = {"A": a, "B": b, "shared": None}
    editions = {
        key: Edition.objects.create(
            title=f"Fassung {key}",
            reporting_date=datetime.date(2026, 1, 1),
            snapshot={"fields": []},
            organisation=organisation,
        )
        for key, organisation in scopes.items()
    }
    reports = {
        key: Report.objects.create(
            status="done", pdf=b"%PDF-1.7", page_count=1, organisation=organisation
        )
        for key, organisation in scopes.items()
    }
    adopted = Edition.objects.create(
        title="Beschlossen",
        reporting_date=datetime.date(2026, 1, 1),
        snapshot={"fields": []},
        adoption=Decision.objects.create(
            body="Kreistag", date=datetime.date(2026, 2, 1), result="adopted"
        ),
    )
    Report.objects.create(
        edition=adopted, status="done", pdf=b"%PDF-1.7", page_count=1, audience="public"
    )
    return {
        "users": users,
        "organisations": {"A": a, "B": b},
        "goals": goals,
        "measures": measures,
        "indicators": indicators,
        "values": {k: IndicatorValueFactory(indicator=i) for k, i in indicators.items()},
        "ideas": ideas,
        "field": ActionFieldFactory(),
        "principle": GuidingPrincipleFactory(),
        "actor": ActorFactory(),
        "programme": FundingProgrammeFactory(),
        "editions": editions,
        "adopted": adopted,
        "reports": reports,
        "decisions": {k: DecisionFactory(measure=m) for k, m in measures.items()},
        "dependencies": {
            k: DependencyFactory(dependant=m, prerequisite=MeasureFactory(lead_organisation=root))
            for k, m in measures.items()
        },
    }


def target_object(name, world, target):
    """The object `name` acts on for `target` (A, B, joint, shared), or None."""
    short = name.split(":")[-1]
    if short.startswith("indicator-value-") and not short.endswith("create"):
        return world["values"][target]
    kinds = {
        "principle": lambda: world["principle"],
        "field": lambda: world["field"],
        "goal": lambda: world["goals"][target],
        "indicator": lambda: world["indicators"][target],
        "measure": lambda: world["measures"][target],
        "progress": lambda: world["measures"][target],
        "light": lambda: world["measures"][target],
        "actor": lambda: world["actor"],
        "programme": lambda: world["programme"],
        "idea": lambda: world["ideas"][target],
        "edition": lambda: world["editions"][target],
        "report": lambda: world["reports"][target],
        "organisation": lambda: world["organisations"][target],
        "adopted": lambda: world["adopted"],
        "erase": lambda: world["ideas"][target],
        "confirm": lambda: world["ideas"][target],
        "priority": lambda: world["measures"][target],
        "decision": lambda: world["decisions"][target],
        "dependency": lambda: world["dependencies"][target],
    }
    return kinds[short.split("-")[0]]()


def url_for(name, world, target):
    if target is None:
        if name in ("brand-css", "brand-logo"):
            return reverse(name, kwargs={"version": SiteProfile.brand()["version"]})
        if name in ("legal-page", "legal-page-edit"):
            return reverse(name, args=["impressum"])
        return reverse(name)
    obj = target_object(name, world, target)
    if name == "participation:idea-promote":
        return f"{reverse(name)}?idee={obj.pk}"
    if name in ("participation:idea-status", "participation:erase-my-data"):
        return reverse(name, args=[obj.token])
    if name == "participation:confirm-email":
        return reverse(name, args=[confirmation_token(obj)])
    if name in ("public:field-detail", "public:field-figures", "public:organisation-detail"):
        return reverse(name, args=[obj.slug])
    if name == "public:measure-detail":
        return reverse(name, args=[obj.reference])
    return reverse(name, args=[obj.pk])


def post_data(name, world, target):
    if name.endswith("-move"):
        return {"direction": "up"}
    if target is not None and name.startswith("measures:measure"):
        # The current version: a permitted save before moved it on.
        obj = target_object(name, world, target)
        return {"version": Measure.objects.get(pk=obj.pk).version}
    if name in ("measures:progress-create", "measures:light-override"):
        obj = target_object(name, world, target)
        return {"version": Measure.objects.get(pk=obj.pk).version}
    if name == "participation:idea-promote":
        return {"idee": target_object(name, world, target).pk}
    return {}


def still_there(name, world, target):
    obj = target_object(name, world, target)
    return type(obj).objects.filter(pk=obj.pk).exists()
