import secrets

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from participation.querysets import IdeaQuerySet
from strategy.organisations.models import Organisation
from strategy.organisations.rules import may_edit_for

TITLE_MAX = 200
TEXT_MAX = 5000
PLACE_MAX = 200
NAME_MAX = 100


def new_token():
    # 32 random bytes: the status link cannot be guessed or enumerated.
    return secrets.token_urlsafe(32)


class Idea(models.Model):
    class Kind(models.TextChoices):
        IDEA = "idea", _("Idea")
        HINT = "hint", _("Hint")
        COMPLAINT = "complaint", _("Complaint")

    class State(models.TextChoices):
        NEW = "new", _("New")
        IN_REVIEW = "in_review", _("In review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        DUPLICATE = "duplicate", _("Duplicate")
        PROMOTED = "promoted", _("Became a measure")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online form")
        WORKSHOP = "workshop", _("Workshop")
        SURVEY = "survey", _("Survey")
        NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood talk")
        LETTER = "letter", _("Letter")
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("E-mail")

    OPEN_STATES = [State.NEW, State.IN_REVIEW]
    ANSWERED_STATES = [State.ACCEPTED, State.REJECTED, State.DUPLICATE, State.PROMOTED]
    PUBLIC_STATES = [State.ACCEPTED, State.REJECTED, State.PROMOTED]

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.IDEA)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=TEXT_MAX)
    action_field = models.ForeignKey(
        "strategy.ActionField",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("action field"),
    )
    # The member the idea is addressed to; empty: the whole federation (its root answers).
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("organisation"),
    )
    place = models.CharField(_("place or municipality"), max_length=PLACE_MAX, blank=True)
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.ONLINE
    )
    received_on = models.DateField(_("received on"), default=timezone.localdate)

    # Personal data: optional, and erased after the retention period or on request.
    name = models.CharField(_("name"), max_length=NAME_MAX, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    consent_processing = models.BooleanField(_("consent to processing"), default=False)
    publish_name = models.BooleanField(_("publish name"), default=False)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, default="de", editable=False)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.NEW, db_index=True
    )
    public_answer = models.TextField(_("public answer"), max_length=TEXT_MAX, blank=True)
    internal_note = models.TextField(
        _("internal note"), blank=True, help_text=_("Never shown to the public.")
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    responsible_unit = models.ForeignKey(
        "measures.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("responsible unit"),
    )
    answer_by = models.DateField(_("answer by"), null=True, blank=True)
    is_hidden = models.BooleanField(
        _("hidden"), default=False, help_text=_("Hidden ideas never appear publicly.")
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    measure = models.ForeignKey(
        "measures.Measure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("measure"),
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["token", "name", "email"])
    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:idea-moderate", args=[self.pk])

    def get_public_url(self):
        return reverse("participation:idea-public-detail", args=[self.pk])

    def get_status_url(self):
        return reverse("participation:idea-status", args=[self.token])

    @property
    def is_public(self):
        return self.state in self.PUBLIC_STATES and not self.is_hidden

    def can_be_answered_by(self, user):
        """The one place that decides who may answer this idea: the moderating roles, and
        members of the unit it is routed to (they answer, but see no personal data). A member's
        staff act only on ideas addressed to their member (see IdeaQuerySet.for_staff)."""
        if not may_edit_for(user, self.organisation_id):
            return False
        if user.has_perm("participation.change_idea"):
            return True
        if not self.responsible_unit_id or not user.has_perm("measures.view_measure"):
            return False
        profile = getattr(user, "staff_profile", None)
        return profile is not None and profile.unit_id == self.responsible_unit_id

    def answering_organisation(self):
        """Who answers, named on the status page and in mails: the member the idea is
        addressed to, else the root. None in a portal with one organisation (named as before).
        """
        if not Organisation.objects.several():
            return None
        return self.organisation or Organisation.objects.root()

    @property
    def public_name(self):
        return self.name if self.publish_name else ""

    @property
    def can_receive_mail(self):
        return bool(self.email and self.email_confirmed_at and self.consent_processing)

    @property
    def original(self):
        """The idea this one duplicates, followed to the end of the chain."""
        seen, idea = {self.pk}, self.duplicate_of
        while idea and idea.duplicate_of_id and idea.duplicate_of_id not in seen:
            seen.add(idea.pk)
            idea = idea.duplicate_of
        return idea


class Support(models.Model):
    """One browser's "I support this" for one public idea; the browser is a random cookie."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    supporter = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "supporter"], name="one_support_per_browser")
        ]
        verbose_name = _("support")
        verbose_name_plural = _("supports")

    def __str__(self):
        return f"{self.idea_id}/{self.supporter[:8]}"


class UsedChallenge(models.Model):
    """A solved captcha challenge, kept until it expires so it cannot be sent twice."""

    signature = models.CharField(max_length=128, unique=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.signature[:12]


class MailLog(models.Model):
    """Which mail went to an idea's submitter and when; the address itself is not copied."""

    class Kind(models.TextChoices):
        CONFIRM = "confirm", _("Confirm e-mail address")
        ANSWERED = "answered", _("Idea answered")
        PROMOTED = "promoted", _("Idea became a measure")
        MEASURE_STATUS = "measure_status", _("Measure status changed")

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="mails")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("mail")
        verbose_name_plural = _("mails")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.sent_at:%Y-%m-%d})"
