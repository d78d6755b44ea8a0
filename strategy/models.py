from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from strategy.indicators.querysets import IndicatorQuerySet
from strategy.organisations.models import Organisation
from strategy.organisations.rules import may_edit_for
from strategy.querysets import ActionFieldQuerySet, GoalQuerySet


def next_order(queryset):
    last = queryset.aggregate(m=models.Max("order"))["m"]
    return 1 if last is None else last + 1


class Ordered(models.Model):
    """Staff arrange principles, fields and goals by hand; `order` is their position."""

    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.order:
            self.order = next_order(self.siblings())
        super().save(*args, **kwargs)

    def siblings(self):
        return type(self).objects.all()

    def owner_organisation_id(self):
        """The organisation this belongs to; None: the whole federation (the default)."""
        return None

    def can_be_edited_by(self, user):
        """Object-level rule on top of the model permissions (see StaffPermissionMixin)."""
        return may_edit_for(user, self.owner_organisation_id())

    @classmethod
    def may_be_written_by(cls, user):
        """May `user` add (or change, delete, move) any of these at all? Principles and fields
        belong to the whole federation: the root's staff write them, members read them."""
        return may_edit_for(user, None)


class GuidingPrinciple(Ordered):
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("guiding principle")
        verbose_name_plural = _("guiding principles")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("strategy:principle-detail", args=[self.pk])


# "4", "4.1", "10.2.3", "A2": it goes into references, addresses and the charts' ids.
field_code_validator = RegexValidator(
    r"\A[A-Za-z0-9]+(\.[A-Za-z0-9]+)*\Z",
    _(
        "Enter a number such as “4”, “4.1” or “A2”: letters and digits only, "
        "parts separated by single dots."
    ),
)


class ActionField(Ordered):
    class Perspective(models.TextChoices):
        INTERNAL = "internal", _("Internal view (administration and infrastructure)")
        EXTERNAL = "external", _("External view (digital services of general interest)")

    code = models.CharField(
        _("number"),
        max_length=10,
        unique=True,
        validators=[field_code_validator],
        help_text=_("Short number used in measure references, e.g. “5.1”."),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in web addresses"), max_length=80, unique=True)
    perspective = models.CharField(_("perspective"), max_length=10, choices=Perspective.choices)
    situation = models.TextField(
        _("situation"), blank=True, help_text=_("Where the field stands today.")
    )

    objects = ActionFieldQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("action field")
        verbose_name_plural = _("action fields")

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("strategy:field-detail", args=[self.pk])


class Goal(Ordered):
    action_field = models.ForeignKey(
        ActionField, on_delete=models.PROTECT, related_name="goals", verbose_name=_("action field")
    )
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    # Empty: a goal of the whole federation. A member's own goal carries the member.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("organisation"),
        help_text=_("Leave empty for a goal shared by all organisations."),
    )

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["action_field__order", "order", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("strategy:goal-detail", args=[self.pk])

    def siblings(self):
        return Goal.objects.filter(action_field_id=self.action_field_id)

    def owner_organisation_id(self):
        return self.organisation_id

    @classmethod
    def may_be_written_by(cls, user):
        # A member adds goals of its own; which ones it may change, can_be_edited_by says.
        return True


class Indicator(Ordered):
    """A measurable sign that a goal is reached (Kennzahl): from a baseline to a target."""

    class Direction(models.TextChoices):
        INCREASE = "increase", _("Higher is better")
        DECREASE = "decrease", _("Lower is better")

    class Interval(models.IntegerChoices):
        MONTHLY = 30, _("Monthly")
        QUARTERLY = 91, _("Quarterly")
        HALF_YEARLY = 182, _("Half-yearly")
        YEARLY = 365, _("Yearly")

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("goal")
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(
        _("unit of measurement"), max_length=40, help_text=_("E.g. “%”, “services”, “days”.")
    )
    description = models.TextField(_("description"), blank=True)
    baseline_value = models.DecimalField(_("baseline value"), max_digits=14, decimal_places=2)
    baseline_date = models.DateField(_("baseline date"))
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=2)
    target_date = models.DateField(_("target date"))
    direction = models.CharField(
        _("desired direction"), max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )
    source = models.CharField(
        _("source"), max_length=300, help_text=_("Where the values come from.")
    )
    interval_days = models.PositiveSmallIntegerField(
        _("values due"), choices=Interval.choices, default=Interval.QUARTERLY
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("responsible"),
        help_text=_("Reminded when a value is due."),
    )
    values_are_examples = models.BooleanField(
        _("values are example values"),
        default=False,
        help_text=_("Baseline, target and values are placeholders, not measured figures."),
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["goal__action_field__order", "goal__order", "order", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_date__gt=models.F("baseline_date")),
                name="indicator_target_after_baseline",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(direction="increase", target_value__gt=models.F("baseline_value"))
                    | models.Q(direction="decrease", target_value__lt=models.F("baseline_value"))
                ),
                name="indicator_target_in_direction",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("strategy:indicator-detail", args=[self.pk])

    def siblings(self):
        return Indicator.objects.filter(goal_id=self.goal_id)

    def owner_organisation_id(self):
        return self.goal.organisation_id

    @classmethod
    def may_be_written_by(cls, user):
        # Indicators of a member's own goals are the member's (can_be_edited_by).
        return True

    def clean(self):
        super().clean()
        errors = {}
        if self.baseline_date and self.target_date and self.target_date <= self.baseline_date:
            errors["target_date"] = _("The target date must lie after the baseline date.")
        b, t = self.baseline_value, self.target_value
        if b is not None and t is not None:
            if self.direction == self.Direction.INCREASE and t <= b:
                errors["target_value"] = _(
                    "Higher is better: the target must be above the baseline value."
                )
            if self.direction == self.Direction.DECREASE and t >= b:
                errors["target_value"] = _(
                    "Lower is better: the target must be below the baseline value."
                )
        if errors:
            raise ValidationError(errors)


class IndicatorValue(models.Model):
    """A dated actual value of an indicator (Istwert)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        ordering = ["indicator", "date"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "date"], name="one_value_per_day"),
        ]

    def __str__(self):
        return f"{self.date:%d.%m.%Y}: {self.value}"
