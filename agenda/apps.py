from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = _("Digital agenda")

    def ready(self):
        from django.db.models.signals import post_migrate

        from agenda.roles import sync_roles

        post_migrate.connect(sync_roles, sender=self)
