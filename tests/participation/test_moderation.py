"""Staff answer, route and sort ideas; the inbox stays fast."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from participation.models import Idea, MailLog
from tests.factories import ActionFieldFactory, ActorFactory, IdeaFactory

pytestmark = pytest.mark.django_db


def moderate(client, idea, capture, **data):
    payload = {"state": idea.state, "public_answer": "", "internal_note": "", **data}
    with capture(execute=True):
        return client.post(reverse("participation:idea-moderate", args=[idea.pk]), payload)


def confirmed_idea(**kwargs):
    return IdeaFactory(
        email="anna@example.org",
        consent_processing=True,
        email_confirmed_at=timezone.now(),
        **kwargs,
    )


def test_the_inbox_lists_ideas_with_counts_per_state(editor_client):
    IdeaFactory.create_batch(3)
    IdeaFactory(state=Idea.State.REJECTED, public_answer="Nein.")
    response = editor_client.get(reverse("participation:inbox"))
    assert response.status_code == 200
    counts = {value: count for value, _label, count in response.context["state_counts"]}
    assert counts["new"] == 3
    assert counts["rejected"] == 1
    assert response.context["total_count"] == 4


@pytest.mark.parametrize("rows", [3, 60])
def test_the_inbox_needs_the_same_queries_for_3_or_60_ideas(
    editor_client, django_assert_max_num_queries, rows
):
    field, unit = ActionFieldFactory(), ActorFactory()
    IdeaFactory.create_batch(rows, action_field=field, responsible_unit=unit)
    with django_assert_max_num_queries(12):
        response = editor_client.get(reverse("participation:inbox"))
    assert response.status_code == 200


def test_the_inbox_shows_its_default_columns_and_the_chosen_ones(editor_client):
    IdeaFactory(channel=Idea.Channel.LETTER, action_field=ActionFieldFactory(code="7.3"))
    url = reverse("participation:inbox")
    page = editor_client.get(url).content.decode()
    # Kind, channel, action field and day of receipt ride under the title.
    assert "Brief" in page and "7.3" in page
    assert "Zuständige Stelle</th>" in page and "Unterstützungen</th>" not in page
    # One organisation in sight: nobody else to address, so no such column to choose.
    assert 'value="organisation"' not in page
    editor_client.post(url, {"choose_columns": "1", "columns": ["supports"]})
    page = editor_client.get(url).content.decode()
    assert "Unterstützungen</th>" in page and "Zuständige Stelle</th>" not in page


def test_the_inbox_filters_by_state_kind_field_channel_unit_and_date(editor_client):
    field, unit = ActionFieldFactory(), ActorFactory()
    wanted = IdeaFactory(
        title="Gesucht",
        kind=Idea.Kind.COMPLAINT,
        action_field=field,
        channel=Idea.Channel.WORKSHOP,
        responsible_unit=unit,
        received_on=datetime.date(2026, 5, 4),
        state=Idea.State.IN_REVIEW,
    )
    IdeaFactory(title="Anderes")
    IdeaFactory(title="Anderes Jahr", received_on=datetime.date(2025, 5, 4))
    query = {
        "state": "in_review",
        "kind": "complaint",
        "action_field": field.pk,
        "channel": "workshop",
        "responsible_unit": unit.pk,
        "received_from": "2026-05-01",
        "received_to": "2026-05-31",
    }
    response = editor_client.get(reverse("participation:inbox"), query)
    assert list(response.context["object_list"]) == [wanted]


def test_overdue_ideas_are_listed_and_counted(editor_client):
    today = timezone.localdate()
    late = IdeaFactory(title="Zu spät", answer_by=today - datetime.timedelta(days=1))
    IdeaFactory(title="Noch Zeit", answer_by=today + datetime.timedelta(days=3))
    IdeaFactory(
        title="Erledigt",
        answer_by=today - datetime.timedelta(days=5),
        state=Idea.State.ACCEPTED,
    )
    response = editor_client.get(reverse("participation:inbox"), {"overdue": "on"})
    assert list(response.context["object_list"]) == [late]
    assert response.context["overdue_count"] == 1


def test_rejecting_needs_a_public_reason(editor_client, django_capture_on_commit_callbacks):
    idea = IdeaFactory()
    response = moderate(editor_client, idea, django_capture_on_commit_callbacks, state="rejected")
    assert response.status_code == 200
    assert "public_answer" in response.context["form"].errors
    idea.refresh_from_db()
    assert idea.state == Idea.State.NEW


def test_an_answer_is_mailed_only_to_a_confirmed_address(
    editor_client, django_capture_on_commit_callbacks
):
    unconfirmed = IdeaFactory(email="bob@example.org", consent_processing=True)
    confirmed = confirmed_idea()
    for idea in (unconfirmed, confirmed):
        response = moderate(
            editor_client,
            idea,
            django_capture_on_commit_callbacks,
            state="accepted",
            public_answer="Wird umgesetzt.",
            internal_note="Kosten klären",
        )
        assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]
    assert "Wird umgesetzt." in mail.outbox[0].body
    assert "Kosten klären" not in mail.outbox[0].body
    confirmed.refresh_from_db()
    assert confirmed.answered_at is not None
    assert MailLog.objects.filter(idea=confirmed, kind="answered").exists()


def test_the_internal_note_is_never_public(editor_client, django_capture_on_commit_callbacks):
    client = Client()
    idea = IdeaFactory()
    moderate(
        editor_client,
        idea,
        django_capture_on_commit_callbacks,
        state="accepted",
        public_answer="Gute Idee.",
        internal_note="GEHEIM-Vermerk",
    )
    for url in (idea.get_status_url(), idea.get_public_url(), reverse("participation:idea-list")):
        assert "GEHEIM-Vermerk" not in client.get(url).content.decode()


def test_a_duplicate_links_its_original_and_its_status_link_shows_the_original(
    editor_client, django_capture_on_commit_callbacks
):
    client = Client()
    original = IdeaFactory(
        title="Das Original", state=Idea.State.ACCEPTED, public_answer="Kommt 2027."
    )
    copy = IdeaFactory(title="Die Kopie")
    response = moderate(editor_client, copy, django_capture_on_commit_callbacks, state="duplicate")
    assert "duplicate_of" in response.context["form"].errors
    response = moderate(
        editor_client,
        copy,
        django_capture_on_commit_callbacks,
        state="duplicate",
        duplicate_of=original.pk,
    )
    assert response.status_code == 302
    page = client.get(copy.get_status_url()).content.decode()
    assert "Das Original" in page
    assert "Kommt 2027." in page


def test_an_idea_cannot_be_its_own_duplicate(editor_client, django_capture_on_commit_callbacks):
    idea = IdeaFactory()
    response = moderate(
        editor_client,
        idea,
        django_capture_on_commit_callbacks,
        state="duplicate",
        duplicate_of=idea.pk,
    )
    assert "duplicate_of" in response.context["form"].errors


def test_routing_to_a_unit_with_an_answer_by_date(
    editor_client, django_capture_on_commit_callbacks
):
    idea, unit = IdeaFactory(), ActorFactory(name="Hauptamt")
    moderate(
        editor_client,
        idea,
        django_capture_on_commit_callbacks,
        state="in_review",
        responsible_unit=unit.pk,
        answer_by="2026-12-15",
    )
    idea.refresh_from_db()
    assert idea.responsible_unit == unit
    assert idea.answer_by == datetime.date(2026, 12, 15)


def test_hidden_ideas_never_appear_publicly(editor_client, django_capture_on_commit_callbacks):
    client = Client()
    idea = IdeaFactory(title="Beleidigend", state=Idea.State.ACCEPTED, public_answer="x")
    moderate(
        editor_client,
        idea,
        django_capture_on_commit_callbacks,
        state="accepted",
        public_answer="x",
        is_hidden="on",
    )
    assert "Beleidigend" not in client.get(reverse("participation:idea-list")).content.decode()
    assert client.get(idea.get_public_url()).status_code == 404
    assert client.post(reverse("participation:idea-support", args=[idea.pk])).status_code == 404


def test_bulk_changes_set_many_ideas_at_once_but_leave_promoted_ones(editor_client):
    ideas = IdeaFactory.create_batch(3)
    promoted = IdeaFactory(state=Idea.State.PROMOTED)
    response = editor_client.post(
        reverse("participation:idea-bulk"),
        {"ideas": [i.pk for i in ideas] + [promoted.pk], "action": "in_review"},
    )
    assert response.status_code == 302
    assert set(Idea.objects.values_list("state", flat=True)) == {"in_review", "promoted"}


def test_bulk_rejection_needs_a_reason_and_changes_nothing_without(editor_client):
    ideas = IdeaFactory.create_batch(2)
    editor_client.post(
        reverse("participation:idea-bulk"), {"ideas": [i.pk for i in ideas], "action": "rejected"}
    )
    assert set(Idea.objects.values_list("state", flat=True)) == {"new"}
    editor_client.post(
        reverse("participation:idea-bulk"),
        {
            "ideas": [i.pk for i in ideas],
            "action": "rejected",
            "public_answer": "Zuständig ist das Land.",
        },
    )
    assert set(Idea.objects.values_list("public_answer", flat=True)) == {"Zuständig ist das Land."}


def test_bulk_hide(editor_client):
    ideas = IdeaFactory.create_batch(2, state=Idea.State.ACCEPTED)
    editor_client.post(
        reverse("participation:idea-bulk"), {"ideas": [i.pk for i in ideas], "action": "hide"}
    )
    assert Idea.objects.filter(is_hidden=True).count() == 2


@pytest.mark.parametrize("bad", ["abc", "99999999999999999999999", "-1"])
def test_bulk_with_bad_ids_is_a_message_not_a_500(editor_client, bad):
    response = editor_client.post(
        reverse("participation:idea-bulk"), {"ideas": [bad], "action": "accepted"}
    )
    assert response.status_code == 302


def test_staff_record_an_idea_from_a_workshop(editor_client):
    response = editor_client.post(
        reverse("participation:idea-create-staff"),
        {
            "channel": "workshop",
            "received_on": "2026-03-12",
            "kind": "idea",
            "title": "Digitale Sprechstunde",
            "description": "Aus dem Workshop in Wilster.",
        },
    )
    idea = Idea.objects.get()
    assert response.status_code == 302
    assert (idea.channel, idea.received_on) == ("workshop", datetime.date(2026, 3, 12))


def test_a_staff_entry_cannot_be_dated_in_the_future(editor_client):
    response = editor_client.post(
        reverse("participation:idea-create-staff"),
        {
            "channel": "letter",
            "received_on": "2099-01-01",
            "kind": "idea",
            "title": "Brief",
            "description": "Text",
        },
    )
    assert "received_on" in response.context["form"].errors
    assert Idea.objects.count() == 0


@pytest.mark.parametrize(
    "query", [{"q": "a\x00b"}, {"action_field": "1\x00"}, {"received_from": "31.02.2026"}]
)
def test_hostile_filters_in_the_inbox_are_not_a_500(editor_client, query):
    assert editor_client.get(reverse("participation:inbox"), query).status_code == 200


@pytest.mark.parametrize("query", [{"action_field": "\x00"}, {"kind": "<script>"}, {"page": "999"}])
def test_hostile_filters_on_the_public_list_are_not_a_500(client, query):
    assert client.get(reverse("participation:idea-list"), query).status_code in (200, 404)


def test_ids_above_a_thousand_are_not_written_in_german_number_format(editor_client):
    # "1.014" in a checkbox value once made bulk actions fail on a long-lived database.
    idea = IdeaFactory(pk=1014)
    page = editor_client.get(reverse("participation:inbox")).content.decode()
    assert 'value="1014"' in page
    assert "1.014" not in page
    promote = editor_client.get(reverse("participation:idea-promote") + "?idee=1014")
    assert 'name="idee" value="1014"' in promote.content.decode()
    response = editor_client.post(
        reverse("participation:idea-bulk"), {"ideas": [idea.pk], "action": "in_review"}
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.state == Idea.State.IN_REVIEW
