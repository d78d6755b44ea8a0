from django.db import models


class PageVersion(models.Model):
    """One row per change of public content; the highest id is the version of all pages.

    Rows are only inserted (never updated), so concurrent writers never wait for each other.
    """

    class Meta:
        app_label = "agenda"
        default_permissions = ()

    def __str__(self):
        return str(self.pk)
