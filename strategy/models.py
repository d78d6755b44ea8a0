from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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
