import django_filters
from django.utils.translation import gettext_lazy as _

from strategy.indicators.forms import GoalChoiceField
from strategy.lights import Light
from strategy.models import ActionField, Goal, Indicator


class GoalChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = GoalChoiceField


class IndicatorFilter(django_filters.FilterSet):
    action_field = django_filters.ModelChoiceFilter(
        field_name="goal__action_field",
        queryset=ActionField.objects.all(),
        label=_("Action field"),
        empty_label=_("All fields"),
    )
    goal = GoalChoiceFilter(
        queryset=Goal.objects.select_related("action_field"),
        label=_("Goal"),
        empty_label=_("All goals"),
    )
    # `light` is an annotation (Indicator.objects.with_light), filtered in the database.
    light = django_filters.ChoiceFilter(
        choices=Light.choices, label=_("Traffic light"), empty_label=_("Any light")
    )

    class Meta:
        model = Indicator
        fields = []
