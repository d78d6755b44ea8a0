"""The reminder digest: one mail per person with what is due, no more often than they chose.

Run daily by `manage.py send_reminders` (systemd timer or cron, see docs/deploy.md).
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from agenda.models import ReminderDigest, ReminderItem, SiteProfile
from agenda.worklist.items import due_items, sections
from measures.models import StaffProfile
from participation.mails import absolute, sender

# Only user ids go to the log: names and addresses are personal data.
logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    user: object
    items: list
    sent: bool = False
    failed: bool = False


def recipients():
    """Active staff users with an address, with their profile and last digest (one query)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__isnull=False)
        .exclude(email="")
        .select_related("staff_profile")
        .annotate(last_digest=Max("reminder_digests__sent_at"))
        .distinct()
        .order_by("pk")
    )


def profile_of(user):
    # Users who never opened their profile get the defaults (weekly, on).
    try:
        return user.staff_profile
    except StaffProfile.DoesNotExist:
        return StaffProfile(user=user)


def new_items(user, profile, today):
    """The due items not mailed to the user within their interval."""
    since = today - datetime.timedelta(days=profile.reminder_days - 1)
    recent = set(
        ReminderItem.objects.filter(user=user, sent_at__date__gte=since).values_list(
            "key", flat=True
        )
    )
    by_kind = due_items(user, today)
    return {kind: [i for i in items if i.key not in recent] for kind, items in by_kind.items()}


def is_due(user, profile, today):
    if not profile.reminders_enabled:
        return False
    if user.last_digest is None:
        return True
    last = timezone.localtime(user.last_digest).date()
    return (today - last).days >= profile.reminder_days


def render_digest(user, by_kind, today):
    brand = SiteProfile.brand()
    with translation.override(settings.LANGUAGE_CODE):
        found = sections(by_kind, today, skip_empty=True)
        for section in found:
            for row in section["rows"]:
                row["link"] = absolute(row["item"].url)
        context = {
            "user": user,
            "today": today,
            "organisation": brand["name"],
            "accent": brand["accent"],
            "sections": found,
            "count": sum(section["count"] for section in found),
            "worklist_url": absolute(reverse("worklist:index")),
            "settings_url": absolute(reverse("worklist:settings")),
        }
        subject = render_to_string("agenda/reminders/digest_subject.txt", context)
        text = render_to_string("agenda/reminders/digest.txt", context)
        html = render_to_string("agenda/reminders/digest.html", context)
    return " ".join(subject.split()), text, html


def send_digest(user, by_kind, today):
    subject, text, html = render_digest(user, by_kind, today)
    mail = EmailMultiAlternatives(subject, text, sender(SiteProfile.brand()["name"]), [user.email])
    mail.attach_alternative(html, "text/html")
    mail.send()
    items = [item for items in by_kind.values() for item in items]
    with transaction.atomic():
        digest = ReminderDigest.objects.create(user=user, item_count=len(items))
        ReminderItem.objects.bulk_create(
            ReminderItem(digest=digest, user=user, key=item.key, sent_at=digest.sent_at)
            for item in items
        )


def send_reminders(*, today=None, dry_run=False):
    """Send each due person one digest; returns an Outcome per person with something new."""
    today = today or timezone.localdate()
    outcomes = []
    for user in recipients():
        profile = profile_of(user)
        if not is_due(user, profile, today):
            continue
        by_kind = new_items(user, profile, today)
        items = [item for items in by_kind.values() for item in items]
        if not items:
            continue
        outcome = Outcome(user=user, items=items)
        outcomes.append(outcome)
        if dry_run:
            continue
        try:
            send_digest(user, by_kind, today)
        except Exception as error:  # noqa: BLE001 - one failing address must not stop the others
            # The error's class only: SMTP errors quote the refused address.
            logger.warning("reminder digest to user %s failed: %s", user.pk, type(error).__name__)
            outcome.failed = True
            continue
        outcome.sent = True
        logger.info("reminder digest to user %s: %s items", user.pk, len(items))
    return outcomes
