"""Filters for the public list of measures: only what a citizen asks about, no staff fields."""

import django_filters
from django.utils.translation import gettext_lazy as _

from measures.filters import MeasureFilterBase
from strategy.lights import Light


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

    @classmethod
    def _sort_keys(cls):
        return {key for key, _label in cls.base_filters["o"].field.choices}
