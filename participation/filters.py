import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from measures.models import Actor
from participation.models import Idea
from strategy.models import ActionField
from strategy.organisations.filters import drop_unless_several, organisation_filter

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PublicIdeaFilter(django_filters.FilterSet):
    action_field = django_filters.ModelChoiceFilter(
        queryset=ActionField.objects.all(), label=_("Action field"), empty_label=_("All fields")
    )
    kind = django_filters.ChoiceFilter(
        choices=Idea.Kind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    state = django_filters.ChoiceFilter(
        choices=[c for c in Idea.State.choices if c[0] in Idea.PUBLIC_STATES],
        label=_("State"),
        empty_label=_("All answers"),
    )
    # As on the list of measures: by slug, and only while there are several organisations.
    organisation = organisation_filter("filter_organisation")

    class Meta:
        model = Idea
        fields = ["action_field", "kind", "state", "organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        drop_unless_several(self)

    def filter_organisation(self, queryset, name, value):
        # The root answers the ideas addressed to no member.
        if value.is_root:
            return queryset.filter(Q(organisation=value) | Q(organisation__isnull=True))
        return queryset.filter(organisation=value)


class InboxFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("received_from"), cleaned.get("received_to")
        if start and end and end < start:
            self.add_error("received_to", _("The end date must not be before the start date."))
        return cleaned


class InboxFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    state = django_filters.ChoiceFilter(
        choices=Idea.State.choices, label=_("State"), empty_label=_("Any state")
    )
    kind = django_filters.ChoiceFilter(
        choices=Idea.Kind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    action_field = django_filters.ModelChoiceFilter(
        queryset=ActionField.objects.all(), label=_("Action field"), empty_label=_("All fields")
    )
    channel = django_filters.ChoiceFilter(
        choices=Idea.Channel.choices, label=_("Channel"), empty_label=_("All channels")
    )
    responsible_unit = django_filters.ModelChoiceFilter(
        queryset=Actor.objects.filter(kind=Actor.Kind.ADMINISTRATION),
        label=_("Responsible unit"),
        empty_label=_("All units"),
    )
    received_from = django_filters.DateFilter(
        field_name="received_on", lookup_expr="gte", label=_("Received from"), widget=DATE_INPUT
    )
    received_to = django_filters.DateFilter(
        field_name="received_on", lookup_expr="lte", label=_("Received until"), widget=DATE_INPUT
    )
    overdue = django_filters.BooleanFilter(
        method="only_overdue",
        label=_("Only overdue"),
        widget=forms.CheckboxInput,
    )
    hidden = django_filters.BooleanFilter(
        field_name="is_hidden",
        label=_("Visibility"),
        widget=forms.Select(
            choices=[("", _("All")), ("false", _("Visible")), ("true", _("Hidden"))]
        ),
    )

    class Meta:
        model = Idea
        fields = ["state", "kind", "action_field", "channel", "responsible_unit"]
        form = InboxFilterForm

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(description__icontains=value) | Q(place__icontains=value)
        )

    def only_overdue(self, queryset, name, value):
        return queryset.overdue(timezone.localdate()) if value else queryset
