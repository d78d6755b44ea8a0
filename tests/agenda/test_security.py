"""Security headers, login lockout and the staff session timeout."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = "/intern/anmelden/"


def test_every_page_sends_a_strict_content_security_policy(client):
    for path in ["/", "/ideen/neu/", "/agenda/", LOGIN]:
        policy = client.get(path)["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "frame-ancestors 'none'" in policy
        assert "http" not in policy  # no third-party source at all


def test_pages_send_permissions_referrer_and_framing_policies(client):
    response = client.get("/")
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def fail(client, username="rita", times=1, address="10.1.1.1"):
    for _ in range(times):
        response = client.post(
            LOGIN, {"username": username, "password": "falsch"}, REMOTE_ADDR=address
        )
    return response


def test_five_failed_logins_lock_the_account_for_this_address_with_a_german_message(
    client, editor, settings
):
    settings.LANGUAGE_CODE = "de"
    assert fail(client, times=4).status_code == 200  # the form with its error
    locked = fail(client)
    assert locked.status_code == 429
    assert "15 Minuten" in locked.content.decode()
    # While locked, even the right password is refused.
    right = client.post(
        LOGIN,
        {"username": "rita", "password": "correct-horse-battery-staple"},
        REMOTE_ADDR="10.1.1.1",
    )
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_ends_after_the_cooldown(client, editor):
    fail(client, times=5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    response = client.post(
        LOGIN,
        {"username": "rita", "password": "correct-horse-battery-staple"},
        REMOTE_ADDR="10.1.1.1",
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_a_stranger_cannot_lock_a_colleague_out_from_another_address(client, editor):
    fail(client, times=6, address="203.0.113.9")
    response = client.post(
        LOGIN,
        {"username": "rita", "password": "correct-horse-battery-staple"},
        REMOTE_ADDR="10.1.1.1",
    )
    assert response.status_code == 302


def test_staff_sessions_end_after_the_idle_time(client, editor, settings):
    settings.STAFF_SESSION_IDLE_SECONDS = 1800
    client.force_login(editor)
    assert client.session.get_expiry_age() == 1800
    # An hour later (beyond the refresh interval) a request starts the idle time anew.
    session = client.session
    session["_agenda_touched"] -= 3600
    session.set_expiry(5)
    session.save()
    client.get(reverse("dashboard"))
    assert client.session.get_expiry_age() == 1800


def test_an_idle_staff_session_is_logged_out(client, editor, settings):
    client.force_login(editor)
    session = client.session
    session.set_expiry(-1)  # the idle time has passed
    session.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_visitors_get_no_session_from_the_timeout(client):
    response = client.get("/agenda/")
    assert "sessionid" not in response.cookies


HOSTILE_LOGINS = [
    ("script", {"username": "<script>alert(1)</script>", "password": "x"}),
    ("sql", {"username": "admin' OR '1'='1' --", "password": "' OR 1=1 --"}),
    ("nul byte", {"username": "rita\x00", "password": "x"}),
    ("1 MB", {"username": "r" * 1_000_000, "password": "x"}),
    ("empty", {}),
]


@pytest.mark.parametrize(("case", "data"), HOSTILE_LOGINS, ids=[h[0] for h in HOSTILE_LOGINS])
def test_hostile_logins_are_refused_with_a_message_and_never_echoed_raw(client, editor, case, data):
    response = client.post(LOGIN, data)
    assert response.status_code in (200, 400)
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert 'role="alert"' in page or response.status_code == 400


def test_a_login_with_invalid_utf8_or_the_wrong_content_type_is_not_a_500(client):
    bad = client.post(
        LOGIN, b"username=%FF%FE&password=%C3%28", content_type="application/x-www-form-urlencoded"
    )
    assert bad.status_code in (200, 400)
    json = client.post(LOGIN, '{"username": "rita"}', content_type="application/json")
    assert json.status_code in (200, 400)


def test_a_login_without_csrf_token_is_refused(editor):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(LOGIN, {"username": "rita", "password": "correct-horse-battery-staple"})
    assert response.status_code == 403
    assert "_auth_user_id" not in strict.session


@pytest.mark.parametrize(
    "path",
    ["/ideen/neu/", "/ideen/1/unterstuetzen/", "/i18n/setlang/"],
)
def test_public_forms_refuse_posts_without_csrf_token(path):
    from django.test import Client

    from participation.models import Idea

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(path, {"title": "x", "language": "en"}).status_code == 403
    assert Idea.objects.count() == 0


def test_the_language_switch_refuses_foreign_redirects_and_unknown_languages(client):
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "https://evil.example/"})
    assert response.status_code in (302, 204)
    assert "evil.example" not in response.get("Location", "")


def test_the_status_link_actions_refuse_posts_without_csrf_token():
    from django.test import Client

    from participation.mails import confirmation_token
    from tests.factories import IdeaFactory

    idea = IdeaFactory(name="Anna", email="anna@example.org", consent_processing=True)
    strict = Client(enforce_csrf_checks=True)
    erase = reverse("participation:erase-my-data", args=[idea.token])
    confirm = reverse("participation:confirm-email", args=[confirmation_token(idea)])
    assert strict.post(erase).status_code == 403
    assert strict.post(confirm).status_code == 403
    idea.refresh_from_db()
    assert (idea.name, idea.email_confirmed_at) == ("Anna", None)
