import copy
from contextlib import contextmanager
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.utils import load_backend

from agenda.backup import BackupError, backup_database, restore_database
from agenda.report.snapshot import build_snapshot
from participation.models import Idea
from tests.factories import IdeaFactory, measure_with_parts

RESTORED = "restored"


@pytest.fixture
def empty_database(tmp_path):
    """A second, empty database beside the test database, reachable as the alias 'restored'."""
    default = connections[DEFAULT_DB_ALIAS]
    if default.vendor == "postgresql":
        name = f"{default.settings_dict['NAME']}_restore"
        quoted = default.ops.quote_name(name)
        with default._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
            cursor.execute(f"CREATE DATABASE {quoted} TEMPLATE template0")
    else:
        name = str(tmp_path / "restored.sqlite3")
    # A connection made here, not in DATABASES: Django's test case lets such connections be.
    settings_dict = {**copy.deepcopy(default.settings_dict), "NAME": name}
    restored = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, RESTORED)
    connections[RESTORED] = restored
    yield restored
    restored.close()
    del connections[RESTORED]
    if default.vendor == "postgresql":
        with default._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")


@contextmanager
def as_default(alias):
    """Code that knows only the default database reads the other one meanwhile."""
    original = connections[DEFAULT_DB_ALIAS]
    connections[DEFAULT_DB_ALIAS] = connections[alias]
    try:
        yield
    finally:
        connections[DEFAULT_DB_ALIAS] = original


def rows_per_table(alias):
    connection = connections[alias]
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def without_time(snapshot):
    return {key: value for key, value in snapshot.items() if key != "taken_at"}


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_yields_the_same_report_data(tmp_path, empty_database):
    measure = measure_with_parts(reference="4.1-1")
    measure_with_parts(reference="4.1-2")
    IdeaFactory.create_batch(3)
    IdeaFactory(state=Idea.State.PROMOTED, measure=measure, title="Freies WLAN")
    original = build_snapshot()
    original_rows = rows_per_table(DEFAULT_DB_ALIAS)

    backup = backup_database(tmp_path / "agenda.backup")
    restore_database(backup, using=RESTORED)

    with as_default(RESTORED):
        restored = build_snapshot()
    assert without_time(restored) == without_time(original)
    assert restored["fields"][0]["measures"][0]["origin"][0]["title"] == "Freies WLAN"
    assert rows_per_table(RESTORED) == original_rows
    # Sequences come along: new rows in the restored database get fresh keys.
    assert Group.objects.using(RESTORED).create(name="Nach der Wiederherstellung").pk


@pytest.mark.django_db(transaction=True)
def test_a_restore_empties_the_page_cache_whose_versions_it_may_repeat(tmp_path, empty_database):
    backup = backup_database(tmp_path / "agenda.backup")
    cache.set("page:1:de:2026-12-01:cached", "an older agenda")
    restore_database(backup, using=RESTORED, dry_run=True)
    assert cache.get("page:1:de:2026-12-01:cached") == "an older agenda"
    restore_database(backup, using=RESTORED)
    assert cache.get("page:1:de:2026-12-01:cached") is None


@pytest.mark.django_db(transaction=True)
def test_the_backup_file_is_readable_only_by_its_owner(tmp_path):
    backup = backup_database(tmp_path / "agenda.backup")
    assert backup.stat().st_mode & 0o777 == 0o600
    assert not (tmp_path / "agenda.backup.partial").exists()


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_already_has_tables(tmp_path):
    backup = backup_database(tmp_path / "agenda.backup")
    with pytest.raises(CommandError, match="already has .* tables"):
        call_command("restore_database", str(backup))


@pytest.mark.django_db(transaction=True)
def test_a_dry_run_checks_the_file_and_leaves_the_database_empty(tmp_path, empty_database):
    backup = backup_database(tmp_path / "agenda.backup")
    out = StringIO()
    call_command("restore_database", str(backup), database=RESTORED, dry_run=True, stdout=out)
    assert "Would restore" in out.getvalue()
    assert empty_database.introspection.table_names() == []


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_no_backup(tmp_path, empty_database):
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("Das ist keine Sicherung.")
    with pytest.raises(BackupError):
        restore_database(not_a_backup, using=RESTORED)
    with pytest.raises(CommandError, match="No backup file"):
        call_command("restore_database", str(tmp_path / "missing.backup"), database=RESTORED)


@pytest.mark.django_db(transaction=True)
def test_the_backup_command_says_where_it_wrote(tmp_path):
    out = StringIO()
    call_command("backup_database", str(tmp_path / "agenda.backup"), stdout=out)
    assert "Backup written to" in out.getvalue()
    assert (tmp_path / "agenda.backup").stat().st_size > 0


@pytest.mark.django_db
def test_an_sqlite_backup_inside_a_transaction_is_refused_instead_of_waiting_forever(tmp_path):
    # SQLite takes its write lock when a transaction begins (settings): a backup from inside
    # one could never read the database. The commands run outside any transaction.
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL backs up with pg_dump, from its own connection")
    with pytest.raises(BackupError, match="transaction"):
        backup_database(tmp_path / "agenda.backup")
