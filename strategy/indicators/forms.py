"""Staff forms for indicators and their values."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from strategy.forms import StaffModelForm, german_decimal
from strategy.models import Goal, Indicator, IndicatorValue
from strategy.organisations.rules import may_edit_for_q
from strategy.staff.fields import SafeModelChoiceField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def localised_numbers(form, *names):
    """German number format (41,5 and 1.234,5) in and out of these decimal fields."""
    for name in names:
        german_decimal(form.fields[name])


class GoalChoiceField(SafeModelChoiceField):
    # Goal titles repeat across fields; the field number tells them apart.
    def label_from_instance(self, obj):
        return f"{obj.action_field.code} – {obj.title}"


class IndicatorForm(StaffModelForm):
    goal = GoalChoiceField(queryset=Goal.objects.select_related("action_field"), label=_("Goal"))
    responsible = SafeModelChoiceField(
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        required=False,
        label=_("Responsible"),
        help_text=_("Reminded when a value is due; may enter values."),
    )

    class Meta:
        model = Indicator
        fields = [
            "goal",
            "name",
            "unit",
            "description",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "direction",
            "source",
            "interval_days",
            "responsible",
            "values_are_examples",
        ]
        widgets = {"baseline_date": DATE, "target_date": DATE}
        # The model's "unit" reads as the organisational unit in German; this is a unit of measure.
        labels = {"unit": _("Unit of measurement")}

    takes_user = True

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        localised_numbers(self, "baseline_value", "target_value")
        if user is not None:
            # A member's staff attach indicators to their own member's goals only.
            field = self.fields["goal"]
            field.queryset = field.queryset.filter(may_edit_for_q(user, "organisation_id"))


class IndicatorValueForm(StaffModelForm):
    """A dated value; the indicator comes from the address, not from the form."""

    class Meta:
        model = IndicatorValue
        fields = ["date", "value", "comment"]
        widgets = {"date": DATE}

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.indicator = indicator
        self.fields["comment"].required = False
        localised_numbers(self, "value")

    def clean_date(self):
        day = self.cleaned_data["date"]
        taken = IndicatorValue.objects.filter(indicator=self.instance.indicator, date=day)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("This indicator already has a value for %(date)s. Edit that value instead.")
                % {"date": day.strftime("%d.%m.%Y")}
            )
        return day
