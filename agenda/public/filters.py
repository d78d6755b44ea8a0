"""Filters for the public list of measures: only what a citizen asks about, no staff fields."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from measures.filters import MeasureFilterBase
from measures.models import MeasureOrganisation
from strategy.lights import Light
from strategy.organisations.filters import drop_unless_several, organisation_filter


class StableOrderingFilter(django_filters.OrderingFilter):
    """Equal keys (many measures share a light) keep the order of their references."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        return qs.order_by(*qs.query.order_by, "reference") if value else qs


class PublicMeasureFilter(MeasureFilterBase):
    """Search, field, goal, principle, status and traffic light; sortable by light."""

    # On the `light` annotation of Measure.objects.with_light(): computed, never stored.
    light = django_filters.ChoiceFilter(
        choices=Light.choices, label=_("Traffic light"), empty_label=_("Any light")
    )
    # Removed again in __init__ while the portal has only one organisation.
    organisation = organisation_filter("filter_organisation")
    o = StableOrderingFilter(
        fields=(
            ("reference", "reference"),
            ("light_rank", "light"),
            ("current_progress", "progress"),
            ("planned_end", "end"),
        ),
        label=_("Sort by"),
    )

    def __init__(self, data=None, *args, **kwargs):
        # An unknown sort key (an old bookmark, a typo) is dropped instead of emptying the list.
        if data is not None and data.get("o") not in (None, *self._sort_keys()):
            data = data.copy()
            data.pop("o")
        super().__init__(data, *args, **kwargs)
        drop_unless_several(self)

    def filter_organisation(self, queryset, name, value):
        return queryset.filter(of_organisation(value.pk))

    @classmethod
    def _sort_keys(cls):
        return {key for key, _label in cls.base_filters["o"].field.choices}


def of_organisation(organisation_id, prefix=""):
    """Measures the organisation leads or takes part in, without a join that repeats rows.

    With `prefix` ("measures__") the same condition from a related model, e.g. in the filter
    of a Count over an action field's measures."""
    joint = MeasureOrganisation.objects.filter(organisation=organisation_id).values("measure")
    return Q(**{f"{prefix}lead_organisation": organisation_id}) | Q(**{f"{prefix}pk__in": joint})
