"""Funding: programmes with their dated deadlines, and each measure's funding lines."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from strategy.formatting import euro
from strategy.organisations.rules import FederationCatalogue

MONEY = {"max_digits": 12, "decimal_places": 2}


def money_field(label, **kwargs):
    """An amount in euro: never negative, 0 when not given."""
    return models.DecimalField(
        label, default=0, validators=[MinValueValidator(0)], **MONEY, **kwargs
    )


class FundingLevel(models.TextChoices):
    OWN = "own", _("Own budget")
    FEDERAL = "federal", _("Federal government (Bund)")
    STATE = "state", _("State (Land)")
    EU = "eu", _("European Union")
    OTHER = "other", _("Other")


class FundingProgramme(FederationCatalogue, models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    level = models.CharField(
        _("level"), max_length=10, choices=[c for c in FundingLevel.choices if c[0] != "own"]
    )
    funding_rate = models.DecimalField(
        _("funding rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    link = models.URLField(_("link"), blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("measures:programme-detail", args=[self.pk])


class FundingLine(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        APPLIED = "applied", _("Applied for")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    measure = models.ForeignKey(
        "measures.Measure",
        on_delete=models.CASCADE,
        related_name="funding_lines",
        verbose_name=_("measure"),
    )
    source = models.CharField(_("source"), max_length=10, choices=FundingLevel.choices)
    programme = models.ForeignKey(
        FundingProgramme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funding_lines",
        verbose_name=_("funding programme"),
    )
    amount = models.DecimalField(_("amount (EUR)"), validators=[MinValueValidator(0)], **MONEY)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    application_deadline = models.DateField(_("application deadline"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")

    def __str__(self):
        return f"{self.get_source_display()}: {euro(self.amount)}"

    def clean(self):
        super().clean()
        programme = self.programme if self.programme_id else None
        if programme and self.source == FundingLevel.OWN:
            raise ValidationError(
                {
                    "programme": _(
                        "Own budget has no funding programme; "
                        "choose the programme's level as source."
                    )
                }
            )
        if programme and self.source and programme.level != self.source:
            raise ValidationError(
                {
                    "source": _("The programme “%(programme)s” is funded by: %(level)s.")
                    % {"programme": programme, "level": programme.get_level_display()}
                }
            )

    @property
    def is_grant(self):
        return self.source != FundingLevel.OWN


class FundingDeadline(models.Model):
    """A dated deadline of a funding programme: application, proof of use, … ."""

    class Kind(models.TextChoices):
        APPLICATION = "application", _("Application")
        PROOF_OF_USE = "proof_of_use", _("Proof of use")
        REPORT = "report", _("Interim report")
        OTHER = "other", _("Other")

    programme = models.ForeignKey(
        FundingProgramme,
        on_delete=models.CASCADE,
        related_name="deadlines",
        verbose_name=_("funding programme"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("funding deadline")
        verbose_name_plural = _("funding deadlines")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.date:%d.%m.%Y}"
