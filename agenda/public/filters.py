"""Filters for the public list of measures: only what a citizen asks about, no staff fields."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from measures.filters import MeasureFilter
from measures.models import Measure
from strategy.models import ActionField, Goal, GuidingPrinciple


class GoalChoiceField(forms.ModelChoiceField):
    # Goal titles repeat across fields ("Angebote ausbauen"); the field number tells them apart.
    def label_from_instance(self, obj):
        return f"{obj.action_field.code} – {obj.title}"


class GoalChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = GoalChoiceField


class PublicMeasureFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    action_field = django_filters.ModelChoiceFilter(
        queryset=ActionField.objects.all(), label=_("Action field"), empty_label=_("All fields")
    )
    goal = GoalChoiceFilter(
        field_name="goals",
        queryset=Goal.objects.select_related("action_field"),
        label=_("Goal"),
        empty_label=_("All goals"),
    )
    principle = django_filters.ModelChoiceFilter(
        field_name="principles",
        queryset=GuidingPrinciple.objects.all(),
        label=_("Guiding principle"),
        empty_label=_("All principles"),
    )
    status = django_filters.ChoiceFilter(
        choices=Measure.Status.choices, label=_("Status"), empty_label=_("Any status")
    )

    class Meta:
        model = Measure
        fields = []

    # The same word-by-word search as the staff list (reference, title, summary, description).
    search = MeasureFilter.search
