"""A staff user's unit and reminder settings (one row per user, made on first use)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffProfile(models.Model):
    """What the portal knows of a staff user beyond the login: their unit and reminders."""

    class Frequency(models.IntegerChoices):
        DAILY = 1, _("Daily")
        WEEKLY = 7, _("Weekly")
        MONTHLY = 30, _("Monthly")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_profile",
        verbose_name=_("user"),
    )
    unit = models.ForeignKey(
        "measures.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("unit"),
        help_text=_("Ideas routed to this unit appear in the user's worklist."),
    )
    organisation = models.ForeignKey(
        "strategy.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("organisation"),
        help_text=_("Empty: the portal's own body. Members' staff edit their member's content."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder e-mails"), choices=Frequency.choices, default=Frequency.WEEKLY
    )
    reminders_enabled = models.BooleanField(_("send me reminders by e-mail"), default=True)

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return str(self.user)

    @classmethod
    def for_user(cls, user):
        profile, _created = cls.objects.get_or_create(user=user)
        return profile
