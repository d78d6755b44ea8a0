from django.conf import settings
from django.core.management.base import BaseCommand

from participation.services import apply_retention


class Command(BaseCommand):
    help = (
        "Erase names and e-mail addresses of ideas whose final answer is older than "
        "PARTICIPATION_RETENTION_DAYS and of ideas without a final answer submitted more "
        "than PARTICIPATION_UNANSWERED_RETENTION_DAYS ago, drop unconfirmed addresses and "
        "expired captcha solutions. Meant for a daily cron job; the ideas' content is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be erased."
        )

    def handle(self, *args, dry_run=False, **options):
        counts = apply_retention(dry_run=dry_run)
        prefix = "would erase" if dry_run else "erased"
        self.stdout.write(
            f"{prefix}: personal data of {counts['anonymised']} answered ideas "
            f"(retention {settings.PARTICIPATION_RETENTION_DAYS} days), "
            f"of {counts['unanswered']} ideas without a final answer "
            f"({settings.PARTICIPATION_UNANSWERED_RETENTION_DAYS} days after submission), "
            f"{counts['unconfirmed']} unconfirmed e-mail addresses"
            + (f", {counts['challenges']} expired captcha solutions" if not dry_run else "")
        )
