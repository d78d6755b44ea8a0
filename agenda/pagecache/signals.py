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
# Names of contact persons; and the rights behind each staff user's cached pages (staff.py).
WATCHED_MODELS = {
    "auth.user",
    "auth.group",
    "auth.user_groups",
    "auth.user_user_permissions",
    "auth.group_permissions",
}
# New rows no cached page shows yet: a fresh idea is public only once answered (and never if
# hidden); cached pages list only Idea.objects.public(). Its later saves bump as usual.
UNSEEN_WHEN_NEW = {
    "participation.idea": lambda idea: idea.state not in idea.PUBLIC_STATES or idea.is_hidden,
}


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
    if not kwargs.get("action", "post_").startswith("post_") or not is_watched(sender):
        return
    unseen = UNSEEN_WHEN_NEW.get(sender._meta.label_lower)
    if kwargs.get("created") and unseen and unseen(kwargs["instance"]):
        return
    bump(using=using)


def connect():
    post_save.connect(changed, dispatch_uid="pagecache-save")
    post_delete.connect(changed, dispatch_uid="pagecache-delete")
    m2m_changed.connect(changed, dispatch_uid="pagecache-m2m")
    bulk_changed.connect(changed, dispatch_uid="pagecache-bulk")
