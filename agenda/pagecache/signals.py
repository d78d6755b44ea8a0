"""Every change of content a public page can show moves the page version on."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from agenda.pagecache.versions import bump
from strategy.staff.signals import bulk_changed

WATCHED_APPS = {"strategy", "measures", "participation", "agenda"}
# Written often and shown on no cached page: bumping for them would only empty the cache.
IGNORED = {
    "agenda.pageversion",
    "agenda.report",
    "agenda.reminderdigest",
    "agenda.reminderitem",
    "participation.usedchallenge",
}
WATCHED_MODELS = {"auth.user"}  # names of contact persons


def is_watched(model):
    meta = model._meta
    label = meta.label_lower
    if label in IGNORED or meta.model_name.startswith("historical"):
        return False
    if meta.app_label not in WATCHED_APPS and label not in WATCHED_MODELS:
        return False
    try:  # models of a migration's state are stand-ins: their tables may not exist yet
        return apps.get_model(label) is model
    except LookupError:
        return False


def changed(sender, using=None, **kwargs):
    if kwargs.get("action", "post_").startswith("post_") and is_watched(sender):
        bump(using=using)


def connect():
    post_save.connect(changed, dispatch_uid="pagecache-save")
    post_delete.connect(changed, dispatch_uid="pagecache-delete")
    m2m_changed.connect(changed, dispatch_uid="pagecache-m2m")
    bulk_changed.connect(changed, dispatch_uid="pagecache-bulk")
