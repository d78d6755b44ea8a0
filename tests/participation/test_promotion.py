"""Good ideas become measures and keep their origin; all or nothing."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from measures.models import Measure
from participation.models import Idea, MailLog
from participation.staff_views import promote_url
from tests.factories import ActionFieldFactory, IdeaFactory, MeasureFactory
from tests.measures.test_views import measure_post

pytestmark = pytest.mark.django_db


def confirmed(**kwargs):
    return IdeaFactory(
        email=kwargs.pop("email", "anna@example.org"),
        consent_processing=True,
        email_confirmed_at=timezone.now(),
        **kwargs,
    )


def promote(client, ideas, capture, **overrides):
    field = ideas[0].action_field or ActionFieldFactory()
    data = measure_post(field, **overrides)
    data["idee"] = [idea.pk for idea in ideas]
    with capture(execute=True):
        return client.post(reverse("participation:idea-promote"), data)


def test_the_form_is_prefilled_from_the_ideas(editor_client):
    field = ActionFieldFactory()
    first = IdeaFactory(title="WLAN im Rathaus", action_field=field, description="Bitte WLAN.")
    second = IdeaFactory(title="WLAN in der Bücherei", action_field=field, description="Auch hier.")
    response = editor_client.get(promote_url([first.pk, second.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["action_field"] == field
    assert "Bitte WLAN." in form.initial["description"]
    assert "Auch hier." in form.initial["description"]
    page = response.content.decode()
    assert page.count('name="idee"') == 2


def test_two_ideas_become_one_measure_that_shows_both_origins(
    editor_client, django_capture_on_commit_callbacks
):
    field = ActionFieldFactory()
    first = confirmed(title="WLAN im Rathaus", action_field=field, state=Idea.State.ACCEPTED)
    second = confirmed(title="WLAN in der Bücherei", action_field=field, email="bob@example.org")
    response = promote(editor_client, [first, second], django_capture_on_commit_callbacks)
    measure = Measure.objects.get()
    assert response.status_code == 302
    for idea in (first, second):
        idea.refresh_from_db()
        assert idea.state == Idea.State.PROMOTED
        assert idea.measure == measure
        assert idea.answered_at is not None
        assert measure.title in idea.public_answer
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "bob@example.org"]
    assert MailLog.objects.filter(kind="promoted").count() == 2

    detail = editor_client.get(measure.get_absolute_url()).content.decode()
    assert "WLAN im Rathaus" in detail and "WLAN in der Bücherei" in detail

    status = Client().get(first.get_status_url()).content.decode()
    assert measure.title in status
    assert measure.get_status_display() in status


def test_promotion_that_fails_halfway_changes_nothing(
    editor_client, django_capture_on_commit_callbacks
):
    fresh = IdeaFactory(title="Frisch")
    taken = IdeaFactory(title="Schon vergeben")
    editor_client.get(promote_url([fresh.pk, taken.pk]))
    # A colleague promotes one of them while the form is open.
    other = MeasureFactory()
    Idea.objects.filter(pk=taken.pk).update(state=Idea.State.PROMOTED, measure=other)

    response = promote(editor_client, [fresh, taken], django_capture_on_commit_callbacks)
    assert response.status_code == 409
    assert "Schon vergeben" in response.content.decode()
    assert Measure.objects.count() == 1  # only the colleague's
    fresh.refresh_from_db()
    assert (fresh.state, fresh.measure) == (Idea.State.NEW, None)
    assert mail.outbox == []
    # What the editor typed is still there.
    assert "Dorffunk für alle Gemeinden" in response.content.decode()


def test_a_promotion_with_a_form_error_changes_nothing(
    editor_client, django_capture_on_commit_callbacks
):
    idea = IdeaFactory()
    response = promote(editor_client, [idea], django_capture_on_commit_callbacks, title="")
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    idea.refresh_from_db()
    assert idea.state == Idea.State.NEW
    assert Measure.objects.count() == 0


def test_promoting_without_ideas_goes_back_to_the_inbox(editor_client):
    response = editor_client.get(reverse("participation:idea-promote"))
    assert response.status_code == 302
    response = editor_client.get(reverse("participation:idea-promote") + "?idee=abc&idee=99999")
    assert response.status_code == 302


def test_the_submitter_hears_when_the_measure_changes_status(
    editor_client, django_capture_on_commit_callbacks
):
    idea = confirmed()
    promote(editor_client, [idea], django_capture_on_commit_callbacks)
    mail.outbox.clear()
    measure = Measure.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        measure.status = Measure.Status.IN_PROGRESS
        measure.save()
    assert len(mail.outbox) == 1
    assert measure.reference in mail.outbox[0].subject
    # Saving without a status change sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        measure.title = "Neuer Titel"
        measure.save()
    assert len(mail.outbox) == 1


def test_the_public_page_shows_the_published_measure(
    client, editor_client, django_capture_on_commit_callbacks
):
    idea = IdeaFactory(title="Öffentlich")
    promote(editor_client, [idea], django_capture_on_commit_callbacks, is_published="on")
    measure = Measure.objects.get()
    page = Client().get(idea.get_public_url()).content.decode()
    assert measure.title in page


@pytest.mark.parametrize("bad", ["²", "٣", "1e3"])
def test_odd_digits_in_the_idea_list_are_ignored_not_a_500(editor_client, bad):
    response = editor_client.get(reverse("participation:idea-promote") + f"?idee={bad}")
    assert response.status_code == 302
