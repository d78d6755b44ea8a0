"""The reminder digest: each item once per interval, the chosen frequency, opt-out, dry run."""

import datetime
import logging
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from agenda.models import ReminderDigest, ReminderItem
from agenda.reminders.services import send_reminders
from measures.models import StaffProfile
from tests.conftest import user_with_role
from tests.factories import MeasureFactory, MilestoneFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db

# Today as the server counts it: a digest's sent_at is the real time, so a fixed date here
# made these tests fail on any other day (they did, an hour past midnight in Berlin).
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def at_eight(day):
    return datetime.datetime.combine(day, datetime.time(8), tzinfo=datetime.UTC)


@pytest.fixture
def falk(db):
    return user_with_role("Fachbereich", username="falk", email="falk@example.org")


@pytest.fixture
def due(falk):
    """A measure without any report and a milestone 3 days overdue."""
    m = MeasureFactory(contact_person=falk, status="in_progress", reference="3.2-1")
    milestone = MilestoneFactory(measure=m, title="Vergabe", due_date=TODAY - 3 * DAY)
    return m, milestone


def test_the_digest_has_every_due_item_in_one_mail(falk, due):
    m, milestone = due
    outcomes = send_reminders(today=TODAY)
    assert [o.sent for o in outcomes] == [True]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["falk@example.org"]
    assert "2 Punkte fällig" in message.subject
    assert "Vergabe" in message.body and "überfällig seit 3 Tagen" in message.body
    assert m.reference in message.body
    assert f"/intern/massnahmen/{m.pk}/" in message.body
    assert "Guten Tag" in message.body
    assert message.alternatives[0].mimetype == "text/html"
    digest = ReminderDigest.objects.get()
    assert (digest.user, digest.item_count) == (falk, 2)
    assert set(ReminderItem.objects.values_list("key", flat=True)) == {
        f"report:measure:{m.pk}",
        f"milestone:{milestone.pk}",
    }


def test_nothing_due_sends_nothing(falk):
    assert send_reminders(today=TODAY) == []
    assert mail.outbox == []
    assert not ReminderDigest.objects.exists()


def test_no_more_often_than_chosen_and_each_item_once_within_the_interval(falk, due):
    send_reminders(today=TODAY)
    m, _milestone = due
    # A new item the next day: weekly means it waits for the next digest.
    MilestoneFactory(measure=m, title="Abnahme", due_date=TODAY + 2 * DAY)
    send_reminders(today=TODAY + DAY)
    assert len(mail.outbox) == 1
    send_reminders(today=TODAY + 6 * DAY)
    assert len(mail.outbox) == 1
    send_reminders(today=TODAY + 7 * DAY)
    assert len(mail.outbox) == 2
    # After a week, everything still due is mentioned again, the new one too.
    assert "Abnahme" in mail.outbox[1].body and "Vergabe" in mail.outbox[1].body


def test_daily_users_never_get_the_same_item_twice_within_a_day(falk, due):
    StaffProfile.objects.create(user=falk, reminder_days=StaffProfile.Frequency.DAILY)
    send_reminders(today=TODAY)
    send_reminders(today=TODAY)
    assert len(mail.outbox) == 1
    send_reminders(today=TODAY + DAY)
    assert len(mail.outbox) == 2


def test_an_item_mailed_within_the_interval_is_left_out(falk, due):
    m, milestone = due
    StaffProfile.objects.create(user=falk, reminder_days=StaffProfile.Frequency.WEEKLY)
    digest = ReminderDigest.objects.create(user=falk, item_count=1)
    # An older digest mentioned the milestone 3 days ago (the digest itself is 10 days old).
    ReminderDigest.objects.filter(pk=digest.pk).update(sent_at=at_eight(TODAY - 10 * DAY))
    ReminderItem.objects.create(
        digest=digest,
        user=falk,
        key=f"milestone:{milestone.pk}",
        sent_at=at_eight(TODAY - 3 * DAY),
    )
    send_reminders(today=TODAY)
    assert len(mail.outbox) == 1
    assert "Vergabe" not in mail.outbox[0].body
    assert m.reference in mail.outbox[0].body


def test_done_items_are_not_mentioned(falk, due):
    m, milestone = due
    milestone.done = True
    milestone.save()
    ProgressReportFactory(measure=m, date=TODAY - DAY, released_at=None)
    send_reminders(today=TODAY)
    assert mail.outbox == []


def test_users_who_opted_out_get_nothing(falk, due):
    StaffProfile.objects.create(user=falk, reminders_enabled=False)
    send_reminders(today=TODAY)
    assert mail.outbox == []


def test_users_without_address_or_role_get_nothing(due):
    m, _ = due
    nobody = user_with_role(None, username="nobody", email="n@example.org")
    no_address = user_with_role("Fachbereich", username="ohne", email="")
    MeasureFactory(contact_person=nobody, status="planned")
    MeasureFactory(contact_person=no_address, status="planned")
    m.contact_person.is_active = False
    m.contact_person.save()
    assert send_reminders(today=TODAY) == []


def test_dry_run_lists_who_would_get_what_and_sends_and_stores_nothing(falk, due):
    out = StringIO()
    call_command("send_reminders", "--dry-run", "--today", TODAY.isoformat(), stdout=out)
    assert mail.outbox == []
    assert not ReminderDigest.objects.exists()
    assert not ReminderItem.objects.exists()
    assert "would send: falk (2 items)" in out.getvalue()
    assert "Vergabe" in out.getvalue()


def test_one_failing_address_does_not_stop_the_others(falk, due, settings, caplog, monkeypatch):
    other = user_with_role("Fachbereich", username="olga", email="olga@example.org")
    MeasureFactory(contact_person=other, status="planned")
    from django.core.mail.backends.locmem import EmailBackend

    real_send = EmailBackend.send_messages

    def refuse_one(self, messages):
        if any("falk@example.org" in m.to for m in messages):
            raise OSError("550 <falk@example.org>: mailbox unavailable")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_one)
    with caplog.at_level(logging.INFO, logger="agenda.reminders.services"):
        outcomes = send_reminders(today=TODAY)
    assert {o.user.username: (o.sent, o.failed) for o in outcomes} == {
        "falk": (False, True),
        "olga": (True, False),
    }
    assert [m.to for m in mail.outbox] == [["olga@example.org"]]
    assert list(ReminderDigest.objects.values_list("user__username", flat=True)) == ["olga"]
    text = caplog.text
    assert f"user {falk.pk} failed" in text
    assert "falk@example.org" not in text and "falk" not in text.replace(f"user {falk.pk}", "")


def test_the_command_rejects_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_reminders", "--today", "morgen", stdout=StringIO())


def test_the_log_page_lists_when_each_reminder_went_out(
    client, editor, falk, django_assert_max_num_queries
):
    for _ in range(3):
        ReminderDigest.objects.create(user=falk, item_count=4)
    client.force_login(editor)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("reminders:log")).content.decode()
    row = '<tr class="kern-table__row" role="row"><td class="kern-table__cell" role="cell"'
    assert page.count(row) == 3
    client.force_login(falk)
    assert client.get(reverse("reminders:log")).status_code == 403


@pytest.mark.parametrize("count", [3, 30])
def test_the_log_page_keeps_its_query_bound(
    client, editor, falk, django_assert_max_num_queries, count
):
    for _ in range(count):
        ReminderDigest.objects.create(user=user_with_role(None), item_count=1)
    client.force_login(editor)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("reminders:log")).status_code == 200


def test_the_profile_page_sets_frequency_and_opt_out_and_shows_unit_and_reminders(client, falk):
    from tests.factories import ActorFactory

    StaffProfile.objects.create(user=falk, unit=ActorFactory(name="Bauamt"))
    ReminderDigest.objects.create(user=falk, item_count=5)
    client.force_login(falk)
    page = client.get(reverse("worklist:settings")).content.decode()
    assert "Bauamt" in page and "5 Punkte" in page
    response = client.post(
        reverse("worklist:settings"), {"reminder_days": "30", "reminders_enabled": ""}
    )
    assert response.status_code == 302
    profile = StaffProfile.objects.get(user=falk)
    assert (profile.reminder_days, profile.reminders_enabled) == (30, False)
    response = client.post(reverse("worklist:settings"), {"reminder_days": "5"})
    assert response.status_code == 200
    assert StaffProfile.objects.get(user=falk).reminder_days == 30
