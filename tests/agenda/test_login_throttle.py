"""Login throttling: per account and address, per address, and an alert per account."""

import pytest
from django.core import mail

from tests.conftest import user_with_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/intern/anmelden/"
PASSWORD = "correct-horse-battery-staple"


def attempt(client, username, address, password="falsch"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_one_address_trying_many_usernames_is_locked_out_with_a_german_page(client, settings):
    settings.LANGUAGE_CODE = "de"
    limit = settings.AGENDA_LOGIN_ADDRESS_FAILURE_LIMIT
    assert limit > settings.AXES_FAILURE_LIMIT
    for number in range(limit - 1):
        assert attempt(client, f"name{number}", "198.51.100.7").status_code == 200
    locked = attempt(client, "one-more-name", "198.51.100.7")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Anmeldung vorübergehend gesperrt" in page
    assert "15 Minuten" in page
    # The address stays locked for any name, even with the right password.
    UserFactory(username="rita", password=PASSWORD)
    assert attempt(client, "rita", "198.51.100.7", PASSWORD).status_code == 429
    # Other addresses are not affected.
    assert attempt(client, "rita", "10.1.1.1", PASSWORD).status_code == 302


def test_an_office_where_a_few_people_mistype_is_not_locked_out(client, settings):
    for number in range(4):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert attempt(client, f"colleague{number}", "10.2.2.2").status_code == 200
    UserFactory(username="rita", password=PASSWORD)
    assert attempt(client, "rita", "10.2.2.2", PASSWORD).status_code == 302


def test_a_successful_login_does_not_clear_the_failures_of_other_names_from_that_address(
    client, settings
):
    UserFactory(username="mallory", password=PASSWORD)
    limit = settings.AGENDA_LOGIN_ADDRESS_FAILURE_LIMIT
    for number in range(limit - 2):
        attempt(client, f"name{number}", "198.51.100.8")
    assert attempt(client, "mallory", "198.51.100.8", PASSWORD).status_code == 302
    client.logout()
    attempt(client, "another-name", "198.51.100.8")
    assert attempt(client, "yet-another-name", "198.51.100.8").status_code == 429


def test_the_real_user_logs_in_after_many_addresses_hammered_the_account(client, editor, settings):
    for number in range(60):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            attempt(client, "rita", f"203.0.113.{number}")
    response = attempt(client, "rita", "10.1.1.1", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_administrators_are_alerted_once_when_many_addresses_try_one_account(
    client, editor, settings, caplog
):
    settings.LANGUAGE_CODE = "de"
    admin = user_with_role("Administration", username="ada", email="ada@kreis.example")
    alert_at = settings.AGENDA_LOGIN_ACCOUNT_ALERT
    for number in range(alert_at - 1):
        attempt(client, "rita", f"203.0.113.{number}")
    assert mail.outbox == []
    for number in range(alert_at, alert_at + 10):
        attempt(client, "rita", f"203.0.113.{number}")
    assert len(mail.outbox) == 1
    alert = mail.outbox[0]
    assert alert.to == [admin.email]
    assert "rita" in alert.body
    assert "Anmeldeversuche" in alert.subject
    warnings = [r for r in caplog.records if r.name == "agenda.login_throttle"]
    assert len(warnings) == 1
    # The log names the account by its id only: a typed username may be a password.
    assert "rita" not in warnings[0].getMessage()


def test_failures_for_an_unknown_account_raise_no_alert(client, settings):
    user_with_role("Administration", username="ada", email="ada@kreis.example")
    for number in range(settings.AGENDA_LOGIN_ACCOUNT_ALERT + 5):
        attempt(client, "nobody-here", f"203.0.113.{number}")
    assert mail.outbox == []
