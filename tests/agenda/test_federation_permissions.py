"""The permission matrix of a federation: every URL, for the staff of two members and the root.

Users: Redaktion, Fachbereich and Lesezugriff of member A and of member B, and the root's
Redaktion. Objects: of member A, of member B, a joint measure (led by A, B takes part) and
shared ones (goals without an organisation, principles, catalogues, ideas for everyone).
The URL list comes from the URL configuration: a new URL without an entry in EXPECTED fails.
Each URL is one test; its objects are built once and every user's GET and POST run on them.
"""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from measures.models import Measure
from tests.agenda.federation_world import (
    post_data,
    still_there,
    url_for,
    world,  # noqa: F401 - the fixture
)

pytestmark = pytest.mark.django_db

USERS = ["a_editor", "a_department", "a_reader", "b_editor", "b_department", "b_reader", "root"]
ORG = {"a": "A", "b": "B", "root": "root"}
# Whose an object is: the joint measure is led by A; shared things belong to the whole
# federation (None), which only the root's staff act for.
OWNER = {"A": "A", "B": "B", "joint": "A", "shared": None}
# Fachbereich: contact person / responsible / unit of these objects (the joint measure's
# contact person works for B, the measure is led by A: she may not edit it).
DEPARTMENT_OF = {"A": "a_department", "B": "b_department", "joint": "b_department"}


def org(user):
    return ORG[user.split("_")[0]]


def role(user):
    return "editor" if user == "root" else user.split("_")[1]


def everyone(user, target):
    return True


def any_editor(user, target):
    return role(user) == "editor"


def root_only(user, target):
    return user == "root"


def owner_editor(user, target):
    return role(user) == "editor" and (org(user) == "root" or org(user) == OWNER[target])


def editor_in_scope(user, target):
    """Redaktion of the owner, or any Redaktion where the object is the whole federation's."""
    return role(user) == "editor" and (target == "shared" or owner_editor(user, target))


def owner_or_department(user, target):
    """Redaktion of the owner, or its Fachbereich for their own measure, indicator, idea."""
    own = DEPARTMENT_OF.get(target) == user and org(user) == OWNER[target]
    return owner_editor(user, target) or own


PUBLIC, READ, WRITE, POST_ONLY, DELETE = "public", "read", "write", "post-only", "delete"
SHARED, MEMBERS, JOINT = ["shared"], ["A", "B", "shared"], ["A", "B", "joint"]

# name: (kind, who may, targets). READ pages: every staff user, POST refused (405).
# WRITE: GET and an empty POST for who may (200 or 302), 403/404 for the others.
# DELETE: like WRITE; only one permitted user really deletes, after everyone else tried.
EXPECTED = {
    "dashboard": (READ, everyone, None),
    "strategy:principle-list": (READ, everyone, None),
    "strategy:principle-detail": (READ, everyone, SHARED),
    "strategy:principle-create": (WRITE, root_only, None),
    "strategy:principle-update": (WRITE, owner_editor, SHARED),
    "strategy:principle-delete": (DELETE, owner_editor, SHARED),
    "strategy:principle-move": (POST_ONLY, owner_editor, SHARED),
    "strategy:field-list": (READ, everyone, None),
    "strategy:field-detail": (READ, everyone, SHARED),
    "strategy:field-create": (WRITE, root_only, None),
    "strategy:field-update": (WRITE, owner_editor, SHARED),
    "strategy:field-delete": (DELETE, owner_editor, SHARED),
    "strategy:field-move": (POST_ONLY, owner_editor, SHARED),
    "strategy:goal-list": (READ, everyone, None),
    "strategy:goal-detail": (READ, everyone, MEMBERS),
    "strategy:goal-create": (WRITE, any_editor, None),
    "strategy:goal-update": (WRITE, owner_editor, MEMBERS),
    "strategy:goal-delete": (DELETE, owner_editor, MEMBERS),
    "strategy:goal-move": (POST_ONLY, owner_editor, MEMBERS),
    "strategy:indicator-list": (READ, everyone, None),
    "strategy:indicator-detail": (READ, everyone, MEMBERS),
    "strategy:indicator-create": (WRITE, any_editor, None),
    "strategy:indicator-update": (WRITE, owner_editor, MEMBERS),
    "strategy:indicator-delete": (DELETE, owner_editor, MEMBERS),
    "strategy:indicator-value-create": (WRITE, owner_or_department, MEMBERS),
    "strategy:indicator-value-update": (WRITE, owner_or_department, MEMBERS),
    "strategy:indicator-value-delete": (DELETE, owner_or_department, MEMBERS),
    "measures:measure-list": (READ, everyone, None),
    "measures:measure-detail": (READ, everyone, JOINT),
    "measures:measure-create": (WRITE, any_editor, None),
    "measures:measure-update": (WRITE, owner_or_department, JOINT),
    "measures:measure-delete": (DELETE, owner_editor, JOINT),
    "measures:progress-create": (WRITE, owner_or_department, JOINT),
    "measures:light-override": (WRITE, owner_or_department, JOINT),
    "measures:progress-release-list": (WRITE, any_editor, None),
    "measures:actor-list": (READ, everyone, None),
    "measures:actor-detail": (READ, everyone, SHARED),
    "measures:actor-create": (WRITE, any_editor, None),
    "measures:actor-update": (WRITE, owner_editor, SHARED),
    "measures:actor-delete": (DELETE, owner_editor, SHARED),
    "measures:programme-list": (READ, everyone, None),
    "measures:programme-detail": (READ, everyone, SHARED),
    "measures:programme-create": (WRITE, any_editor, None),
    "measures:programme-update": (WRITE, owner_editor, SHARED),
    "measures:programme-delete": (DELETE, owner_editor, SHARED),
    "participation:inbox": (READ, any_editor, None),
    "participation:idea-create-staff": (WRITE, any_editor, None),
    "participation:idea-moderate": (WRITE, owner_editor, MEMBERS),
    "participation:idea-answer": (WRITE, owner_or_department, MEMBERS),
    "participation:idea-bulk": (POST_ONLY, any_editor, None),
    "participation:idea-promote": (WRITE, owner_editor, MEMBERS),
    "worklist:index": (WRITE, everyone, None),
    "worklist:settings": (WRITE, everyone, None),
    "reminders:log": (READ, any_editor, None),
    "legal-page-edit": (WRITE, root_only, None),
    "exports:measures-csv": (READ, everyone, None),
    "exports:measures-xlsx": (READ, everyone, None),
    "exports:measures-json": (READ, everyone, None),
    "exports:import": (WRITE, any_editor, None),
    "exports:indicators-xlsx": (READ, everyone, None),
    "exports:indicators-import": (WRITE, any_editor, None),
    # Editions and reports: left as they were (agenda/editions is another helper's).
    "editions:edition-list": (READ, everyone, None),
    "editions:edition-detail": (READ, everyone, MEMBERS),
    "editions:compare": (READ, everyone, None),
    "editions:report-detail": (READ, everyone, MEMBERS),
    "editions:report-status": (READ, everyone, MEMBERS),
    "editions:report-pdf": (READ, everyone, MEMBERS),
    # A member freezes and requests for itself only (the form offers nothing else).
    "editions:edition-create": (WRITE, any_editor, None),
    "editions:edition-update": (WRITE, owner_editor, MEMBERS),
    # The federation's edition: every member's Redaktion asks for its own part's report.
    "editions:edition-report-create": (POST_ONLY, editor_in_scope, MEMBERS),
    "editions:report-create": (POST_ONLY, any_editor, None),
    "editions:report-retry": (POST_ONLY, owner_editor, MEMBERS),
    "editions:site-profile": (WRITE, root_only, None),
    "editions:adopted-list": (PUBLIC, everyone, None),
    "editions:adopted-pdf": (PUBLIC, everyone, SHARED),
    "home": (PUBLIC, everyone, None),
    "healthz": (PUBLIC, everyone, None),
    # The brand's files, at the current version (an old one redirects to it).
    "brand-css": (PUBLIC, everyone, None),
    "brand-logo": (PUBLIC, everyone, None),
    "legal-page": (PUBLIC, everyone, None),
    "participation:idea-list": (PUBLIC, everyone, None),
    "participation:idea-create": (PUBLIC, everyone, None),
    "participation:captcha": (PUBLIC, everyone, None),
    "participation:idea-public-detail": (PUBLIC, everyone, SHARED),
    "participation:idea-status": (PUBLIC, everyone, SHARED),
    "participation:idea-support": (PUBLIC, everyone, SHARED),
    "participation:erase-my-data": (PUBLIC, everyone, SHARED),
    "participation:confirm-email": (PUBLIC, everyone, SHARED),
    "public:overview": (PUBLIC, everyone, None),
    "public:light-rule": (PUBLIC, everyone, None),
    "public:figures": (PUBLIC, everyone, None),
    "public:field-detail": (PUBLIC, everyone, SHARED),
    "public:field-figures": (PUBLIC, everyone, SHARED),
    "public:measure-list": (PUBLIC, everyone, None),
    "public:measure-detail": (PUBLIC, everyone, JOINT),
    "public:organisation-list": (PUBLIC, everyone, None),
    "public:organisation-detail": (PUBLIC, everyone, ["A", "B"]),
    "public:open-data": (PUBLIC, everyone, None),
    "public:indicator-detail": (PUBLIC, everyone, MEMBERS),
    # Issue 13. Council decisions, scores and dependencies: as for editing the measure.
    "council:measure-decision-create": (WRITE, owner_or_department, JOINT),
    "council:measure-decision-link": (WRITE, owner_or_department, JOINT),
    "council:decision-update": (WRITE, owner_or_department, JOINT),
    "council:decision-delete": (DELETE, owner_or_department, JOINT),
    "measures:priority-list": (READ, everyone, None),
    "measures:priority-score": (WRITE, owner_or_department, JOINT),
    # The criteria weigh every member's measures: the federation's Redaktion sets them.
    "measures:priority-criteria": (WRITE, root_only, None),
    # Sets the priority of the measures the user may edit (none of another member's).
    "measures:priority-set": (POST_ONLY, any_editor, None),
    "measures:measure-dependency-create": (WRITE, owner_or_department, JOINT),
    "measures:dependency-delete": (DELETE, owner_or_department, JOINT),
}
# Not in the matrix: the login and logout pages and the language switch work for everyone
# alike (tests/agenda/test_security.py), and the admin has its own staff flag.
OUTSIDE = {"login", "logout", "set_language"}


def url_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_has_an_expectation():
    names = set(url_names()) - OUTSIDE
    assert names == set(EXPECTED), (
        f"missing: {names - set(EXPECTED)}, stale: {set(EXPECTED) - names}"
    )


PERMITTED = {200, 302}
# Public addresses that take a POST only: the same refusal of a GET for everyone.
PUBLIC_POST_ONLY = {"participation:idea-support", "participation:erase-my-data"}
REFUSED = {403, 404}


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if e[0] != PUBLIC))
def test_each_user_gets_exactly_their_rights(client, world, name):  # noqa: F811 - the fixture
    kind, may, targets = EXPECTED[name]
    outcomes = []
    for target in targets or [None]:
        url = url_for(name, world, target)
        permitted = []
        for user in USERS:
            client.force_login(world["users"][user])
            allowed = may(user, target)
            data = post_data(name, world, target)
            if kind != POST_ONLY:
                status = client.get(url).status_code
                outcomes.append((user, target, "GET", status, allowed))
                assert status in PERMITTED if allowed else status in REFUSED, outcomes[-1]
            if kind == READ:
                status = client.post(url, data).status_code
                # Nothing to write here: the page refuses the method, or the user.
                assert status in ({405} if allowed else REFUSED | {405}), (user, target, status)
                continue
            if kind == DELETE and allowed:
                permitted.append(user)
                continue
            status = client.post(url, data).status_code
            outcomes.append((user, target, "POST", status, allowed))
            assert status in PERMITTED if allowed else status in REFUSED, outcomes[-1]
            if kind == DELETE:
                assert still_there(name, world, target), (user, target)
        if kind == DELETE:
            # Everyone else tried first; now one permitted user deletes it for real.
            assert permitted, (name, target)
            client.force_login(world["users"][permitted[-1]])
            assert client.post(url, post_data(name, world, target)).status_code == 302
            assert not still_there(name, world, target)


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if e[0] == PUBLIC))
def test_public_pages_are_the_same_for_everyone(client, world, name):  # noqa: F811 - the fixture
    _kind, _may, targets = EXPECTED[name]
    for target in targets or [None]:
        url = url_for(name, world, target)
        client.logout()
        anonymous = client.get(url).status_code
        expected = {405} if name in PUBLIC_POST_ONLY else PERMITTED
        assert anonymous in expected, (name, target, anonymous)
        for user in USERS:
            client.force_login(world["users"][user])
            assert client.get(url).status_code == anonymous, (name, target, user)


# -- what a refused POST would have changed ---------------------------------------------


def test_a_member_cannot_release_route_or_bulk_change_another_members_things(client, world):  # noqa: F811 - the fixture
    from measures.models import ProgressReport
    from participation.models import Idea
    from tests.factories import ProgressReportFactory

    users, ideas = world["users"], world["ideas"]
    draft = ProgressReportFactory(measure=world["measures"]["B"])
    ProgressReport.objects.filter(pk=draft.pk).update(released_at=None)
    client.force_login(users["a_editor"])
    client.post(reverse("measures:progress-release-list"), {"reports": [draft.pk]})
    assert not ProgressReport.objects.filter(pk=draft.pk, released_at__isnull=False).exists()

    before = Idea.objects.get(pk=ideas["B"].pk).state
    client.post(reverse("participation:idea-bulk"), {"ideas": [ideas["B"].pk], "action": "reject"})
    assert Idea.objects.get(pk=ideas["B"].pk).state == before
    # Routing its own idea to another member is no choice it has.
    page = client.get(reverse("participation:idea-moderate", args=[ideas["A"].pk]))
    choices = page.context["form"].fields["organisation"].queryset
    assert list(choices) == [world["organisations"]["A"]]


def test_a_member_cannot_promote_another_members_idea_into_a_measure(client, world):  # noqa: F811 - the fixture
    client.force_login(world["users"]["a_editor"])
    count = Measure.objects.count()
    url = reverse("participation:idea-promote")
    response = client.post(url, {"idee": [world["ideas"]["A"].pk, world["ideas"]["B"].pk]})
    assert response.status_code == 404
    assert Measure.objects.count() == count


def test_a_member_attaches_indicators_to_its_own_goals_only(client, world):  # noqa: F811 - the fixture
    client.force_login(world["users"]["a_editor"])
    page = client.get(reverse("strategy:indicator-create"))
    assert set(page.context["form"].fields["goal"].queryset) == {world["goals"]["A"]}
    client.force_login(world["users"]["root"])
    page = client.get(reverse("strategy:indicator-create"))
    assert set(page.context["form"].fields["goal"].queryset) == set(world["goals"].values())


def test_a_members_reminder_log_shows_its_own_staff_only(client, world):  # noqa: F811 - the fixture
    from django.utils import timezone

    from agenda.models import ReminderDigest

    users = world["users"]
    for user in ("a_department", "b_department", "root"):
        ReminderDigest.objects.create(user=users[user], sent_at=timezone.now(), item_count=1)
    client.force_login(users["a_editor"])
    shown = {d.user for d in client.get(reverse("reminders:log")).context["object_list"]}
    assert shown == {users["a_department"]}
    client.force_login(users["root"])
    shown = {d.user for d in client.get(reverse("reminders:log")).context["object_list"]}
    assert shown == {users["a_department"], users["b_department"], users["root"]}


def test_a_members_indicator_import_refuses_another_members_rows(client, world):  # noqa: F811 - the fixture
    from django.core.files.uploadedfile import SimpleUploadedFile

    from strategy.models import IndicatorValue
    from tests.agenda.test_indicator_transfer import xlsx

    own, other = world["indicators"]["A"], world["indicators"]["B"]
    rows = [
        [own.pk, own.name, "", "%", "01.03.2026", "41", ""],
        [other.pk, other.name, "", "%", "01.03.2026", "42", ""],
    ]
    upload = SimpleUploadedFile("werte.xlsx", xlsx(rows))
    client.force_login(world["users"]["a_editor"])
    response = client.post(reverse("exports:indicators-import"), {"file": upload})
    assert response.status_code == 400
    assert [p.row for p in response.context["problems"]] == [3]
    assert "anderen Körperschaft" in response.content.decode()
    assert not IndicatorValue.objects.filter(date=datetime.date(2026, 3, 1)).exists()
    client.force_login(world["users"]["root"])
    upload = SimpleUploadedFile("werte.xlsx", xlsx(rows))
    assert client.post(reverse("exports:indicators-import"), {"file": upload}).status_code == 302
    assert IndicatorValue.objects.filter(date=datetime.date(2026, 3, 1)).count() == 2
