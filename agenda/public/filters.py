"""Filters for the public list of measures: only what a citizen asks about, no staff fields."""

from measures.filters import MeasureFilterBase


class PublicMeasureFilter(MeasureFilterBase):
    """Search, field, goal, principle and status: the shared base, nothing staff-only."""
