from django.dispatch import Signal

# Sent by writes that bypass post_save (bulk_create, bulk_update, QuerySet.update) with
# sender=the model and using=the database alias, so caches of public pages can move on.
bulk_changed = Signal()
