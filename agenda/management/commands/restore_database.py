from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from agenda.backup import BackupError, restore_database


class Command(BaseCommand):
    help = (
        "Restore a file written by backup_database into an empty database (PostgreSQL: "
        "pg_restore without owners and privileges, all or nothing). Refuses a database "
        "that already has tables."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A file written by backup_database.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only check the file and that the database is empty.",
        )

    def handle(self, *args, file, database, dry_run=False, **options):
        try:
            result = restore_database(file, using=database, dry_run=dry_run)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if result.dry_run:
            self.stdout.write(
                f"Would restore {result.tables} tables from {file} into the empty "
                f"database {result.database}."
            )
            return
        self.stdout.write(f"Restored {result.tables} tables from {file} into {result.database}.")
        self.stdout.write("If the backup is older than the installed version, run migrate next.")
