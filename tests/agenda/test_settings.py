import os
import subprocess
import sys

import pytest
from django.urls import reverse

SETTINGS_CHECK = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DATABASES['default']['ENGINE'])"
)


def run_settings(code=SETTINGS_CHECK, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    base["DJANGO_SETTINGS_MODULE"] = "agenda.settings"
    return subprocess.run(  # noqa: S603 - our own interpreter and a fixed snippet
        [sys.executable, "-c", code],
        env={**base, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = run_settings(DJANGO_SECRET_KEY="django-insecure-short")
    assert result.returncode != 0
    assert "too weak" in result.stderr


def test_deploy_check_is_clean_with_production_settings():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SECRET_KEY="x" * 20 + "-production-like-secret-key-0123456789",
        DJANGO_ALLOWED_HOSTS="agenda.example.de",
        DJANGO_EMAIL_HOST="mail.example.de",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_server_side_cursors_can_be_switched_off_for_pgbouncer():
    code = SETTINGS_CHECK.replace("['ENGINE']", "['DISABLE_SERVER_SIDE_CURSORS']")
    url = "postgres://postgres@127.0.0.1:5432/x"
    assert run_settings(code, DJANGO_DEBUG="1", DATABASE_URL=url).stdout.split()[-1] == "False"
    switched = run_settings(
        code, DJANGO_DEBUG="1", DATABASE_URL=url, DJANGO_DISABLE_SERVER_SIDE_CURSORS="1"
    )
    assert switched.stdout.split()[-1] == "True", switched.stderr


def test_sqlite_is_the_default_and_database_url_switches_to_postgresql():
    assert "sqlite3" in run_settings(DJANGO_DEBUG="1").stdout
    pg = run_settings(DJANGO_DEBUG="1", DATABASE_URL="postgres://postgres@127.0.0.1:5432/x")
    assert "postgresql" in pg.stdout


@pytest.mark.django_db
def test_language_switcher_turns_the_interface_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    assert response.context["LANGUAGE_CODE"] == "en"
    assert "Digital agenda" in response.content.decode()
    german = client.post(reverse("set_language"), {"language": "de", "next": "/"}, follow=True)
    assert "Digitale Agenda" in german.content.decode()


@pytest.mark.django_db
def test_login_page_is_german(client):
    html = client.get(reverse("login")).content.decode()
    assert 'lang="de"' in html
    assert "Anmelden" in html and "Benutzername" in html


def test_deploy_check_names_what_production_still_lacks():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_SECRET_KEY="x" * 20 + "-production-like-secret-key-0123456789",
        DJANGO_ALLOWED_HOSTS="agenda.example.de",
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "mail.E001" in output  # mail would only go to the console
    assert "participation.W001" in output  # rate limits counted per process
