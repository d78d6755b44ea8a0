"""Organisations (Körperschaften): the portal's own body at the root, its members below.

A portal with one organisation (or none, before the first migration ran on data) works as
it always did; the organisation choice only appears once there are several.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class OrganisationQuerySet(models.QuerySet):
    def root(self):
        """The portal's own body, or None while there is no organisation at all."""
        return self.filter(parent__isnull=True).order_by("pk").first()

    def ensure_root(self):
        """The root, created from settings.AGENDA_ORGANISATION when there is none yet.

        Every measure has a lead; before the portal is set up, that is the portal's own body.
        """
        root = self.root()
        if root is not None:
            return root
        name = settings.AGENDA_ORGANISATION
        try:
            # A savepoint: two first saves at the same moment must not break the caller.
            with transaction.atomic():
                return self.create(
                    name=name, kind="verbund", slug=slugify(name)[:80] or "verbund", order=1
                )
        except IntegrityError:  # created meanwhile (one root only), or a member took the name
            root = self.root()
            if root is None:
                raise
            return root

    def members(self):
        """Every organisation under the root (the trees have a single root)."""
        return self.filter(parent__isnull=False)

    def subtree_ids(self, organisation):
        """Ids of `organisation` and everything below it: one query, walked in Python."""
        children = {}
        for pk, parent_id in self.order_by().values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        found, todo = [], [organisation.pk]
        while todo:
            pk = todo.pop()
            if pk in found:  # a cycle in bad data must not loop for ever
                continue
            found.append(pk)
            todo.extend(children.get(pk, []))
        return found

    def several(self):
        """True when a choice of organisation means something (more than one exists)."""
        return self.order_by()[:2].count() > 1


class Organisation(models.Model):
    class Kind(models.TextChoices):
        KREIS = "kreis", _("County (Kreis)")
        VERBUND = "verbund", _("Association of offices (Verbund)")
        AMT = "amt", _("Office (Amt)")
        STADT = "stadt", _("Town (Stadt)")
        GEMEINDE = "gemeinde", _("Municipality (Gemeinde)")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    short_name = models.CharField(
        _("short name"), max_length=40, blank=True, help_text=_("E.g. “Wilstermarsch”.")
    )
    slug = models.SlugField(_("short name in web addresses"), max_length=80, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("belongs to"),
        help_text=_("Empty for the portal's own body (the root)."),
    )
    # Stored in the database, not on disk, like the site profile's logo.
    logo = models.BinaryField(_("logo"), null=True, blank=True, editable=False)
    logo_type = models.CharField(max_length=40, blank=True, editable=False)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            # At most one row without a parent: the unique value is the same for every root.
            models.UniqueConstraint(
                models.Value(1, output_field=models.IntegerField()),
                condition=models.Q(parent__isnull=True),
                name="one_root_organisation",
                violation_error_message=_("There is already a root organisation."),
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="organisation_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_root(self):
        return self.parent_id is None

    @property
    def display_name(self):
        return self.short_name or self.name

    @property
    def council(self):
        """The body this organisation reports to, e.g. "Amtsausschuss" for an Amt."""
        return council_of(self.kind)[0]

    @property
    def report_to(self):
        """The cover line of its report, e.g. "Bericht an den Amtsausschuss"."""
        return council_of(self.kind)[1]

    def clean(self):
        super().clean()
        if self.parent_id is None:
            other_root = Organisation.objects.filter(parent__isnull=True).exclude(pk=self.pk)
            if other_root.exists():
                raise ValidationError(
                    {
                        "parent": _(
                            "There is already a root organisation: choose where this one belongs."
                        )
                    }
                )
        elif self.pk and self.parent_id in Organisation.objects.subtree_ids(self):
            raise ValidationError(
                {"parent": _("An organisation cannot belong to itself or to one of its members.")}
            )


# Per kind: its council, and the report's cover line with the council's German article.
COUNCILS = {
    Organisation.Kind.KREIS: (_("county council"), _("Report to the county council")),
    Organisation.Kind.VERBUND: (
        _("association assembly"),
        _("Report to the association assembly"),
    ),
    Organisation.Kind.AMT: (_("office committee"), _("Report to the office committee")),
    Organisation.Kind.STADT: (_("town council"), _("Report to the town council")),
    Organisation.Kind.GEMEINDE: (_("municipal council"), _("Report to the municipal council")),
}
OTHER_COUNCIL = (_("representative body"), _("Report to the representative body"))


def council_of(kind):
    """(council, cover line) for an organisation kind: the one place that knows them."""
    return COUNCILS.get(kind, OTHER_COUNCIL)
