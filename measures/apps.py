from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = _("Measures")

    def ready(self):
        from django.db.models.signals import post_migrate

        from measures.priorities.defaults import ensure_default_criteria

        post_migrate.connect(ensure_default_criteria, sender=self)
