"""The Content Security Policy holds in a real browser: nothing on our pages is blocked, and
no page asks another host for anything (fonts, styles, scripts, images, the captcha)."""

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import log_in
from tests.browser.test_page_width import all_pages, seed
from tests.browser.waits import OUTCOME_MS
from tests.factories import answered_idea, measure_with_parts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def record_foreign_requests(target, live_server):
    """Every request from `target` (a page or a whole browser context) to another host."""
    own = urlsplit(live_server.url).netloc
    foreign = []

    def check(request):
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob", "about") and parts.netloc != own:
            try:
                origin = request.frame.url
            except Exception:  # a worker's request has no frame
                origin = "worker"
            foreign.append(f"{origin} -> {request.url}")

    target.on("request", check)
    return foreign


def test_no_page_trips_the_content_security_policy(page, editor, live_server):
    foreign = record_foreign_requests(page.context, live_server)
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    measure = measure_with_parts()
    idea = answered_idea(measure=measure)
    page.goto("/ideen/neu/")
    # The captcha widget: its script, stylesheet, worker and challenge fetch.
    page.get_by_label("Ich bin kein Roboter").focus()
    page.keyboard.press("Space")
    page.wait_for_function(
        "() => document.querySelector('input[name=altcha]')?.value?.length > 20",
        timeout=OUTCOME_MS,
    )
    for path in [
        "/",
        "/ideen/",
        idea.get_public_url(),
        idea.get_status_url(),
        "/agenda/",
        "/agenda/zeitplan-und-budget/",
        f"/agenda/massnahmen/{measure.reference}/",
        "/datenschutz/",
    ]:
        page.goto(path)
    log_in(page, editor.username)
    for path in ["/intern/", "/intern/massnahmen/", f"/intern/massnahmen/{measure.pk}/bearbeiten/"]:
        page.goto(path)
    # The formset's "add row" button is script too.
    page.get_by_role("button", name="Zeile hinzufügen: Meilensteine").click()
    assert blocked == []
    assert foreign == []


def test_no_page_of_the_url_conf_loads_anything_from_another_host(browser, live_server, editor):
    """Every HTML page, public and staff, with every kind of object seeded, as an editor."""
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    foreign = record_foreign_requests(context, live_server)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        paths = all_pages(seed(editor))
        log_in(page, editor.username)
        requests = []
        page.on("requestfinished", lambda request: requests.append(request.url))
        for path in paths:
            page.goto(path, wait_until="networkidle")
    finally:
        context.close()
    assert foreign == []
    # The pages' own stylesheets, scripts and images were seen, or the listener saw nothing.
    assert any(url.endswith(".css") for url in requests)
    assert any(url.endswith(".js") for url in requests)
    # KERN on every page, Bootstrap on none (issue 12).
    assert not bootstrap_requests(requests)
    assert any(url.endswith("/vendor/kern/kern.min.css") for url in requests)


def bootstrap_requests(urls):
    return [url for url in urls if "bootstrap" in urlsplit(url).path.lower()]


def test_the_bootstrap_check_would_catch_bootstrap(page, live_server):
    """If a template linked Bootstrap again, the check above would see its request."""
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.route("**/static/bootstrap/**", lambda route: route.fulfill(body=""))
    page.goto("/")
    page.evaluate(
        "() => document.head.append(Object.assign(document.createElement('link'), "
        "{rel: 'stylesheet', href: '/static/bootstrap/css/bootstrap.min.css'}))"
    )
    page.wait_for_load_state("networkidle")
    assert bootstrap_requests(requests)


def test_a_request_to_another_host_is_caught(page, live_server):
    """The recorder must see what a page asks of another host, or the tests above prove nothing."""
    foreign = record_foreign_requests(page.context, live_server)
    page.route("https://cdn.example.org/**", lambda route: route.fulfill(body=""))
    page.goto("/")
    with page.expect_request("https://cdn.example.org/kern.css"):
        page.evaluate(
            "() => document.head.append(Object.assign(document.createElement('link'), "
            "{rel: 'stylesheet', href: 'https://cdn.example.org/kern.css'}))"
        )
    assert [url.rsplit(" -> ", 1)[1] for url in foreign] == ["https://cdn.example.org/kern.css"]
