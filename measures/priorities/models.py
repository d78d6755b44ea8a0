"""Prioritisation: weighted criteria, each measure's scores on them, and whether the scores
are published with the answer to the idea the measure came from.

The priority score and rank are derived in the database (ranking.py), never stored.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from strategy.organisations.rules import FederationWide


class Criterion(FederationWide, models.Model):
    class Scale(models.TextChoices):
        ZERO_TO_THREE = "0-3", _("0 to 3")
        ONE_TO_FIVE = "1-5", _("1 to 5")

    class Source(models.TextChoices):
        MANUAL = "manual", _("Scored by staff")
        FEASIBILITY = "feasibility", _("Computed: the measure's feasibility")
        CITIZEN_DEMAND = "citizen_demand", _("Computed: linked ideas and supports")

    class Axis(models.TextChoices):
        NONE = "", _("Not in the chart")
        IMPACT = "impact", _("Impact (vertical axis)")
        EFFORT = "effort", _("Effort (horizontal axis)")

    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        help_text=_("How much the criterion counts, relative to the others."),
    )
    scale = models.CharField(
        _("scale"), max_length=3, choices=Scale.choices, default=Scale.ZERO_TO_THREE
    )
    inverted = models.BooleanField(
        _("inverted"), default=False, help_text=_("A high value is worse, e.g. effort.")
    )
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.MANUAL
    )
    axis = models.CharField(
        _("portfolio chart axis"), max_length=10, choices=Axis.choices, blank=True, default=""
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("prioritisation criterion")
        verbose_name_plural = _("prioritisation criteria")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("measures:priority-criteria")

    @property
    def bounds(self):
        return (0, 3) if self.scale == self.Scale.ZERO_TO_THREE else (1, 5)

    @property
    def is_computed(self):
        return self.source != self.Source.MANUAL


class Score(models.Model):
    measure = models.ForeignKey(
        "measures.Measure",
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("measure"),
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    value = models.PositiveSmallIntegerField(_("value"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scored by"),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["criterion__order", "criterion_id"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "criterion"], name="one_score_per_measure_and_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"

    def get_absolute_url(self):
        return reverse("measures:priority-score", args=[self.measure_id])

    def clean(self):
        super().clean()
        if self.criterion_id is None or self.value is None:
            return
        low, high = self.criterion.bounds
        if not low <= self.value <= high:
            raise ValidationError(
                {
                    "value": _("Please give a value from %(low)s to %(high)s.")
                    % {"low": low, "high": high}
                }
            )


class PriorityPublication(models.Model):
    """The measure's scores and rank are shown with the answer to its ideas, publicly."""

    measure = models.OneToOneField(
        "measures.Measure",
        on_delete=models.CASCADE,
        related_name="priority_publication",
        verbose_name=_("measure"),
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        verbose_name = _("published prioritisation")
        verbose_name_plural = _("published prioritisations")

    def __str__(self):
        return str(self.measure)

    def get_absolute_url(self):
        return self.measure.get_absolute_url()
