import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from measures.models import Actor, FundingLevel, FundingLine, Measure
from strategy.lights import ORDER as LIGHT_ORDER
from strategy.models import ActionField, Goal, GuidingPrinciple


class MeasureFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("year_from"), cleaned.get("year_to")
        if start and end and end < start:
            self.add_error("year_to", _("The end year must not be before the start year."))
        return cleaned


class GoalChoiceField(forms.ModelChoiceField):
    # Goal titles repeat across fields ("Angebote ausbauen"); the field number tells them apart.
    def label_from_instance(self, obj):
        return f"{obj.action_field.code} – {obj.title}"


class GoalChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = GoalChoiceField


class StableOrderingFilter(django_filters.OrderingFilter):
    """Rows that sort alike (same light, same status) keep the reference order, so pages
    of the list neither repeat nor skip a measure."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value and not {"reference", "-reference"} & set(qs.query.order_by):
            qs = qs.order_by(*qs.query.order_by, "reference")
        return qs


class MeasureFilterBase(django_filters.FilterSet):
    """What the staff list and the public list both filter by: search, field, goal,
    principle and status. Each list adds its own filters on top."""

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

    def search(self, queryset, name, value):
        words = value.split()[:8]
        for word in words:
            queryset = queryset.filter(
                Q(reference__icontains=word)
                | Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
            )
        return queryset


class MeasureFilter(MeasureFilterBase):
    priority = django_filters.ChoiceFilter(
        choices=Measure.Priority.choices, empty_label=_("Any priority")
    )
    responsible_unit = django_filters.ModelChoiceFilter(
        queryset=Actor.objects.filter(kind=Actor.Kind.ADMINISTRATION),
        label=_("Responsible unit"),
        empty_label=_("All units"),
    )
    funding_source = django_filters.ChoiceFilter(
        choices=FundingLevel.choices,
        method="noop",
        label=_("Funding source"),
        empty_label=_("Any source"),
    )
    funding_status = django_filters.ChoiceFilter(
        choices=FundingLine.Status.choices,
        method="noop",
        label=_("Funding status"),
        empty_label=_("Any"),
    )
    year_from = django_filters.NumberFilter(
        method="noop", label=_("From year"), min_value=2000, max_value=2100
    )
    year_to = django_filters.NumberFilter(
        method="noop", label=_("To year"), min_value=2000, max_value=2100
    )
    # Filters on the `light` annotation: the list's queryset must come from .with_light().
    light = django_filters.ChoiceFilter(
        choices=[(light.value, light.label) for light in LIGHT_ORDER],
        label=_("Traffic light"),
        empty_label=_("Any light"),
    )
    is_published = django_filters.BooleanFilter(
        label=_("Published"),
        widget=forms.Select(choices=[("", _("Either")), ("true", _("Yes")), ("false", _("No"))]),
    )
    o = StableOrderingFilter(
        fields=(
            ("reference", "reference"),
            ("title", "title"),
            ("action_field__order", "field"),
            ("status", "status"),
            ("priority", "priority"),
            ("planned_start", "start"),
            ("planned_end", "end"),
            ("total_cost", "cost"),
            ("current_progress", "progress"),
            # Ascending rank is worst first: delayed, at risk, on track, done, unrated.
            ("light_rank", "light"),
        ),
        label=_("Sort by"),
    )

    class Meta(MeasureFilterBase.Meta):
        form = MeasureFilterForm

    def __init__(self, data=None, *args, **kwargs):
        # An unknown sort key (an old bookmark, a typo) is dropped instead of emptying the list.
        if data is not None and "o" in data:
            valid = {key for key, _label in self.base_filters["o"].field.choices}
            if data.get("o") not in valid:
                data = data.copy()
                data.pop("o")
        super().__init__(data, *args, **kwargs)

    def noop(self, queryset, name, value):
        # Applied together in filter_queryset, where they depend on each other.
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        # Source and status must hold for the same funding line.
        lines = {}
        if data.get("funding_source"):
            lines["source"] = data["funding_source"]
        if data.get("funding_status"):
            lines["status"] = data["funding_status"]
        if lines:
            queryset = queryset.filter(
                pk__in=FundingLine.objects.filter(**lines).values("measure_id")
            )
        # A measure is in a year range if its planned span overlaps it.
        if data.get("year_from"):
            queryset = queryset.filter(
                Q(planned_end__year__gte=data["year_from"])
                | Q(planned_end__isnull=True, planned_start__year__gte=data["year_from"])
            )
        if data.get("year_to"):
            queryset = queryset.filter(planned_start__year__lte=data["year_to"])
        return queryset
