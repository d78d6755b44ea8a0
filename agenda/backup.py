"""Back up the whole database to one file, and restore such a file into an empty database.

PostgreSQL: `pg_dump --format=custom` and `pg_restore`; SQLite: the sqlite3 backup API.
Both write the file under a temporary name first, so a failed backup never leaves a
truncated file that looks complete, and with mode 0600: a backup holds personal data.
"""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.postgresql.client import DatabaseClient

# Debian keeps the tools of each PostgreSQL version here; /usr/bin has wrappers when installed.
PG_BIN_DIRS = "/usr/lib/postgresql"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class Restore:
    database: str
    tables: int
    dry_run: bool


def backup_database(path, *, using=DEFAULT_DB_ALIAS):
    """Write the database `using` to `path`; returns the path."""
    connection = connections[using]
    if connection.vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"No backup for the {connection.vendor} database backend.")
    if connection.vendor == "sqlite" and connection.in_atomic_block:
        # SQLite's transactions take the write lock at BEGIN (settings: IMMEDIATE), and the
        # backup API cannot read a database its own connection is writing: it would wait forever.
        raise BackupError("Cannot back up SQLite from inside a transaction.")
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        partial.unlink(missing_ok=True)
        descriptor = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            if connection.vendor == "postgresql":
                _run(*_pg_command(connection, "pg_dump", ["--format=custom"]), stdout=out)
        if connection.vendor == "sqlite":
            with closing(sqlite3.connect(partial)) as target:
                _sqlite_connection(connection).backup(target)
        partial.replace(path)
    except OSError as error:
        raise BackupError(f"Cannot write {path}: {error.strerror or error}") from error
    finally:
        partial.unlink(missing_ok=True)
    return path


def restore_database(path, *, using=DEFAULT_DB_ALIAS, dry_run=False):
    """Restore a backup from `path` into the database `using`, which must have no tables."""
    connection = connections[using]
    if connection.vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"No restore for the {connection.vendor} database backend.")
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")
    name = str(connection.settings_dict["NAME"])
    existing = connection.introspection.table_names()
    if existing:
        raise BackupError(
            f"The database {name} already has {len(existing)} tables; a restore goes only "
            "into an empty database. Create a new, empty database (createdb), point "
            "DATABASE_URL at it and run the restore again."
        )
    if connection.vendor == "postgresql":
        listing = _run([_pg_tool("pg_restore"), "--list", str(path)], None)
        tables = sum(" TABLE " in line and " TABLE DATA " not in line for line in listing)
        if not dry_run:
            options = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
            # Django's command line ends with the database name: it becomes --dbname's value.
            args, env = _pg_command(connection, "pg_restore", [*options, "--dbname"])
            _run([*args, str(path)], env)
    else:
        tables = _sqlite_tables(path)
        if not dry_run:
            with closing(sqlite3.connect(path)) as source:
                source.backup(_sqlite_connection(connection))
    if not dry_run:
        # The restored page versions may repeat numbers under which the cache holds pages of
        # the data the restore replaces (agenda/pagecache): empty the cache, not only bump.
        cache.clear()
    return Restore(database=name, tables=tables, dry_run=dry_run)


def _pg_command(connection, tool, options):
    """Django's psql command line for the tool: the password travels in the environment."""
    args, env = DatabaseClient.settings_to_cmd_args_env(
        connection.settings_dict, ["--no-password", *options]
    )
    return [_pg_tool(tool), *args[1:]], {**os.environ, **(env or {})}


def _pg_tool(name):
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(
        Path(PG_BIN_DIRS).glob(f"*/bin/{name}"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
    )
    if versions:
        return str(versions[-1])
    raise BackupError(f"{name} not found: install the PostgreSQL client tools (postgresql-client).")


def _run(args, env, stdout=subprocess.PIPE):
    result = subprocess.run(  # noqa: S603 - a PostgreSQL tool with our own arguments
        args, env=env, stdout=stdout, stderr=subprocess.PIPE, check=False
    )
    if result.returncode != 0:
        message = result.stderr.decode(errors="replace").strip()
        raise BackupError(f"{Path(args[0]).name} failed: {message}")
    return result.stdout.decode(errors="replace").splitlines() if result.stdout else []


def _sqlite_connection(connection):
    connection.ensure_connection()
    return connection.connection


def _sqlite_tables(path):
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as source:
            query = "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            return source.execute(query).fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a SQLite backup: {error}") from error
