"""Staff lists come from the cache, per user, and never show a stale or foreign page."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from agenda.middleware import TOUCHED
from agenda.pagecache.middleware import HEADER, TOKEN
from measures.models import StaffProfile
from strategy.staff import roles
from strategy.tables.columns import FIELD, MARKER
from tests.factories import IdeaFactory, MeasureFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

LIST = reverse("measures:measure-list")
INBOX = reverse("participation:inbox")


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.AGENDA_PAGE_CACHE = True


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def cached_twice(client, url):
    """The second call comes from the cache (else the test would prove nothing)."""
    assert HEADER not in page(client, url)
    second = page(client, url)
    assert second[HEADER] == "hit"
    return second.content.decode()


def test_a_staff_list_comes_from_the_cache_with_its_own_csrf_token(editor):
    MeasureFactory(title="Glasfaser für Schulen")
    client = logged_in(editor)
    fresh = page(client, LIST)
    cached = page(client, LIST)
    assert cached[HEADER] == "hit"
    assert TOKEN.sub(b"", cached.content) == TOKEN.sub(b"", fresh.content)
    assert b"\x00" not in cached.content
    assert TOKEN.search(cached.content)


def test_the_staff_cache_is_off_in_tests_by_default(settings, editor):
    settings.AGENDA_PAGE_CACHE = False
    client = logged_in(editor)
    page(client, LIST)
    assert HEADER not in page(client, LIST)


def test_the_staff_cache_has_its_own_switch(settings, editor):
    settings.AGENDA_STAFF_PAGE_CACHE = False
    client = logged_in(editor)
    page(client, LIST)
    assert HEADER not in page(client, LIST)


def test_a_colleague_s_change_shows_at_once(editor, department):
    measure = MeasureFactory(title="Alter Titel")
    client = logged_in(editor)
    assert "Alter Titel" in cached_twice(client, LIST)
    measure.title = "Neuer Titel"
    measure.save()
    text = page(client, LIST).content.decode()
    assert "Neuer Titel" in text
    assert "Alter Titel" not in text


def test_two_users_never_get_each_other_s_page(editor, reader):
    MeasureFactory(title="Glasfaser für Schulen")
    editor_page = cached_twice(logged_in(editor), LIST)
    reader_client = logged_in(reader)
    first = page(reader_client, LIST)
    assert HEADER not in first
    assert first.content.decode() != editor_page
    name = f"<bdi>{editor.get_full_name() or editor.username}</bdi>"
    assert name in editor_page
    assert name not in first.content.decode()


def test_a_user_without_the_right_never_gets_a_cached_page(editor, no_role):
    cached_twice(logged_in(editor), LIST)
    assert logged_in(no_role).get(LIST).status_code == 403


def test_losing_a_role_shows_at_once(editor):
    client = logged_in(editor)
    cached_twice(client, LIST)
    editor.groups.remove(Group.objects.get(name=roles.EDITORS))
    assert client.get(LIST).status_code == 403


def test_a_change_of_organisation_is_a_new_page(editor):
    client = logged_in(editor)
    cached_twice(client, LIST)
    StaffProfile.objects.create(user=editor, organisation=OrganisationFactory())
    assert HEADER not in page(client, LIST)


def column_headers(text):
    return text.count('<th scope="col"')


def test_a_column_choice_shows_at_once(editor):
    MeasureFactory()
    client = logged_in(editor)
    before = column_headers(cached_twice(client, LIST))
    client.post(LIST, {MARKER: "1", FIELD: ["unit"]}, follow=True)
    after = page(client, LIST)
    assert HEADER not in after
    # The defaults show four optional columns; now only the one chosen.
    assert column_headers(after.content.decode()) == before - 3


def test_messages_are_never_cached(editor):
    client = logged_in(editor)
    saved = "Ihre Spaltenauswahl ist gespeichert."
    chosen = client.post(LIST, {MARKER: "1", FIELD: ["unit"]}, follow=True)
    assert saved in chosen.content.decode()
    assert HEADER not in chosen
    plain = page(client, LIST)
    assert HEADER not in plain  # the page with the message was not stored
    assert saved not in plain.content.decode()
    again = page(client, LIST)
    assert again[HEADER] == "hit"
    assert saved not in again.content.decode()


def test_a_new_idea_shows_in_the_inbox_at_once(editor):
    client = logged_in(editor)
    cached_twice(client, INBOX)
    IdeaFactory(title="Freies WLAN im Rathaus")
    assert "Freies WLAN im Rathaus" in page(client, INBOX).content.decode()


def test_forms_are_never_cached(editor):
    measure = MeasureFactory()
    client = logged_in(editor)
    url = reverse("measures:measure-update", args=[measure.pk])
    page(client, url)
    assert HEADER not in page(client, url)


def test_a_role_given_by_an_administrator_shows_at_once(reader):
    client = logged_in(reader)
    cached_twice(client, LIST)
    reader.groups.add(Group.objects.get(name=roles.EDITORS))
    assert HEADER not in page(client, LIST)


def test_a_page_from_the_cache_still_keeps_the_session_alive(editor):
    client = logged_in(editor)
    cached_twice(client, LIST)
    session = client.session
    session[TOUCHED] = 0
    session.save()
    assert page(client, LIST)[HEADER] == "hit"
    assert client.session[TOUCHED] > 0


def test_other_staff_lists_come_from_the_cache_and_the_dashboard_does_not(editor):
    client = logged_in(editor)
    cached_twice(client, reverse("strategy:goal-list"))
    page(client, reverse("dashboard"))
    assert HEADER not in page(client, reverse("dashboard"))


def test_a_page_from_the_cache_costs_session_user_and_version_only(
    editor, django_assert_max_num_queries
):
    MeasureFactory.create_batch(3)
    client = logged_in(editor)
    cached_twice(client, LIST)
    with django_assert_max_num_queries(3):
        assert page(client, LIST)[HEADER] == "hit"
