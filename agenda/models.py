from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class LegalPage(models.Model):
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
            "confirm_days": settings.PARTICIPATION_CONFIRM_DAYS,
        }
        return render_to_string(f"agenda/legal/{slug}.txt", context).strip()

    @classmethod
    def text_for(cls, slug):
        page = cls.objects.filter(slug=slug).first()
        return page.body if page else cls.default_body(slug)
