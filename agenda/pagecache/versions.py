from django.core.signals import setting_changed
from django.db import connection

from agenda.pagecache.models import PageVersion

KEEP = 100  # rows kept behind the newest when pruning; the maximum never goes down
PRUNE_EVERY = 1000
# Our own table name, no outside input.
NEWEST = f"SELECT MAX(id) FROM {PageVersion._meta.db_table}"  # noqa: S608  # nosec B608
_salt = [0]  # moved on when a setting changes (tests); settings are part of every page


def bump(using=None):
    """Publish a new version: every page cached before is unreachable after the commit."""
    row = PageVersion.objects.using(using).create()
    if row.pk % PRUNE_EVERY == 0:
        PageVersion.objects.using(using).filter(pk__lt=row.pk - KEEP).delete()


def current():
    """The version a page rendered now belongs to (one indexed query)."""
    # Plain SQL: asked on every cached request, where the ORM's compiling costs more than the
    # query itself.
    with connection.cursor() as cursor:
        cursor.execute(NEWEST)
        newest = cursor.fetchone()[0] or 0
    return f"{newest}.{_salt[0]}"


def _settings_moved(**_kwargs):
    _salt[0] += 1


setting_changed.connect(_settings_moved, dispatch_uid="pagecache-settings")
