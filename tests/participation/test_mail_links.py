"""Links in mails point to where the portal is actually served."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from participation import mails
from participation.models import Idea
from tests.factories import IdeaFactory, MeasureFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s/]+/ideen/(?:bestaetigen|status)/[^\s]+/")


@pytest.fixture
def served_on_8123(client, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    client.defaults["HTTP_HOST"] = "127.0.0.1:8123"
    return client


def test_without_a_configured_address_the_confirmation_link_follows_the_request(
    served_on_8123, submit, settings
):
    settings.AGENDA_BASE_URL = ""
    submit(email="anna@example.org", consent_processing="on")
    links = LINK.findall(mail.outbox[0].body)
    assert links and all(link.startswith("http://127.0.0.1:8123/") for link in links)
    path = links[0].removeprefix("http://127.0.0.1:8123")
    assert served_on_8123.post(path).status_code == 302
    assert Idea.objects.get().email_confirmed_at is not None


def test_a_staff_change_sends_links_of_the_address_staff_used(
    editor_client, settings, django_capture_on_commit_callbacks
):
    settings.AGENDA_BASE_URL = ""
    settings.ALLOWED_HOSTS = ["agenda.test"]
    idea = IdeaFactory(
        email="a@example.org",
        consent_processing=True,
        email_confirmed_at="2026-01-01T00:00Z",
        state=Idea.State.IN_REVIEW,
    )
    url = reverse("participation:idea-bulk")
    data = {"ideas": [idea.pk], "action": Idea.State.ACCEPTED, "public_answer": "Wird gemacht."}
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(url, data, headers={"host": "agenda.test:8443"})
    assert len(mail.outbox) == 1, "the answer mail was not sent"
    assert "http://agenda.test:8443/ideen/status/" in mail.outbox[0].body


def test_a_configured_canonical_address_wins_over_the_request(served_on_8123, submit, settings):
    settings.AGENDA_BASE_URL = "https://agenda.kreis-beispiel.de/"
    submit(email="anna@example.org", consent_processing="on")
    links = LINK.findall(mail.outbox[0].body)
    canonical = "https://agenda.kreis-beispiel.de/ideen/"
    assert links and all(link.startswith(canonical) for link in links)


def test_outside_a_request_the_links_use_the_configured_or_the_default_address(settings):
    measure = MeasureFactory()
    idea = IdeaFactory(
        email="a@example.org",
        consent_processing=True,
        email_confirmed_at="2026-01-01T00:00Z",
        measure=measure,
    )
    settings.AGENDA_BASE_URL = ""
    mails.send_update(idea, "promoted", measure=measure)
    assert "http://127.0.0.1:8000/ideen/status/" in mail.outbox[-1].body
    settings.AGENDA_BASE_URL = "https://agenda.example.de"
    mails.send_update(idea, "promoted", measure=measure)
    assert "https://agenda.example.de/ideen/status/" in mail.outbox[-1].body
