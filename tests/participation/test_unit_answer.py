"""Fachbereich answers ideas routed to its unit, without seeing who handed them in."""

import pytest
from django.urls import reverse

from measures.models import StaffProfile
from participation.models import Idea
from tests.factories import ActorFactory, IdeaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(department):
    actor = ActorFactory(name="Schulamt")
    StaffProfile.objects.create(user=department, unit=actor)
    return actor


@pytest.fixture
def idea(unit):
    return IdeaFactory(
        responsible_unit=unit,
        name="Anna Privat",
        email="anna@example.org",
        consent_processing=True,
        internal_note="Nur intern",
    )


def url(idea):
    return reverse("participation:idea-answer", args=[idea.pk])


def test_the_unit_sees_the_idea_but_not_who_handed_it_in(client, department, idea):
    client.force_login(department)
    page = client.get(url(idea)).content.decode()
    assert idea.title in page and "Freies WLAN" in page
    assert "Anna Privat" not in page and "anna@example.org" not in page
    assert "Nur intern" not in page
    assert "uebernehmen" not in page  # no promotion


def test_the_unit_answers_and_the_answer_is_public(client, department, idea):
    client.force_login(department)
    response = client.post(url(idea), {"state": "accepted", "public_answer": "Machen wir."})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert (idea.state, idea.public_answer) == ("accepted", "Machen wir.")
    assert idea.answered_at is not None
    assert idea.name == "Anna Privat"  # untouched


def test_a_rejection_needs_a_public_reason(client, department, idea):
    client.force_login(department)
    response = client.post(url(idea), {"state": "rejected", "public_answer": ""})
    assert response.status_code == 200
    assert "öffentliche Begründung für die Ablehnung" in response.content.decode()
    idea.refresh_from_db()
    assert idea.state == "new"


def test_the_unit_cannot_merge_or_promote(client, department, idea):
    client.force_login(department)
    response = client.post(url(idea), {"state": "promoted", "public_answer": "x"})
    assert response.status_code == 200
    response = client.post(url(idea), {"state": "duplicate", "public_answer": "x"})
    assert response.status_code == 200
    idea.refresh_from_db()
    assert idea.state == "new"
    assert client.get(reverse("participation:idea-moderate", args=[idea.pk])).status_code == 403
    assert client.get(reverse("participation:inbox")).status_code == 403


def test_another_unit_is_turned_away(client, department, unit):
    foreign = IdeaFactory(responsible_unit=ActorFactory(name="Bauamt"))
    unrouted = IdeaFactory()
    client.force_login(department)
    assert client.get(url(foreign)).status_code == 403
    assert client.post(url(foreign), {"state": "accepted"}).status_code == 403
    assert client.get(url(unrouted)).status_code == 403
    assert Idea.objects.get(pk=foreign.pk).state == "new"
    missing = reverse("participation:idea-answer", args=[999999])
    assert client.get(missing).status_code in (403, 404)


def test_without_a_unit_nothing_is_routed_to_one(client, reader, idea):
    client.force_login(reader)
    assert client.get(url(idea)).status_code == 403


def test_redaktion_may_answer_any_idea(client, editor, idea):
    client.force_login(editor)
    assert client.get(url(idea)).status_code == 200
