from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = _("Digital agenda")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from agenda.middleware import start_idle_clock
        from agenda.pagecache import signals as page_signals
        from strategy.staff.roles import sync_roles

        post_migrate.connect(sync_roles, sender=self)
        user_logged_in.connect(start_idle_clock, dispatch_uid="agenda-idle-clock")
        page_signals.connect()
