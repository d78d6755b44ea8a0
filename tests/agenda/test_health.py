import copy
import logging

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import load_backend
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_database(tmp_path):
    """The default connection, pointed at a database that does not exist, then put back."""
    original = connections[DEFAULT_DB_ALIAS]
    broken_settings = copy.deepcopy(original.settings_dict)
    if original.vendor == "sqlite":
        broken_settings["NAME"] = str(tmp_path / "no-such-folder" / "db.sqlite3")
    else:
        broken_settings["NAME"] = f"{broken_settings['NAME']}_does_not_exist"
    backend = load_backend(broken_settings["ENGINE"])
    broken = backend.DatabaseWrapper(broken_settings, DEFAULT_DB_ALIAS)
    connections[DEFAULT_DB_ALIAS] = broken
    yield broken
    broken.close()
    connections[DEFAULT_DB_ALIAS] = original


def test_it_answers_ok_when_the_database_answers(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_it_sets_no_cookie_and_is_never_cached(client):
    response = client.get("/healthz")
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]


def test_it_answers_503_and_logs_when_the_database_is_unreachable(
    client, unreachable_database, caplog
):
    with caplog.at_level(logging.ERROR, logger="agenda.health"):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}
    assert "Traceback" not in response.content.decode()
    assert "database unavailable" in caplog.text


def test_it_is_not_redirected_to_https_while_pages_are(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("home")).status_code == 301


def test_it_only_answers_get_and_head(client):
    assert client.head(reverse("healthz")).status_code == 200
    assert client.post(reverse("healthz")).status_code == 405
