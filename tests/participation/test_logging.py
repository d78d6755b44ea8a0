"""Private tokens (status links, e-mail confirmations) never reach a log line."""

import copy
import io
import logging
import logging.config

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from participation import mails
from participation.log_masking import mask_tokens
from tests.factories import IdeaFactory

pytestmark = pytest.mark.django_db

LOGGERS = ["django.security.csrf", "django.request", "django.server", "gunicorn.error"]


def _handlers():
    """Every handler a record of these loggers reaches, as configured by settings.LOGGING."""
    found = []
    for name in LOGGERS:
        logger = logging.getLogger(name)
        while logger:
            found += [h for h in logger.handlers if h not in found]
            logger = logger.parent if logger.propagate else None
    return found


def _formatter(name):
    config = copy.deepcopy(settings.LOGGING["formatters"][name])
    return logging.config.DictConfigurator({}).configure_formatter(config)


@pytest.fixture(params=["json", "text"])
def log_output(request):
    """What the configured stream handlers write, in both production and development format."""
    stream = io.StringIO()
    swapped = []
    for handler in _handlers():
        if isinstance(handler, logging.StreamHandler):
            swapped.append((handler, handler.setStream(stream), handler.formatter))
            handler.setFormatter(_formatter(request.param))
    assert swapped, "no stream handler configured"
    yield stream
    for handler, old_stream, old_formatter in swapped:
        handler.setStream(old_stream)
        handler.setFormatter(old_formatter)


def _urls(idea):
    confirm = mails.confirmation_token(idea)
    return [
        reverse("participation:idea-status", args=[idea.token]),
        reverse("participation:erase-my-data", args=[idea.token]),
        reverse("participation:confirm-email", args=[confirm]),
    ], [idea.token, confirm]


def test_a_csrf_failure_on_a_private_link_logs_no_token(log_output):
    idea = IdeaFactory(email="a@example.org", consent_processing=True)
    urls, tokens = _urls(idea)
    client = Client(enforce_csrf_checks=True)
    for url in urls:
        assert client.post(url).status_code == 403
    output = log_output.getvalue()
    assert "CSRF" in output
    assert "/ideen/status/" in output and "/ideen/bestaetigen/" in output
    for token in tokens:
        assert token not in output


def test_a_wrong_method_or_unknown_token_logs_no_token(client, log_output):
    idea = IdeaFactory(email="a@example.org", consent_processing=True)
    urls, tokens = _urls(idea)
    for url in urls:
        assert client.put(url).status_code == 405
    unknown = "x" * 43
    assert client.get(reverse("participation:idea-status", args=[unknown])).status_code == 404
    output = log_output.getvalue()
    assert "Method Not Allowed (PUT)" in output
    assert "Not Found" in output
    for token in [*tokens, unknown]:
        assert token not in output


def test_one_masking_rule_for_every_private_link():
    assert mask_tokens("GET /ideen/status/AbCdEfGhIjKlMnOpQrStUv/ 200") == (
        "GET /ideen/status/…/ 200"
    )
    assert mask_tokens("/ideen/bestaetigen/eyJpZCI6MX0:1t:abc/?x=1") == "/ideen/bestaetigen/…/?x=1"
    assert mask_tokens("/ideen/status/tok/daten-loeschen/") == "/ideen/status/…/daten-loeschen/"
    assert mask_tokens("/ideen/12/unterstuetzen/") == "/ideen/12/unterstuetzen/"


def test_gunicorn_masks_tokens_in_its_text_access_log_too():
    from tests.agenda.test_production import ACCESS_LOG, run

    # The text format prints the raw request line as well as the path.
    snippet = ACCESS_LOG.replace('"RAW_URI": "/"', '"RAW_URI": "/ideen/status/AbCdEfGhIjKl/"')
    result = run(snippet, DJANGO_LOG_FORMAT="text")
    assert "/ideen/status/…/" in result.stdout + result.stderr
    assert "AbCdEf" not in result.stdout + result.stderr
