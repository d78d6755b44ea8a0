"""Filters for the public list of measures: only what a citizen asks about, no staff fields."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from measures.filters import MeasureFilterBase
from measures.models import MeasureOrganisation
from strategy.lights import Light
from strategy.models import Organisation


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
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.order_by("parent_id", "order", "name"),
        to_field_name="slug",
        method="filter_organisation",
        label=_("Organisation"),
        empty_label=_("All organisations"),
    )
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
        if not Organisation.objects.several():
            del self.filters["organisation"]

    def filter_organisation(self, queryset, name, value):
        return queryset.filter(of_organisation(value.pk))

    @classmethod
    def _sort_keys(cls):
        return {key for key, _label in cls.base_filters["o"].field.choices}


def of_organisation(organisation_id):
    """Measures the organisation leads or takes part in, without a join that repeats rows."""
    joint = MeasureOrganisation.objects.filter(organisation=organisation_id).values("measure")
    return Q(lead_organisation=organisation_id) | Q(pk__in=joint)
