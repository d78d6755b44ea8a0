from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from agenda.backup import BackupError, backup_database


class Command(BaseCommand):
    help = (
        "Write the whole database to one file: pg_dump's custom format on PostgreSQL, "
        "a copy of the database file on SQLite. Restore it with restore_database."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup (overwritten if it exists).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias.")

    def handle(self, *args, file, database, **options):
        try:
            path = backup_database(file, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {path} ({path.stat().st_size:,} bytes).")
