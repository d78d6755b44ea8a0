from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from agenda.council.models import Decision
from measures.priorities.services import digest
from strategy.forms import KernSubmit, StaffModelForm

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def body_widget():
    # Free text with suggestions: a datalist, no fixed choice.
    return forms.TextInput(attrs={"list": "council-bodies"})


class AdoptionFieldsMixin(forms.Form):
    """The edition's adoption by the council, entered on the edition's own form and stored
    as a Decision (agenda.council.services.save_adoption)."""

    ADOPTION_FIELDS = ["decision_body", "decision_reference", "decision_date", "decision_result"]

    decision_body = forms.CharField(
        label=_("Council body"), max_length=200, required=False, initial="Kreistag"
    )
    decision_reference = forms.CharField(
        label=_("council decision reference"), max_length=100, required=False
    )
    decision_date = forms.DateField(
        label=_("council decision date"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Set once the council has adopted it; then it is public."),
    )
    decision_result = forms.ChoiceField(
        label=_("Council decision result"),
        choices=Decision.Result.choices,
        initial=Decision.Result.ADOPTED,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        adoption = getattr(self.instance, "adoption", None) if self.instance.pk else None
        if adoption is not None:
            self.initial.setdefault("decision_body", adoption.body)
            self.initial.setdefault("decision_reference", adoption.paper_reference)
            self.initial.setdefault("decision_date", adoption.date)
            self.initial.setdefault("decision_result", adoption.result)

    def adoption_data(self):
        data = {name: self.cleaned_data.get(name) for name in self.ADOPTION_FIELDS}
        data["decision_result"] = data["decision_result"] or Decision.Result.ADOPTED
        data["decision_body"] = data["decision_body"] or "Kreistag"
        return data


class DecisionForm(StaffModelForm):
    class Meta:
        model = Decision
        fields = [
            "body",
            "date",
            "paper_reference",
            "paper_title",
            "result",
            "resolution_text",
            "link",
        ]
        widgets = {
            "date": DATE_WIDGET,
            "body": body_widget(),
            "resolution_text": forms.Textarea(attrs={"rows": 6}),
        }

    # A fingerprint of the stored decision the page showed; a save based on another is refused.
    loaded = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded"].initial = self.stored_digest()

    def stored_digest(self, *, lock=False):
        rows = Decision.objects.filter(pk=self.instance.pk)
        if lock:
            rows = rows.select_for_update()
        return digest(rows.values_list(*self._meta.fields))

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get("loaded")
        if not self.instance.pk or not loaded:
            return cleaned
        # Locked until the view's transaction commits, so no save slips in after the check.
        current = self.stored_digest(lock=True)
        if loaded != current:
            # Keep what the editor typed; the next save knowingly builds on the current one.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded")] = current
            raise forms.ValidationError(
                _(
                    "Not saved: this council decision was changed by someone else while you "
                    "were editing it. Your input is still in the form below; if you save "
                    "again, it replaces the other change."
                ),
                code="stale",
            )
        return cleaned


class PaperSearchForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.add_input(KernSubmit("search", _("Search")))

    query = forms.CharField(
        label=_("Reference, title or address of the paper"),
        max_length=500,
        help_text=_(
            "For example “DS/2026/017”, a word from the title, or the paper's OParl address."
        ),
    )
