from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models, router, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from measures.funding import (  # noqa: F401 - the funding models belong to this app
    MONEY,
    FundingDeadline,
    FundingLevel,
    FundingLine,
    FundingProgramme,
    money_field,
)
from measures.querysets import MeasureQuerySet, ProgressReportQuerySet
from strategy.lights import Light
from strategy.models import ActionField, Goal, GuidingPrinciple, Organisation
from strategy.organisations.rules import FederationCatalogue, may_edit_for


class EditConflict(Exception):
    """Someone saved the measure after this copy of it was loaded."""

    def __init__(self, measure, since_version):
        self.measure = measure
        self.since_version = since_version
        super().__init__(
            gettext("“%(measure)s” was changed by someone else while you were editing it.")
            % {"measure": measure}
        )


class Actor(FederationCatalogue, models.Model):
    class Kind(models.TextChoices):
        ADMINISTRATION = "administration", _("Administration unit")
        MUNICIPALITY = "municipality", _("Municipality")
        ASSOCIATION = "association", _("Association")
        BUSINESS = "business", _("Business")
        EDUCATION = "education", _("Education")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.ADMINISTRATION
    )
    contact = models.TextField(_("contact"), blank=True, help_text=_("Person, phone or e-mail."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("measures:actor-detail", args=[self.pk])


class Measure(models.Model):
    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        ON_HOLD = "on_hold", _("On hold")
        DROPPED = "dropped", _("Dropped")

    class Priority(models.IntegerChoices):
        HIGH = 1, _("High")
        MEDIUM = 2, _("Medium")
        LOW = 3, _("Low")

    class Feasibility(models.IntegerChoices):
        UNCLEAR = 0, _("Not yet assessed")
        HARD = 1, _("Hard to do")
        CONDITIONAL = 2, _("Feasible under conditions")
        GOOD = 3, _("Readily feasible")

    reference = models.CharField(
        _("reference"),
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(
                r"^[0-9A-Za-z][0-9A-Za-z.\-/]*$",
                _("Use digits, letters, dots, hyphens and slashes only, e.g. “5.1-3”."),
            )
        ],
        help_text=_("Short unique reference, e.g. “5.1-3”."),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    action_field = models.ForeignKey(
        ActionField,
        on_delete=models.PROTECT,
        related_name="measures",
        verbose_name=_("action field"),
    )
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="measures", verbose_name=_("goals")
    )
    # Empty only where no organisation exists yet; new measures default to the root.
    lead_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        # Every measure has a lead; left empty in a form or script, the root leads (save()).
        blank=True,
        related_name="led_measures",
        verbose_name=_("lead organisation"),
    )
    organisations = models.ManyToManyField(
        Organisation,
        through="MeasureOrganisation",
        blank=True,
        related_name="joint_measures",
        verbose_name=_("participating organisations"),
    )
    principles = models.ManyToManyField(
        GuidingPrinciple, blank=True, related_name="measures", verbose_name=_("guiding principles")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IDEA
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.MEDIUM
    )
    feasibility = models.PositiveSmallIntegerField(
        _("feasibility"), choices=Feasibility.choices, default=Feasibility.UNCLEAR
    )
    feasibility_text = models.TextField(_("feasibility: conditions and notes"), blank=True)
    responsible_unit = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_for",
        verbose_name=_("responsible unit"),
    )
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_for_measures",
        verbose_name=_("contact person"),
        help_text=_(
            "Members of the group “Fachbereich” may edit the measures they are contact for."
        ),
    )
    actors = models.ManyToManyField(
        Actor, through="MeasureActor", blank=True, related_name="measures", verbose_name=_("actors")
    )
    staff_days = models.DecimalField(
        _("internal effort (staff days)"),
        max_digits=8,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0)],
    )
    one_off_cost = money_field(_("one-off cost (EUR)"))
    running_cost_per_year = money_field(_("running cost per year (EUR)"))
    external_cost = money_field(_("external services (EUR)"))
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("target date"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    actual_cost = money_field(
        _("actual cost so far (EUR)"),
        help_text=_("What the measure has cost up to now, to compare with the planned cost."),
    )
    # A staff override of the computed traffic light: always with a reason and an expiry.
    light_override = models.CharField(
        _("traffic light set by hand"),
        max_length=10,
        blank=True,
        choices=[c for c in Light.choices if c[0] != Light.UNRATED],
        help_text=_("Leave empty to use the light computed from the plan."),
    )
    override_reason = models.TextField(
        _("reason for the traffic light"),
        blank=True,
        max_length=2000,
        help_text=_("Shown to the public and in the council report."),
    )
    override_until = models.DateField(
        _("traffic light set by hand until"),
        null=True,
        blank=True,
        help_text=_("After this date the computed light applies again."),
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Shown on the public agenda pages.")
    )
    figures_are_examples = models.BooleanField(
        _("figures are example values"),
        default=False,
        help_text=_("Effort, cost, funding and dates are placeholders, not planned values."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # Optimistic locking: a save based on an older version is refused, by every path (see save()).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords(m2m_fields=[goals, principles], excluded_fields=["updated_at"])
    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["reference"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        permissions = [
            ("change_own_measure", _("Can edit the measures one is contact person for")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end__isnull=True)
                | models.Q(planned_start__isnull=True)
                | models.Q(planned_end__gte=models.F("planned_start")),
                name="measure_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(light_override="")
                | (~models.Q(override_reason="") & models.Q(override_until__isnull=False)),
                name="measure_light_override_has_reason_and_expiry",
            ),
            models.CheckConstraint(
                condition=models.Q(actual_end__isnull=True)
                | models.Q(actual_start__isnull=True)
                | models.Q(actual_end__gte=models.F("actual_start")),
                name="measure_actual_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def save(self, *args, **kwargs):
        """Save and move the version on; refuse with EditConflict if a colleague saved meanwhile.

        Whatever path a save comes by (form, admin, import, script), the UPDATE only matches
        the row while it still holds the version this object was loaded with (`_do_update`).
        A bulk `Measure.objects.update()` checks nothing but moves every version on.
        """
        if self.lead_organisation_id is None:
            self.lead_organisation = Organisation.objects.ensure_root()
        if self._state.adding:
            return super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "version"}
        self._loaded_version = self.version
        self.version += 1
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        try:
            # A savepoint, so a refused save leaves the caller's transaction usable.
            with transaction.atomic(using=using):
                super().save(*args, **kwargs)
        except BaseException:
            self.version = self._loaded_version
            raise
        finally:
            del self._loaded_version

    def get_absolute_url(self):
        return reverse("measures:measure-detail", args=[self.pk])

    def clean(self):
        super().clean()
        if not self.light_override:
            return
        errors = {}
        if not (self.override_reason or "").strip():
            errors["override_reason"] = _("Please say why the light is set by hand.")
        # An override that has expired stays valid data (the measure can still be edited);
        # that a new one runs from today on is checked where it is set (LightOverrideForm).
        if not self.override_until:
            errors["override_until"] = _("Please give the date until which the light applies.")
        if errors:
            raise ValidationError(errors)

    def _do_update(self, base_qs, using, pk_val, values, update_fields, *args, **kwargs):
        loaded = getattr(self, "_loaded_version", None)
        if loaded is None:  # raw saves (loaddata) and inserts with a given pk
            return super()._do_update(
                base_qs, using, pk_val, values, update_fields, *args, **kwargs
            )
        updated = super()._do_update(
            base_qs.filter(version=loaded), using, pk_val, values, update_fields, *args, **kwargs
        )
        if not updated:
            current = base_qs.filter(pk=pk_val).first()
            if current is not None:
                raise EditConflict(current, loaded)
        return updated

    @property
    def override_reason_if_active(self):
        """The override's reason while it applies, else "" (needs `with_light()`)."""
        return self.override_reason if getattr(self, "override_is_active", False) else ""

    def can_be_edited_by(self, user):
        """The one place that decides who may edit this measure (and its parts)."""
        if not may_edit_for(user, self.lead_organisation_id):
            return False
        if user.has_perm("measures.change_measure"):
            return True
        return (
            user.has_perm("measures.change_own_measure")
            and self.contact_person_id is not None
            and self.contact_person_id == user.pk
        )


class MeasureActor(models.Model):
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="participations", verbose_name=_("measure")
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="participations", verbose_name=_("actor")
    )
    contribution = models.TextField(_("contribution"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["actor__name"]
        verbose_name = _("participating actor")
        verbose_name_plural = _("participating actors")
        constraints = [
            models.UniqueConstraint(fields=["measure", "actor"], name="unique_actor_per_measure")
        ]

    def __str__(self):
        return str(self.actor)


class Milestone(models.Model):
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("measure")
    )
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("due date"))
    done = models.BooleanField(_("done"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title


class ProgressReport(models.Model):
    measure = models.ForeignKey(
        Measure,
        on_delete=models.CASCADE,
        related_name="progress_reports",
        verbose_name=_("measure"),
    )
    # The day the report speaks for ("Stand zum"), not the day it was typed.
    date = models.DateField(_("status as of"))
    percent = models.PositiveSmallIntegerField(
        _("progress (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    text = models.TextField(_("status report"))
    problems = models.TextField(_("problems and risks"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_reports",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now, editable=False)
    # Empty while the report is a draft: the public, the council and the light see released
    # reports only. Reports written by Redaktion are released at once (see the views).
    released_at = models.DateTimeField(
        _("released"), null=True, blank=True, default=timezone.now, editable=False
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="released_progress_reports",
        verbose_name=_("released by"),
    )

    history = HistoricalRecords()
    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        get_latest_by = ["date", "id"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        permissions = [("release_progressreport", _("Can release progress reports"))]
        indexes = [models.Index(fields=["measure", "-date"], name="progress_measure_date")]

    def __str__(self):
        return f"{self.date:%d.%m.%Y}: {self.percent} %"

    @property
    def is_released(self):
        return self.released_at is not None


# Imported last: they refer to Actor and Measure above.
from measures.dependencies.models import Dependency  # noqa: E402, F401
from measures.organisations import MeasureOrganisation  # noqa: E402, F401
from measures.priorities.models import Criterion, PriorityPublication, Score  # noqa: E402, F401
from measures.profiles import StaffProfile  # noqa: E402, F401
