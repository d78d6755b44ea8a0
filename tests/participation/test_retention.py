"""Every idea's personal data has an end date, whether or not it was ever answered."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from participation.models import Idea
from participation.services import apply_retention
from tests.factories import IdeaFactory, answered_idea

pytestmark = pytest.mark.django_db


def _submitted(days_ago, **kwargs):
    idea = IdeaFactory(**kwargs)
    created = timezone.now() - datetime.timedelta(days=days_ago)
    Idea.objects.filter(pk=idea.pk).update(created_at=created)
    return idea


def _personal(idea):
    idea.refresh_from_db()
    return (idea.name, idea.email, idea.publish_name, idea.consent_processing)


def test_an_idea_left_new_past_the_period_loses_its_personal_data(settings):
    settings.PARTICIPATION_RETENTION_DAYS = 365
    settings.PARTICIPATION_UNANSWERED_RETENTION_DAYS = 180
    confirmed = timezone.now() - datetime.timedelta(days=199)
    forgotten = _submitted(
        200,
        title="Vergessen",
        name="Anna",
        email="anna@example.org",
        publish_name=True,
        consent_processing=True,
        email_confirmed_at=confirmed,
    )
    hidden_spam = _submitted(
        200, name="Spam", email="spam@example.org", state=Idea.State.IN_REVIEW, is_hidden=True
    )
    counts = apply_retention()
    assert counts["unanswered"] == 2
    assert _personal(forgotten) == ("", "", False, False)
    assert forgotten.title == "Vergessen"
    assert forgotten.personal_data_erased_at is not None
    assert _personal(hidden_spam) == ("", "", False, False)


def test_a_recent_unanswered_idea_keeps_its_personal_data(settings):
    settings.PARTICIPATION_UNANSWERED_RETENTION_DAYS = 180
    recent = _submitted(
        170,
        name="Bernd",
        email="b@example.org",
        consent_processing=True,
        email_confirmed_at=timezone.now() - datetime.timedelta(days=169),
    )
    apply_retention()
    assert _personal(recent) == ("Bernd", "b@example.org", False, True)


def test_an_answered_idea_follows_the_period_after_its_final_answer(settings):
    settings.PARTICIPATION_RETENTION_DAYS = 365
    settings.PARTICIPATION_UNANSWERED_RETENTION_DAYS = 180
    now = timezone.now()
    # Submitted long ago but answered recently: the answer starts its own period.
    answered_late = answered_idea(name="Clara", answered_at=now - datetime.timedelta(days=30))
    Idea.objects.filter(pk=answered_late.pk).update(created_at=now - datetime.timedelta(days=900))
    answered_long_ago = answered_idea(name="Dora", answered_at=now - datetime.timedelta(days=400))
    apply_retention()
    assert _personal(answered_late)[0] == "Clara"
    assert _personal(answered_long_ago)[0] == ""


def test_the_command_counts_unanswered_ideas_in_a_dry_run(settings, capsys):
    settings.PARTICIPATION_UNANSWERED_RETENTION_DAYS = 180
    idea = _submitted(200, name="Emil")
    call_command("apply_retention", "--dry-run")
    assert _personal(idea)[0] == "Emil"
    out = capsys.readouterr().out
    assert "1 ideas without a final answer" in out
    assert "180 days" in out


def test_the_privacy_notice_names_both_periods(client, settings):
    settings.PARTICIPATION_RETENTION_DAYS = 400
    settings.PARTICIPATION_UNANSWERED_RETENTION_DAYS = 222
    page = client.get(reverse("legal-page", args=["datenschutz"])).content.decode()
    assert "400" in page
    assert "222" in page
