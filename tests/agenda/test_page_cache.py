"""Anonymous public pages come from the cache, and no change is ever served stale."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agenda.models import SiteProfile
from agenda.pagecache.middleware import HEADER, TOKEN
from measures.models import Measure
from participation.models import Idea
from tests.factories import MeasureFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.AGENDA_PAGE_CACHE = True


LIST = reverse("public:measure-list")


def detail(measure):
    return reverse("public:measure-detail", args=[measure.reference])


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def unmasked(response):
    return TOKEN.sub(b"", response.content)


def cached_twice(client, url):
    """The second call comes from the cache (else the test would prove nothing)."""
    first = page(client, url)
    assert HEADER not in first
    second = page(client, url)
    assert second[HEADER] == "hit"
    return second.content.decode()


@pytest.mark.parametrize("url", ["/", LIST, reverse("public:overview")])
def test_anonymous_pages_come_from_the_cache(client, url):
    MeasureFactory(title="Glasfaser für Schulen", is_published=True)
    fresh = page(client, url)
    cached = page(client, url)
    assert cached[HEADER] == "hit"
    assert unmasked(cached) == unmasked(fresh)


@pytest.mark.parametrize("rows", [2, 30])
def test_a_cached_page_costs_one_query_whatever_the_rows(
    client, rows, django_assert_max_num_queries
):
    MeasureFactory.create_batch(rows, is_published=True)
    for url in ("/", LIST, reverse("public:overview")):
        page(client, url)
        # Only the page version is read; the page itself comes from the cache.
        with django_assert_max_num_queries(1):
            assert page(client, url)[HEADER] == "hit"


def test_a_saved_title_shows_at_once(client):
    measure = MeasureFactory(title="Alter Titel", is_published=True)
    for url in (LIST, detail(measure)):
        assert "Alter Titel" in cached_twice(client, url)
    measure.title = "Neuer Titel"
    measure.save()
    for url in (LIST, detail(measure)):
        text = page(client, url).content.decode()
        assert "Neuer Titel" in text
        assert "Alter Titel" not in text


def test_a_bulk_update_shows_at_once(client):
    MeasureFactory(title="Alter Titel", is_published=True)
    assert "Alter Titel" in cached_twice(client, LIST)
    Measure.objects.update(title="Sammeltitel")
    assert "Sammeltitel" in page(client, LIST).content.decode()


def test_unpublishing_and_deleting_show_at_once(client):
    kept = MeasureFactory(title="Bleibt", is_published=True)
    gone = MeasureFactory(title="Verschwindet", is_published=True)
    assert "Verschwindet" in cached_twice(client, LIST)
    gone.is_published = False
    gone.save()
    assert "Verschwindet" not in page(client, LIST).content.decode()
    assert page(client, LIST)[HEADER] == "hit"
    kept.delete()
    assert "Bleibt" not in page(client, LIST).content.decode()


def test_a_released_progress_report_shows_at_once(client):
    measure = MeasureFactory(is_published=True)
    report = ProgressReportFactory(measure=measure, text="Noch nicht frei", released_at=None)
    assert "Noch nicht frei" not in cached_twice(client, detail(measure))
    report.released_at = timezone.now()
    report.save()
    assert "Noch nicht frei" in page(client, detail(measure)).content.decode()


def test_a_new_site_name_shows_at_once(client):
    assert "Landkreis Neuhausen" not in cached_twice(client, "/")
    profile = SiteProfile.current()
    profile.name = "Landkreis Neuhausen"
    profile.save()
    assert "Landkreis Neuhausen" in page(client, "/").content.decode()


def test_every_visitor_gets_their_own_csrf_token(client):
    cached_twice(client, "/")
    other = Client()
    response = page(other, "/")
    assert response[HEADER] == "hit"
    token = response.cookies["csrftoken"].value
    assert "csrf-token" not in response.content.decode()
    # The language switch works with the token of this visitor's own cookie.
    masked = response.content.decode().split('name="csrfmiddlewaretoken" value="')[1][:64]
    switched = Client(enforce_csrf_checks=True)
    switched.cookies["csrftoken"] = token
    answer = switched.post(
        reverse("set_language"), {"language": "en", "next": "/", "csrfmiddlewaretoken": masked}
    )
    assert answer.status_code == 302


def test_staff_never_get_cached_pages(editor_client):
    MeasureFactory(title="Intern sichtbar", is_published=True)
    cached_twice(Client(), LIST)
    for _ in range(2):
        response = editor_client.get(LIST)
        assert HEADER not in response
        assert "Abmelden" in response.content.decode() or "Log out" in response.content.decode()


def test_query_string_and_language_are_part_of_the_key(client):
    MeasureFactory(title="Erste", is_published=True, status=Measure.Status.PLANNED)
    cached_twice(client, LIST)
    filtered = client.get(LIST, {"q": "gibtesnicht"})
    assert HEADER not in filtered
    english = client.get(LIST, headers={"accept-language": "en"})
    assert HEADER not in english


def test_a_new_unanswered_idea_keeps_the_cache_and_an_answer_moves_it_on(client):
    from agenda.pagecache.versions import current
    from tests.factories import IdeaFactory, answered_idea

    before = current()
    idea = IdeaFactory(title="Neue Idee")
    assert idea.state not in Idea.PUBLIC_STATES
    assert current() == before
    idea.delete()
    assert current() != before
    cached_twice(client, "/")
    answered = answered_idea(title="Beantwortete Idee")
    assert "Beantwortete Idee" in page(client, "/").content.decode()
    answered.is_hidden = True
    answered.save()
    assert "Beantwortete Idee" not in page(client, "/").content.decode()


def test_the_idea_list_is_cached_except_for_supporters(client):
    from participation.views import SUPPORTER_COOKIE
    from tests.factories import answered_idea

    ideas = reverse("participation:idea-list")
    cached_twice(client, ideas)
    answered_idea(title="Mehr Bänke im Park")
    assert "Mehr Bänke im Park" in page(client, ideas).content.decode()
    supporter = Client()
    supporter.cookies[SUPPORTER_COOKIE] = "abc"
    for _ in range(2):
        assert HEADER not in page(supporter, ideas)
