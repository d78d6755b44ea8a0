"""Organisations taking part in a measure (a joint measure) and their shares of its effort."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from measures.funding import money_field as money
from strategy.models import Organisation


class MeasureOrganisation(models.Model):
    """A participating organisation; its shares are parts of the measure's own figures,
    so totals over measures count a joint measure once."""

    measure = models.ForeignKey(
        "measures.Measure",
        on_delete=models.CASCADE,
        related_name="organisation_shares",
        verbose_name=_("measure"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="measure_shares",
        verbose_name=_("organisation"),
    )
    share_one_off_cost = money(_("share of the one-off cost (EUR)"))
    share_external_cost = money(_("share of external services (EUR)"))
    share_staff_days = models.DecimalField(
        _("share of the internal effort (staff days)"),
        max_digits=8,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0)],
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__order", "organisation__name"]
        verbose_name = _("participating organisation")
        verbose_name_plural = _("participating organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "organisation"], name="unique_organisation_per_measure"
            ),
            models.CheckConstraint(
                condition=models.Q(share_staff_days__gte=0), name="organisation_share_days_positive"
            ),
        ]

    def __str__(self):
        return str(self.organisation)
