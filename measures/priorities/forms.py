from crispy_forms.helper import FormHelper
from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from measures.priorities.models import Criterion, PriorityPublication, Score


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name", "weight", "scale", "inverted"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_weight(self):
        weight = self.cleaned_data["weight"]
        if weight > 10:
            raise forms.ValidationError(_("Please give a weight from 0 to 10."))
        return weight


CriterionFormSet = forms.modelformset_factory(
    Criterion, form=CriterionForm, extra=0, can_delete=False
)


class ScoreForm(forms.Form):
    """One criterion's value and reason for one measure; an empty value means not scored."""

    value = forms.TypedChoiceField(coerce=int, empty_value=None, required=False)
    reason = forms.CharField(max_length=300, required=False, label=_("Reason"))

    def __init__(self, *args, criterion, **kwargs):
        super().__init__(*args, **kwargs)
        self.criterion = criterion
        low, high = criterion.bounds
        # The criterion's name is the site profile's text: isolated, like all user text.
        self.fields["value"].label = format_html("<bdi>{}</bdi>", criterion.name)
        self.fields["value"].choices = [("", _("not scored"))] + [
            (n, str(n)) for n in range(low, high + 1)
        ]
        if criterion.inverted:
            self.fields["value"].help_text = _("A high value is worse.")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("value") is None and (cleaned.get("reason") or "").strip():
            self.add_error("value", _("Please give a value for the reason, or remove the reason."))
        return cleaned


def score_forms(measure, criteria, data=None):
    """One form per manual criterion, filled from the measure's scores."""
    existing = {s.criterion_id: s for s in Score.objects.filter(measure=measure)}
    forms_ = []
    for criterion in criteria:
        score = existing.get(criterion.pk)
        initial = {"value": score.value, "reason": score.reason} if score else {}
        forms_.append(
            ScoreForm(data, prefix=f"c{criterion.pk}", criterion=criterion, initial=initial)
        )
    return forms_


def add_publish_field(form):
    """On an idea that became a measure: offer to publish the measure's scores with the answer."""
    measure = getattr(form.instance, "measure", None)
    if measure is None:
        return
    form.fields["publish_scores"] = forms.BooleanField(
        label=_("Publish the measure's scores with the answer"),
        help_text=_(
            "The submitter and the public idea page then see its scores, reasons and rank."
        ),
        required=False,
        initial=PriorityPublication.objects.filter(measure=measure).exists(),
    )
