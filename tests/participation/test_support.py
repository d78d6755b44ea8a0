"""Supporting an idea costs a proof of work, is limited per address and idea, once per browser."""

import pytest
from django.test import Client
from django.urls import reverse

from participation.models import Support
from tests.factories import answered_idea
from tests.participation.conftest import solve_captcha

pytestmark = pytest.mark.django_db


def support(client, idea, solution="solve"):
    data = {} if solution is None else {"altcha": solve_captcha(client)}
    if isinstance(solution, str) and solution != "solve":
        data["altcha"] = solution
    return client.post(reverse("participation:idea-support", args=[idea.pk]), data)


def test_a_browser_supports_an_idea_once(client):
    idea = answered_idea()
    assert support(client, idea).status_code == 302
    assert support(client, idea).status_code == 302
    assert Support.objects.filter(idea=idea).count() == 1
    cookie = client.cookies["agenda_supporter"].value
    assert cookie not in Support.objects.get().supporter  # only its hash is kept
    page = client.get(idea.get_public_url()).content.decode()
    assert "disabled" in page


@pytest.mark.parametrize("solution", [None, "", "bm90IGEgc29sdXRpb24=", "x" * 5000])
def test_a_support_without_a_valid_solution_is_refused_and_counts_nothing(client, solution):
    idea = answered_idea()
    response = support(client, idea, solution=solution)
    assert response.status_code == 400
    assert not Support.objects.exists()
    assert "agenda_supporter" not in response.cookies
    page = response.content.decode()
    assert 'id="captcha-error"' in page


def test_a_replayed_solution_is_refused(client):
    first, second = answered_idea(), answered_idea()
    solution = solve_captcha(client)
    assert support(client, first, solution=solution).status_code == 302
    # The same proof of work again, from a browser that forgot its cookie.
    response = support(Client(), second, solution=solution)
    assert response.status_code == 400
    assert "bereits verwendet" in response.content.decode()
    assert Support.objects.count() == 1


def test_the_limit_per_address_and_idea_holds_across_invented_cookies(settings):
    settings.PARTICIPATION_SUPPORT_IDEA_RATE = "3/d"
    idea, other = answered_idea(), answered_idea()
    codes = []
    for number in range(5):
        browser = Client()
        browser.cookies["agenda_supporter"] = f"invented-{number}"
        codes.append(support(browser, idea).status_code)
    assert codes == [302, 302, 302, 429, 429]
    assert Support.objects.filter(idea=idea).count() == 3
    # Another idea has its own count.
    assert support(Client(), other).status_code == 302


def test_supports_are_flood_limited_across_ideas(client, settings):
    settings.PARTICIPATION_SUPPORT_RATE = "3/h"
    ideas = [answered_idea() for _ in range(5)]
    codes = [support(client, idea).status_code for idea in ideas]
    assert codes == [302, 302, 302, 429, 429]
    assert Support.objects.count() == 3


def test_supporting_by_get_or_a_missing_idea_is_refused(client):
    idea = answered_idea()
    assert client.get(reverse("participation:idea-support", args=[idea.pk])).status_code == 405
    missing = reverse("participation:idea-support", args=[999999])
    assert client.post(missing, {"altcha": solve_captcha(client)}).status_code == 404


def test_the_page_says_what_the_count_means(client):
    idea = answered_idea()
    for url in (idea.get_public_url(), reverse("participation:idea-list")):
        page = client.get(url).content.decode()
        assert "Stimmungsbild, keine Abstimmung" in page
        assert "einmal unterstützen" in page
    assert "altcha-widget" in client.get(idea.get_public_url()).content.decode()
