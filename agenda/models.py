import base64
import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from agenda.brand import DEFAULT_ACCENT, HEX_COLOUR, ON_ACCENT
from agenda.council.models import HTTP_ONLY, Decision
from agenda.pagecache.models import PageVersion  # noqa: F401 - the app's models are found here
from strategy.bidi import isolate_text
from strategy.organisations.rules import FederationWide, may_edit_for

# Why a report failed without an error of its own; stored as stages are, translated when shown.
STAGE_NEVER_STARTED = gettext_noop(
    "Aborted: no worker took the report up. Is the background service running?"
)
STAGE_STOPPED = gettext_noop(
    "Aborted: the rendering stopped making progress; its worker has probably ended."
)


class LegalPage(FederationWide, models.Model):
    """Imprint, privacy notice and accessibility statement: text the county maintains itself.

    Until staff save their own text, a default written for this portal is shown.
    """

    class Slug(models.TextChoices):
        IMPRINT = "impressum", _("Imprint")
        PRIVACY = "datenschutz", _("Privacy notice")
        ACCESSIBILITY = "barrierefreiheit", _("Accessibility statement")

    slug = models.CharField(_("page"), max_length=30, choices=Slug.choices, unique=True)
    body = models.TextField(
        _("text"),
        max_length=50000,
        help_text=_(
            "Plain text. A blank line starts a new paragraph, a line starting with “## ” is a "
            "heading, a line starting with “- ” is a list item."
        ),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")

    def __str__(self):
        return self.get_slug_display()

    def get_absolute_url(self):
        return reverse("legal-page", args=[self.slug])

    @classmethod
    def default_body(cls, slug):
        context = {
            "organisation": settings.AGENDA_ORGANISATION,
            "retention_days": settings.PARTICIPATION_RETENTION_DAYS,
            "unanswered_retention_days": settings.PARTICIPATION_UNANSWERED_RETENTION_DAYS,
            "confirm_days": settings.PARTICIPATION_CONFIRM_DAYS,
        }
        return render_to_string(f"agenda/legal/{slug}.txt", context).strip()

    @classmethod
    def text_for(cls, slug):
        page = cls.objects.filter(slug=slug).first()
        return page.body if page else cls.default_body(slug)


BRAND_CACHE_KEY = "agenda:brand"
BRAND_CACHE_SECONDS = 60


class SiteProfile(FederationWide, models.Model):
    """Who publishes the agenda: name, logo and the report's opening text. One row."""

    name = models.CharField(_("name of the county or office"), max_length=200)
    # The portal's own body; its members are the organisations below it.
    root = models.ForeignKey(
        "strategy.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("root organisation"),
    )
    report_title = models.CharField(_("report title"), max_length=200, default=_("Digital agenda"))
    introduction = models.TextField(
        _("introduction of the report"),
        blank=True,
        max_length=20000,
        help_text=_("Plain text; a blank line starts a new paragraph."),
    )
    # Stored in the database, not on disk: app servers keep no state of their own.
    logo = models.BinaryField(_("logo"), null=True, blank=True, editable=False)
    logo_type = models.CharField(max_length=40, blank=True, editable=False)
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default=DEFAULT_ACCENT,
        help_text=_(
            "Colour of the header band, buttons and report headings, as #RRGGBB. White text "
            "on it needs a contrast ratio of at least 4.5:1."
        ),
    )
    update_interval_days = models.PositiveSmallIntegerField(
        _("update interval (days)"),
        default=90,
        validators=[MinValueValidator(7), MaxValueValidator(730)],
        help_text=_(
            "A measure whose last progress report is older than this appears in its contact "
            "person's worklist and reminder."
        ),
    )
    oparl_system_url = models.URLField(
        _("OParl system URL of the council information system"),
        blank=True,
        max_length=500,
        validators=[HTTP_ONLY],
        help_text=_(
            "The address of the OParl interface (the “System” object), for example "
            "https://ris.example.de/oparl/v1.1/system. Empty: no import of council decisions."
        ),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("site profile")
        verbose_name_plural = _("site profile")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Again after the commit: a page read between the two must not keep the old brand.
        cache.delete(BRAND_CACHE_KEY)
        transaction.on_commit(lambda: cache.delete(BRAND_CACHE_KEY))

    def get_absolute_url(self):
        return reverse("editions:site-profile")

    @classmethod
    def current(cls):
        return cls.objects.order_by("pk").first() or cls(name=settings.AGENDA_ORGANISATION)

    @classmethod
    def brand(cls):
        """What every page's header needs: name, accent, whether there is a logo, and a
        version for the addresses of the logo and the colour sheet. Cached, so a page costs no
        query; a save clears it, and other processes' own caches expire within a minute."""
        brand = cache.get(BRAND_CACHE_KEY)
        if brand is None:
            row = cls.objects.order_by("pk").values(
                "name", "accent_colour", "logo_type", "updated_at"
            )
            row = row.first() or {"name": settings.AGENDA_ORGANISATION, "updated_at": None}
            accent = row.get("accent_colour") or ""
            accent = accent if HEX_COLOUR.match(accent) else DEFAULT_ACCENT
            stamp = f"{accent}|{row.get('logo_type')}|{row['updated_at']}"
            brand = {
                "name": row["name"],
                "accent": accent,
                "on_accent": ON_ACCENT,
                "has_logo": bool(row.get("logo_type")),
                "version": hashlib.sha256(stamp.encode()).hexdigest()[:12],
            }
            cache.set(BRAND_CACHE_KEY, brand, BRAND_CACHE_SECONDS)
        return brand

    def logo_data_uri(self):
        if not self.logo:
            return ""
        return f"data:{self.logo_type};base64,{base64.b64encode(bytes(self.logo)).decode()}"


def scope_field(related_name):
    """Whose edition or report: a member, or None for the whole federation."""
    return models.ForeignKey(
        "strategy.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=_("organisation"),
        help_text=_("Empty: the whole federation."),
    )


class EditionQuerySet(models.QuerySet):
    def adopted(self):
        return self.filter(
            adoption__date__isnull=False, adoption__result__in=Decision.ADOPTING_RESULTS
        ).select_related("adoption")


class Edition(models.Model):
    """A frozen, dated version of the agenda: what the council decided on.

    The snapshot is written once, when the edition is frozen; later edits of measures
    change neither it nor the edition's report.
    """

    title = models.CharField(_("title"), max_length=200)
    reporting_date = models.DateField(_("reporting date"))
    # The council's decision adopting this edition (body, date, paper reference, result).
    adoption = models.OneToOneField(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="edition",
        verbose_name=_("adoption"),
    )
    include_unpublished = models.BooleanField(
        _("report includes unpublished measures"), default=False
    )
    snapshot = models.JSONField(editable=False)
    # None: the whole federation. A member's edition freezes the same full snapshot; its
    # reports show the member's part.
    organisation = scope_field(related_name="editions")
    created_at = models.DateTimeField(_("frozen"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("frozen by"),
    )

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-reporting_date", "-created_at", "-id"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")

    def __str__(self):
        # The title is user text followed by ours: isolated, so it cannot turn the date around.
        return f"{isolate_text(self.title)} ({self.reporting_date:%d.%m.%Y})"

    def save(self, *args, **kwargs):
        if self.pk and not kwargs.get("force_insert"):
            # The snapshot is never rewritten, whatever the caller passes.
            fields = [
                f.name for f in self._meta.concrete_fields if f.name not in ("id", "snapshot")
            ]
            kwargs["update_fields"] = [
                f for f in kwargs.get("update_fields") or fields if f != "snapshot"
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("editions:edition-detail", args=[self.pk])

    def can_be_edited_by(self, user):
        """A member's staff act for their own member's editions only (see the gate)."""
        return may_edit_for(user, self.organisation_id)

    @property
    def is_adopted(self):
        adoption = self.adoption
        return adoption is not None and adoption.is_adoption

    def previous(self):
        """The edition before this one for the same organisation (or the whole federation)."""
        return (
            Edition.objects.filter(organisation=self.organisation_id)
            .filter(
                models.Q(reporting_date__lt=self.reporting_date)
                | models.Q(reporting_date=self.reporting_date, created_at__lt=self.created_at)
            )
            .order_by("-reporting_date", "-created_at")
            .first()
        )


class ReportQuerySet(models.QuerySet):
    def public(self):
        """The reports anyone may download: finished, whole agenda of the whole federation,
        public audience, adopted."""
        return self.public_of(None)

    def public_of(self, organisation):
        """As `public`, for one member's part (an Organisation or its id; None: the whole
        federation)."""
        return self._downloadable().filter(organisation=organisation)

    def public_in_scope(self):
        """Public reports of each edition's own scope: a federation edition's report on the
        whole federation, a member edition's on that member."""
        return self._downloadable().filter(
            models.Q(organisation__isnull=True, edition__organisation__isnull=True)
            | models.Q(organisation=models.F("edition__organisation"))
        )

    def _downloadable(self):
        return self.filter(
            edition__adoption__date__isnull=False,
            edition__adoption__result__in=Decision.ADOPTING_RESULTS,
            status=Report.Status.DONE,
            field_code="",
            include_unpublished=False,
            audience=Report.Audience.PUBLIC,
        )

    def fail_stale(self):
        """Mark reports failed whose worker gave no sign of life for REPORT_STALE_MINUTES.

        A worker killed by SIGKILL, the OOM killer or a reboot cannot say so itself.
        """
        now = timezone.now()
        limit = now - datetime.timedelta(minutes=settings.REPORT_STALE_MINUTES)
        queued = Report.Status.QUEUED
        return self.filter(
            status__in=[queued, Report.Status.RUNNING], heartbeat_at__lt=limit
        ).update(
            stage=models.Case(
                models.When(status=queued, then=models.Value(STAGE_NEVER_STARTED)),
                default=models.Value(STAGE_STOPPED),
            ),
            error=models.Case(
                models.When(status=queued, then=models.Value("not taken up by a worker")),
                default=models.Value("no progress from the worker"),
            ),
            status=Report.Status.FAILED,
            finished_at=now,
        )


class Report(models.Model):
    """One rendering of the council report, done in the background."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being prepared")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("Public (without internal notes)")
        INTERNAL = "internal", _("Internal (with internal notes, not for publication)")

    class Extent(models.TextChoices):
        FULL = "full", _("Full report")
        COMPACT = "compact", _("Compact edition for the council")

    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("edition"),
    )
    field_code = models.CharField(
        _("only this action field"), max_length=20, blank=True, help_text=_("Empty: all fields.")
    )
    include_unpublished = models.BooleanField(_("include unpublished measures"), default=False)
    # None: the whole federation; a member: only its part (its own and joint measures).
    organisation = scope_field(related_name="reports")
    # Only public reports are ever served to the public; internal ones only through staff URLs.
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    # Compact: summary chapters and one table row per measure, without the measure profiles.
    extent = models.CharField(
        _("extent"), max_length=10, choices=Extent.choices, default=Extent.FULL
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    stage = models.CharField(max_length=100, blank=True)
    # Bumped by every write of the worker: a pending report without one for long is dead.
    heartbeat_at = models.DateTimeField(_("last sign of life"), default=timezone.now)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    render_seconds = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("requested by"),
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        label = isolate_text(self.edition.title) if self.edition_id else _("current state")
        return f"{label} ({self.created_at:%d.%m.%Y %H:%M})" if self.created_at else str(label)

    def get_absolute_url(self):
        return reverse("editions:report-detail", args=[self.pk])

    def can_be_edited_by(self, user):
        return may_edit_for(user, self.organisation_id)

    @property
    def is_internal(self):
        return self.audience == self.Audience.INTERNAL

    @property
    def is_compact(self):
        return self.extent == self.Extent.COMPACT

    @property
    def is_done(self):
        return self.status == self.Status.DONE

    @property
    def is_failed(self):
        return self.status == self.Status.FAILED

    @property
    def is_pending(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def filename(self):
        stamp = (self.edition.reporting_date if self.edition_id else self.created_at).strftime(
            "%Y-%m-%d"
        )
        suffix = f"-{self.organisation.slug}" if self.organisation_id else ""
        suffix += f"-{self.field_code}" if self.field_code else ""
        if self.is_compact:
            suffix += "-kompakt"
        if self.is_internal:
            suffix += "-intern"
        return f"digitale-agenda-{stamp}{suffix}.pdf"


class ReminderDigest(models.Model):
    """One reminder mail that went out: to whom, when, with how many items."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminder_digests",
        verbose_name=_("user"),
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    item_count = models.PositiveIntegerField(_("number of items"))

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self):
        return f"{self.user} ({self.sent_at:%d.%m.%Y %H:%M})"

    def get_absolute_url(self):
        return reverse("reminders:log")


class ReminderItem(models.Model):
    """An item (by its stable key) mentioned in a digest: not mailed again within the interval."""

    digest = models.ForeignKey(
        ReminderDigest, on_delete=models.CASCADE, related_name="items", verbose_name=_("reminder")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminder_items",
        verbose_name=_("user"),
    )
    key = models.CharField(_("item"), max_length=100)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("reminded item")
        verbose_name_plural = _("reminded items")
        indexes = [models.Index(fields=["user", "key", "sent_at"], name="reminder_item_user_key")]

    def __str__(self):
        return self.key
