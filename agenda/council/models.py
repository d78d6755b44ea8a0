from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from strategy.bidi import isolate_text

BODY_SUGGESTIONS = ["Kreistag", "Hauptausschuss", "Amtsausschuss", "Gemeindevertretung"]
HTTP_ONLY = URLValidator(schemes=["http", "https"])


class DecisionQuerySet(models.QuerySet):
    def not_final(self):
        return self.filter(result__in=Decision.OPEN_RESULTS)

    def from_oparl(self):
        return self.exclude(oparl_paper_id="")


class Decision(models.Model):
    """A council's decision on a measure (or, without a measure, an edition's adoption)."""

    class Result(models.TextChoices):
        PENDING = "pending", _("not decided yet")
        ADOPTED = "adopted", _("adopted")
        ADOPTED_AMENDED = "adopted_amended", _("adopted with amendments")
        REJECTED = "rejected", _("rejected")
        POSTPONED = "postponed", _("postponed")
        NOTED = "noted", _("noted")

    OPEN_RESULTS = (Result.PENDING, Result.POSTPONED)
    ADOPTING_RESULTS = (Result.ADOPTED, Result.ADOPTED_AMENDED)

    measure = models.ForeignKey(
        "measures.Measure",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("measure"),
    )
    body = models.CharField(_("body"), max_length=200, help_text=_("For example “Kreistag”."))
    date = models.DateField(_("date"), null=True, blank=True)
    paper_reference = models.CharField(_("paper reference"), max_length=100, blank=True)
    paper_title = models.CharField(_("paper title"), max_length=500, blank=True)
    result = models.CharField(
        _("result"), max_length=20, choices=Result.choices, default=Result.PENDING
    )
    resolution_text = models.TextField(_("resolution text"), blank=True, max_length=50000)
    link = models.URLField(_("link"), blank=True, max_length=500, validators=[HTTP_ONLY])
    oparl_paper_id = models.CharField(_("OParl paper id"), max_length=500, blank=True)
    oparl_agenda_item_id = models.CharField(_("OParl agenda item id"), max_length=500, blank=True)
    oparl_consultation_id = models.CharField(_("OParl consultation id"), max_length=500, blank=True)
    is_example = models.BooleanField(_("example value"), default=False)
    fetched_at = models.DateTimeField(_("fetched"), null=True, blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("council decision")
        verbose_name_plural = _("council decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "oparl_consultation_id"],
                condition=~models.Q(oparl_consultation_id=""),
                name="decision_unique_consultation_per_measure",
            )
        ]

    def __str__(self):
        label = self.paper_reference or self.get_result_display()
        day = f" ({self.date:%d.%m.%Y})" if self.date else ""
        return f"{isolate_text(self.body)} {isolate_text(label)}{day}"

    def get_absolute_url(self):
        if self.measure_id:
            return reverse("measures:measure-detail", args=[self.measure_id])
        return reverse("editions:edition-list")

    def can_be_edited_by(self, user):
        return self.measure is not None and self.measure.can_be_edited_by(user)

    @property
    def is_adoption(self):
        """For an edition: adopted, on a known date."""
        return self.date is not None and self.result in self.ADOPTING_RESULTS

    @property
    def is_final(self):
        return self.result not in self.OPEN_RESULTS
