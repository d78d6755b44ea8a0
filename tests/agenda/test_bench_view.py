"""The bench-only bare view exists only when a load test switches it on."""

import os
import subprocess
import sys

from django.conf import settings

BARE = "/_bench/bare/"

RESOLVE = (
    "import django; django.setup(); from django.test import Client; "
    f"r = Client().get('{BARE}'); print(r.status_code, r.content.decode())"
)


def test_bare_view_is_off_by_default():
    assert settings.AGENDA_BENCH_BARE_VIEW is False


def test_bare_view_url_does_not_exist_by_default(client, db):
    assert client.get(BARE).status_code == 404


def test_bare_view_answers_only_when_switched_on():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AGENDA_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="agenda.settings",
        DJANGO_DEBUG="1",
        DJANGO_ALLOWED_HOSTS="testserver",
        AGENDA_BENCH_BARE_VIEW="1",
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed snippet
        [sys.executable, "-c", RESOLVE], env=env, capture_output=True, text=True, check=False
    )
    assert result.stdout.split()[-2:] == ["200", "ok"], result.stdout + result.stderr
