"""Every staff URL, for every role: who may read, who may write.

The URL list is generated from the URL configuration, so a new staff URL without an entry
in EXPECTED fails here.
"""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from agenda.models import Edition, Report
from measures.models import StaffProfile
from tests.factories import (
    ActorFactory,
    DecisionFactory,
    DependencyFactory,
    FundingProgrammeFactory,
    GoalFactory,
    GuidingPrincipleFactory,
    IdeaFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db

READ = "read"  # every role reads
EDIT = "edit"  # Redaktion and Administration
OWN = "own"  # like EDIT, plus Fachbereich for their own measure
UNIT = "unit"  # like EDIT, plus Fachbereich for an idea routed to their unit

EXPECTED = {
    "dashboard": READ,
    "strategy:principle-list": READ,
    "strategy:principle-detail": READ,
    "strategy:principle-create": EDIT,
    "strategy:principle-update": EDIT,
    "strategy:principle-delete": EDIT,
    "strategy:principle-move": EDIT,
    "strategy:field-list": READ,
    "strategy:field-detail": READ,
    "strategy:field-create": EDIT,
    "strategy:field-update": EDIT,
    "strategy:field-delete": EDIT,
    "strategy:field-move": EDIT,
    "strategy:goal-list": READ,
    "strategy:goal-detail": READ,
    "strategy:goal-create": EDIT,
    "strategy:goal-update": EDIT,
    "strategy:goal-delete": EDIT,
    "strategy:goal-move": EDIT,
    "strategy:indicator-list": READ,
    "strategy:indicator-detail": READ,
    "strategy:indicator-create": EDIT,
    "strategy:indicator-update": EDIT,
    "strategy:indicator-delete": EDIT,
    # Values: the editing roles and the indicator's responsible person (here Fachbereich).
    "strategy:indicator-value-create": OWN,
    "strategy:indicator-value-update": OWN,
    "strategy:indicator-value-delete": OWN,
    "measures:measure-list": READ,
    "measures:measure-detail": READ,
    "measures:measure-create": EDIT,
    "measures:measure-update": OWN,
    "measures:measure-delete": EDIT,
    "measures:progress-create": OWN,
    "measures:light-override": OWN,
    "measures:measure-dependency-create": OWN,
    "measures:dependency-delete": OWN,
    # Releasing progress reports: Redaktion and Administration, not the departments.
    "measures:progress-release-list": EDIT,
    "measures:actor-list": READ,
    "measures:actor-detail": READ,
    "measures:actor-create": EDIT,
    "measures:actor-update": EDIT,
    "measures:actor-delete": EDIT,
    # Prioritisation: everyone reads the ranking; scoring like editing the measure.
    "measures:priority-list": READ,
    "measures:priority-criteria": EDIT,
    "measures:priority-score": OWN,
    "measures:priority-set": EDIT,
    "measures:programme-list": READ,
    "measures:programme-detail": READ,
    "measures:programme-create": EDIT,
    "measures:programme-update": EDIT,
    "measures:programme-delete": EDIT,
    # Ideas carry personal data: only the moderating roles, not readers or departments.
    "participation:inbox": EDIT,
    "participation:idea-create-staff": EDIT,
    "participation:idea-moderate": EDIT,
    "participation:idea-bulk": EDIT,
    "participation:idea-promote": EDIT,
    # The unit an idea is routed to answers it (without seeing who handed it in).
    "participation:idea-answer": UNIT,
    # Every staff user has a worklist and a profile; the reminder log is Redaktion's.
    "worklist:index": READ,
    "worklist:settings": READ,
    "reminders:log": EDIT,
    "legal-page-edit": EDIT,
    "exports:measures-csv": READ,
    "exports:measures-xlsx": READ,
    "exports:measures-json": READ,
    "exports:import": EDIT,
    "exports:indicators-xlsx": READ,
    "exports:indicators-import": EDIT,
    # Every role, council members included, reads editions and downloads their reports.
    "editions:edition-list": READ,
    "editions:edition-detail": READ,
    "editions:compare": READ,
    "editions:report-detail": READ,
    "editions:report-status": READ,
    "editions:report-pdf": READ,
    "editions:edition-create": EDIT,
    "editions:edition-update": EDIT,
    "editions:edition-report-create": EDIT,
    "editions:report-create": EDIT,
    "editions:report-retry": EDIT,
    "editions:site-profile": EDIT,
    # Council decisions: who may edit the measure (Fachbereich for their own).
    "council:measure-decision-create": OWN,
    "council:measure-decision-link": OWN,
    "council:decision-update": OWN,
    "council:decision-delete": OWN,
}
# Views that only take POST; a permitted POST without data is sent back with a message.
POST_ONLY = {
    "participation:idea-bulk",
    "editions:edition-report-create",
    "editions:report-create",
    "editions:report-retry",
    "measures:priority-set",
}
PUBLIC = {"login", "logout"}


def staff_url_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from staff_url_names(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            route = str(pattern.pattern).lstrip("^")
            if route.startswith("intern/") or (
                namespace and namespace[:-1] in {"strategy", "measures", "exports"}
            ):
                yield f"{namespace}{pattern.name}"


def test_every_staff_url_has_an_expectation():
    names = set(staff_url_names()) - PUBLIC
    assert names == set(EXPECTED), (
        f"missing: {names - set(EXPECTED)}, stale: {set(EXPECTED) - names}"
    )


@pytest.fixture
def objects(department):
    own = MeasureFactory(contact_person=department)
    unit = ActorFactory()
    StaffProfile.objects.create(user=department, unit=unit)
    indicator = IndicatorFactory(responsible=department)
    return {
        "indicator": indicator,
        "indicator-value": IndicatorValueFactory(indicator=indicator),
        "principle": GuidingPrincipleFactory(),
        "field": own.action_field,
        "goal": GoalFactory(),
        "measure": own,
        "actor": ActorFactory(),
        "programme": FundingProgrammeFactory(),
        "progress": own,
        "light": own,
        "dependency": DependencyFactory(dependant=own),
        "priority": own,
        "decision": DecisionFactory(measure=own),
        "idea": IdeaFactory(responsible_unit=unit),
        "edition": Edition.objects.create(
            title="Fassung", reporting_date=datetime.date(2026, 1, 1), snapshot={"fields": []}
        ),
        "report": Report.objects.create(status="done", pdf=b"%PDF-1.7", page_count=1),
    }


def url_for(name, objects):
    if name == "legal-page-edit":
        return reverse(name, args=["datenschutz"])
    if name == "participation:idea-promote":
        return f"{reverse(name)}?idee={objects['idea'].pk}"
    short = name.split(":")[-1].split("-")[0]
    if name.endswith(("value-update", "value-delete")):
        short = "indicator-value"
    try:
        return reverse(name)
    except Exception:  # noqa: BLE001 - needs a pk
        return reverse(name, args=[objects[short].pk])


def is_write(name):
    return not name.endswith(("-list", "-detail")) and name != "dashboard"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_anonymous_users_are_sent_to_the_login(client, objects, name):
    url = url_for(name, objects)
    post = name.endswith("-move") or name in POST_ONLY
    response = client.post(url) if post else client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_holding_a_status_link_opens_no_staff_page(client, objects, name):
    """A citizen who handed in an idea holds a private link, and nothing more."""
    idea = objects["idea"]
    assert client.get(idea.get_status_url()).status_code == 200
    url = url_for(name, objects)
    post = name.endswith("-move") or name in POST_ONLY
    response = client.post(url) if post else client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("role", ["no_role", "reader", "department", "editor", "admin_user_role"])
def test_each_role_gets_exactly_its_rights(client, objects, request, name, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    url = url_for(name, objects)
    rule = EXPECTED[name]
    allowed = {
        READ: role != "no_role",
        EDIT: role in {"editor", "admin_user_role"},
        OWN: role in {"editor", "admin_user_role", "department"},
        UNIT: role in {"editor", "admin_user_role", "department"},
    }[rule]
    if name.endswith("-move") or name in POST_ONLY:
        response = client.post(url, {"direction": "up"})
        assert (response.status_code == 302) == allowed
        assert (response.status_code == 403) == (not allowed)
        return
    response = client.get(url)
    assert response.status_code == (200 if allowed else 403), (name, role)


def test_department_member_cannot_edit_a_colleagues_measure(client, department):
    foreign = MeasureFactory(title="Fremd")
    client.force_login(department)
    assert client.get(reverse("measures:measure-update", args=[foreign.pk])).status_code == 403
    response = client.post(
        reverse("measures:measure-update", args=[foreign.pk]), {"title": "Gekapert"}
    )
    assert response.status_code == 403
    foreign.refresh_from_db()
    assert foreign.title == "Fremd"


def test_read_only_role_cannot_write_by_posting_directly(client, reader):
    principle = GuidingPrincipleFactory(title="Bleibt")
    client.force_login(reader)
    response = client.post(
        reverse("strategy:principle-update", args=[principle.pk]), {"title": "Neu"}
    )
    assert response.status_code == 403
    response = client.post(reverse("strategy:principle-delete", args=[principle.pk]))
    assert response.status_code == 403
    principle.refresh_from_db()
    assert principle.title == "Bleibt"
