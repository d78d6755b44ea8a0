"""Error pages are the portal's German pages, and they render with the database down."""

import contextlib
import socket

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.factories import MeasureFactory

PORTAL = "Digitale Agenda"


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.LANGUAGE_CODE = "de"
    return settings


def assert_portal_page(response, status, heading):
    page = response.content.decode()
    assert response.status_code == status
    assert '<html lang="de">' in page
    assert PORTAL in page
    assert heading in page
    # Not Django's English default text.
    assert "Not Found" not in page
    assert "Server Error" not in page
    assert "Forbidden" not in page


def test_a_missing_page_is_a_german_portal_page(client, production, db):
    response = client.get("/gibt-es-nicht/")
    assert_portal_page(response, 404, "Seite nicht gefunden")


def test_a_bad_request_is_a_german_portal_page(production, db):
    response = Client().get("/", headers={"host": "angreifer.example"})
    assert_portal_page(response, 400, "Ungültige Anfrage")


def test_a_refused_page_is_a_german_portal_page(client, production, department):
    foreign = MeasureFactory(title="Fremd")
    client.force_login(department)
    response = client.get(reverse("measures:measure-update", args=[foreign.pk]))
    assert_portal_page(response, 403, "Kein Zugriff")


def test_a_form_without_csrf_token_gets_a_german_portal_page(production, db):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("login"), {"username": "rita", "password": "x"})
    assert_portal_page(response, 403, "Formular abgelaufen")


def test_a_server_error_is_a_german_portal_page(production, db):
    with database_down():
        response = Client(raise_request_exception=False).get(reverse("home"))
    assert_portal_page(response, 500, "Ein Fehler ist aufgetreten")


def test_a_missing_page_renders_while_the_database_is_down(production, db):
    cache.clear()  # the brand too must come from the database, which is away
    with database_down():
        response = Client().get("/gibt-es-nicht/")
    assert_portal_page(response, 404, "Seite nicht gefunden")


def test_a_visitor_with_a_session_gets_the_500_page_while_the_database_is_down(
    client, production, editor
):
    client.force_login(editor)
    client.raise_request_exception = False
    cache.clear()
    with database_down():
        response = client.get("/gibt-es-nicht/")
    # Reading the session needs the database: the request fails, the page still renders.
    assert_portal_page(response, 500, "Ein Fehler ist aufgetreten")


CONNECTION_STATE = [
    "connection",
    "autocommit",
    "in_atomic_block",
    "savepoint_state",
    "savepoint_ids",
    "atomic_blocks",
    "needs_rollback",
    "closed_in_transaction",
    "errors_occurred",
    "health_check_done",
    "close_at",
]


def unused_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def database_down():
    """Point the connection at a database that does not exist; restore it afterwards."""
    saved_settings = dict(connection.settings_dict)
    # Keep the test database's own connection (an in-memory SQLite vanishes when closed)
    # and its transaction state, which a new connection attempt resets.
    saved_state = {name: getattr(connection, name) for name in CONNECTION_STATE}
    connection.connection = None
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent/folder/agenda.sqlite3"
    else:
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(unused_port()))
    try:
        yield
    finally:
        if connection.connection is not None:
            connection.connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved_settings)
        for name, value in saved_state.items():
            setattr(connection, name, value)
