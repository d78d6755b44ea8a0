"""Dependencies between measures: one measure needs another finished first (finish-to-start)."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# A walk through the prerequisites stops after this many levels (one query per level).
MAX_DEPTH = 50


def prerequisite_path(*, start_id, target_id, lock=False):
    """The chain of measure ids by which `start_id` already depends on `target_id`
    (start, …, target), or None. Breadth-first, one query per level (two when locking)."""
    Measure = apps.get_model("measures", "Measure")
    parents = {start_id: None}
    frontier = [start_id]
    for _level in range(MAX_DEPTH):
        if not frontier:
            return None
        if lock:
            # Lock what the walk passes, so a colleague cannot close a cycle through it meanwhile.
            list(Measure.objects.select_for_update().filter(pk__in=frontier).values_list("pk"))
        links = Dependency.objects.filter(dependant__in=frontier).values_list(
            "dependant_id", "prerequisite_id"
        )
        following = []
        for dependant_id, prerequisite_id in links:
            if prerequisite_id in parents:
                continue
            parents[prerequisite_id] = dependant_id
            if prerequisite_id == target_id:
                path = [prerequisite_id]
                while parents[path[-1]] is not None:
                    path.append(parents[path[-1]])
                return list(reversed(path))
            following.append(prerequisite_id)
        frontier = following
    return None


def cycle_error(*, prerequisite, dependant, lock=False):
    """A ValidationError on `prerequisite` if linking would close a cycle (or link to itself)."""
    Measure = apps.get_model("measures", "Measure")
    if prerequisite.pk == dependant.pk:
        return ValidationError(
            {"prerequisite": gettext("A measure cannot depend on itself.")}, code="self"
        )
    path = prerequisite_path(start_id=prerequisite.pk, target_id=dependant.pk, lock=lock)
    if path is None:
        return None
    between = path[1:-1]
    if not between:
        message = gettext("%(measure)s already depends on this measure.") % {
            "measure": prerequisite.reference
        }
    else:
        references = dict(Measure.objects.filter(pk__in=between).values_list("pk", "reference"))
        message = gettext("%(measure)s already depends – via %(path)s – on this measure.") % {
            "measure": prerequisite.reference,
            "path": ", ".join(references[pk] for pk in between),
        }
    return ValidationError({"prerequisite": message}, code="cycle")


class Dependency(models.Model):
    class Kind(models.TextChoices):
        FINISH_TO_START = "finish_to_start", _("Finish to start")

    prerequisite = models.ForeignKey(
        "measures.Measure",
        on_delete=models.CASCADE,
        # measure.dependant_links: the links to the measures that wait for this one.
        related_name="dependant_links",
        verbose_name=_("needs first"),
    )
    dependant = models.ForeignKey(
        "measures.Measure",
        on_delete=models.CASCADE,
        # measure.prerequisite_links: the links to the measures this one needs first.
        related_name="prerequisite_links",
        verbose_name=_("dependent measure"),
    )
    kind = models.CharField(
        _("kind of dependency"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.FINISH_TO_START,
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["prerequisite__reference", "id"]
        verbose_name = _("dependency")
        verbose_name_plural = _("dependencies")
        constraints = [
            models.UniqueConstraint(
                fields=["prerequisite", "dependant"], name="unique_dependency_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(prerequisite=models.F("dependant")),
                name="dependency_not_on_itself",
            ),
        ]

    def __str__(self):
        return gettext("%(prerequisite)s before %(dependant)s") % {
            "prerequisite": self.prerequisite.reference,
            "dependant": self.dependant.reference,
        }

    def get_absolute_url(self):
        return reverse("measures:measure-detail", args=[self.dependant_id])

    def clean(self):
        super().clean()
        if self.prerequisite_id is None or self.dependant_id is None:
            return
        error = cycle_error(prerequisite=self.prerequisite, dependant=self.dependant)
        if error is not None:
            raise error
        duplicate = Dependency.objects.filter(
            prerequisite_id=self.prerequisite_id, dependant_id=self.dependant_id
        ).exclude(pk=self.pk)
        if duplicate.exists():
            raise ValidationError(
                {
                    "prerequisite": gettext("This measure already depends on %(measure)s.")
                    % {"measure": self.prerequisite.reference}
                },
                code="unique",
            )
