import datetime

from django.core.management.base import BaseCommand, CommandError

from agenda.reminders.services import send_reminders


class Command(BaseCommand):
    help = (
        "Send each staff user one reminder e-mail with what is due for them (run daily). "
        "Respects each user's frequency and opt-out; never mails an item twice within it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would get what; send nothing."
        )
        parser.add_argument("--today", help="Act as if today were this day (YYYY-MM-DD).")

    def handle(self, *args, dry_run=False, today=None, **options):
        if today:
            try:
                today = datetime.date.fromisoformat(today)
            except ValueError:
                raise CommandError("--today must be a date like 2026-12-01.") from None
        outcomes = send_reminders(today=today, dry_run=dry_run)
        for outcome in outcomes:
            user = outcome.user
            state = "FAILED" if outcome.failed else "sent"
            if dry_run:
                state = "would send"
            self.stdout.write(f"{state}: {user.get_username()} ({len(outcome.items)} items)")
            if dry_run:
                for item in outcome.items:
                    due = f"{item.due:%d.%m.%Y} " if item.due else ""
                    self.stdout.write(f"  - {due}{item.title}")
        sent = sum(o.sent for o in outcomes)
        failed = sum(o.failed for o in outcomes)
        if dry_run:
            self.stdout.write(f"Dry run: {len(outcomes)} digests would be sent; nothing sent.")
        else:
            self.stdout.write(f"{sent} digests sent, {failed} failed.")
        if failed:
            raise CommandError(f"{failed} digests could not be sent; see the log.")
