from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from measures.models import (
    Actor,
    FundingDeadline,
    FundingLine,
    FundingProgramme,
    Measure,
    MeasureActor,
    MeasureOrganisation,
    Milestone,
    ProgressReport,
)
from strategy.forms import StaffModelForm, german_decimal
from strategy.models import Goal
from strategy.organisations.forms import offer_organisations
from strategy.staff.fields import SafeModelMultipleChoiceField

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def check_order(cleaned, start, end, form, message):
    if cleaned.get(start) and cleaned.get(end) and cleaned[end] < cleaned[start]:
        form.add_error(end, message)


COST_FIELDS = ("staff_days", "one_off_cost", "running_cost_per_year", "external_cost")

# Only Redaktion and Administration may move a measure, publish it or hand it to someone else.
RESTRICTED_FIELDS = [
    "reference",
    "action_field",
    "is_published",
    "contact_person",
    "lead_organisation",
]


class MeasureForm(StaffModelForm):
    # The version the editor started from; a save based on an older one is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Measure
        fields = [
            "reference",
            "title",
            "summary",
            "description",
            "action_field",
            "lead_organisation",
            "goals",
            "principles",
            "status",
            "priority",
            "is_published",
            "feasibility",
            "feasibility_text",
            "responsible_unit",
            "contact_person",
            "staff_days",
            "one_off_cost",
            "running_cost_per_year",
            "external_cost",
            "figures_are_examples",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "actual_cost",
        ]
        field_classes = {
            "goals": SafeModelMultipleChoiceField,
            "principles": SafeModelMultipleChoiceField,
        }
        widgets = {
            "goals": forms.CheckboxSelectMultiple,
            "principles": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "feasibility_text": forms.Textarea(attrs={"rows": 3}),
            "planned_start": DATE_WIDGET,
            "planned_end": DATE_WIDGET,
            "actual_start": DATE_WIDGET,
            "actual_end": DATE_WIDGET,
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.several_organisations = offer_organisations(self, "lead_organisation", user)
        if user is not None and not user.has_perm("measures.change_measure"):
            for name in RESTRICTED_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True
        self.helper.form_tag = False
        self.helper.inputs = []
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        for name in (*COST_FIELDS, "actual_cost"):
            german_decimal(self.fields[name])
        # Not known for every measure yet: left empty, it counts as nothing spent.
        self.fields["actual_cost"].required = False
        # The field's number in each label ties every goal to its field for screen readers too.
        goals = Goal.objects.select_related("action_field").order_by("action_field__order", "order")
        # Checkbox labels: the title is user text, isolated like everywhere else.
        self.fields["goals"].choices = [
            (goal.pk, format_html("{} · <bdi>{}</bdi>", goal.action_field.code, goal.title))
            for goal in goals
        ]
        self.fields["principles"].label_from_instance = lambda p: format_html("<bdi>{}</bdi>", p)
        staff = (
            get_user_model().objects.filter(is_active=True).filter(groups__isnull=False).distinct()
        )
        self.fields["contact_person"].queryset = staff.order_by(
            "last_name", "first_name", "username"
        )
        self.fields["contact_person"].label_from_instance = lambda u: (
            u.get_full_name() or u.username
        )
        self.helper.layout = Layout(
            Fieldset(
                _("Measure"),
                Row(
                    Column("reference", css_class="kern-col-md-3"),
                    Column("title", css_class="kern-col-md-9"),
                ),
                "summary",
                "description",
                Row(
                    Column("action_field", css_class="kern-col-md-6"),
                    Column("status", css_class="kern-col-md-3"),
                    Column("priority", css_class="kern-col-md-3"),
                ),
                "is_published",
            ),
            *(
                [Fieldset(_("Organisations"), "lead_organisation")]
                if self.several_organisations
                else []
            ),
            Fieldset(
                _("Strategy"),
                Row(
                    Column("principles", css_class="kern-col-md-5"),
                    Column("goals", css_class="kern-col-md-7"),
                ),
            ),
            Fieldset(
                _("Feasibility"),
                Row(
                    Column("feasibility", css_class="kern-col-md-4"),
                    Column("feasibility_text", css_class="kern-col-md-8"),
                ),
            ),
            Fieldset(
                _("Responsibility"),
                Row(
                    Column("responsible_unit", css_class="kern-col-md-6"),
                    Column("contact_person", css_class="kern-col-md-6"),
                ),
            ),
            Fieldset(
                _("Effort and cost"),
                Row(*[Column(name, css_class="kern-col-md-3") for name in COST_FIELDS]),
                Row(Column("actual_cost", css_class="kern-col-md-3")),
                "figures_are_examples",
            ),
            Fieldset(
                _("Timeline"),
                Row(
                    Column("planned_start", css_class="kern-col-md-3"),
                    Column("planned_end", css_class="kern-col-md-3"),
                    Column("actual_start", css_class="kern-col-md-3"),
                    Column("actual_end", css_class="kern-col-md-3"),
                ),
            ),
            "version",
        )

    def clean_reference(self):
        return self.cleaned_data["reference"].strip()

    def clean_actual_cost(self):
        return self.cleaned_data["actual_cost"] or 0

    def clean(self):
        cleaned = super().clean()
        check_order(
            cleaned,
            "planned_start",
            "planned_end",
            self,
            _("The target date must not be before the planned start."),
        )
        check_order(
            cleaned,
            "actual_start",
            "actual_end",
            self,
            _("The actual end must not be before the actual start."),
        )
        return cleaned


class InlineForm(forms.ModelForm):
    """One row of an inline formset, laid out in a single line with visible labels."""

    columns = {}

    def __init__(self, *args, choices_cache=None, **kwargs):
        super().__init__(*args, **kwargs)
        if choices_cache is not None:
            for name, field in self.fields.items():
                if isinstance(field, forms.ModelChoiceField):
                    if name not in choices_cache:
                        choices_cache[name] = list(field.choices)
                    field.choices = choices_cache[name]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        cells = [Column(name, css_class=css) for name, css in self.columns.items()]
        self.helper.layout = Layout(Row(*cells))


class MilestoneForm(InlineForm):
    columns = {
        "title": "kern-col-md-6",
        "due_date": "kern-col-md-3",
        "done": "kern-col-md-1 kern-pt-lg-md",
        "DELETE": "kern-col-md-2 kern-pt-lg-md",
    }

    class Meta:
        model = Milestone
        fields = ["title", "due_date", "done"]
        widgets = {"due_date": DATE_WIDGET}


class FundingLineForm(InlineForm):
    columns = {
        "source": "kern-col-md-2",
        "programme": "kern-col-md-3",
        "amount": "kern-col-md-2",
        "status": "kern-col-md-2",
        "application_deadline": "kern-col-md-2",
        "DELETE": "kern-col-md-1 kern-pt-lg-md",
        "note": "kern-col-12",
    }

    class Meta:
        model = FundingLine
        fields = ["source", "programme", "amount", "status", "application_deadline", "note"]
        widgets = {"application_deadline": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        german_decimal(self.fields["amount"])


class MeasureActorForm(InlineForm):
    columns = {
        "actor": "kern-col-md-4",
        "contribution": "kern-col-md-6",
        "DELETE": "kern-col-md-2 kern-pt-lg-md",
    }

    class Meta:
        model = MeasureActor
        fields = ["actor", "contribution"]
        widgets = {"contribution": forms.TextInput}


class MeasurePartFormSet(forms.BaseInlineFormSet):
    """Refuses rows that point at nothing or twice at the same part (stale or tampered)."""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.initial_forms:
            pk = form.instance.pk
            if pk is None:
                raise forms.ValidationError(
                    _("A row was deleted in the meantime. Reload the page and enter it again.")
                )
            if pk in seen:
                raise forms.ValidationError(_("A row was sent twice. Reload the page."))
            seen.add(pk)


class MeasureOrganisationForm(InlineForm):
    columns = {
        "organisation": "kern-col-md-4",
        "share_one_off_cost": "kern-col-md-2",
        "share_external_cost": "kern-col-md-2",
        "share_staff_days": "kern-col-md-2",
        "DELETE": "kern-col-md-2 kern-pt-lg-md",
    }

    class Meta:
        model = MeasureOrganisation
        fields = ["organisation", "share_one_off_cost", "share_external_cost", "share_staff_days"]

    shares = ("share_one_off_cost", "share_external_cost", "share_staff_days")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.shares:
            german_decimal(self.fields[name])
            # A participant without a share of its own: left empty, it counts as nothing.
            self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        for name in self.shares:
            if cleaned.get(name) is None and name not in self.errors:
                cleaned[name] = 0
        return cleaned


def inline(model, form, label):
    formset = forms.inlineformset_factory(
        Measure, model, form=form, formset=MeasurePartFormSet, extra=1, can_delete=True
    )
    formset.label = label
    return formset


MilestoneFormSet = inline(Milestone, MilestoneForm, _("Milestones"))
FundingLineFormSet = inline(FundingLine, FundingLineForm, _("Funding"))
MeasureActorFormSet = inline(
    MeasureActor, MeasureActorForm, _("Participating actors and their contribution")
)
MeasureOrganisationFormSet = inline(
    MeasureOrganisation,
    MeasureOrganisationForm,
    _("Participating organisations and their share of the effort"),
)
FORMSETS = {
    "milestones": MilestoneFormSet,
    "funding": FundingLineFormSet,
    "actors": MeasureActorFormSet,
}
# Only where there are several organisations (see MeasureForm.several_organisations).
ORGANISATION_FORMSETS = {"organisations": MeasureOrganisationFormSet}


class LightOverrideForm(StaffModelForm):
    """Set the traffic light by hand, or remove the override (an empty light).

    Reason and expiry are required by Measure.clean (so the admin and imports keep that
    rule too); that the expiry is not in the past is checked here, when the light is set.
    """

    submit_label = _("Save traffic light")
    # The version the editor started from; a save based on an older one is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Measure
        fields = ["light_override", "override_reason", "override_until"]
        widgets = {
            "override_until": DATE_WIDGET,
            "override_reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["version"].initial = self.instance.version
        self.fields["light_override"].choices = [
            ("", _("Computed from the plan (no override)"))
        ] + [c for c in self.fields["light_override"].choices if c[0]]

    def clean_override_until(self):
        until = self.cleaned_data["override_until"]
        if until is not None and until < self.today:
            raise forms.ValidationError(_("The date must not lie in the past."))
        return until

    def _update_errors(self, errors):
        # A field the form refused already needs no second message from Measure.clean.
        if hasattr(errors, "error_dict"):
            errors = ValidationError(
                {name: e for name, e in errors.error_dict.items() if name not in self.errors}
            )
        super()._update_errors(errors)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("light_override") and "light_override" not in self.errors:
            # No light by hand: reason and date go with it, whatever was typed there.
            for name in ("override_reason", "override_until"):
                self.errors.pop(name, None)
            cleaned["override_reason"] = ""
            cleaned["override_until"] = None
        return cleaned


class ProgressReportForm(StaffModelForm):
    class Meta:
        model = ProgressReport
        fields = ["date", "percent", "text", "problems", "next_steps"]
        widgets = {
            "date": DATE_WIDGET,
            "text": forms.Textarea(attrs={"rows": 4}),
            "problems": forms.Textarea(attrs={"rows": 3}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("A progress report cannot be dated in the future."))
        return date


class ReleaseForm(forms.Form):
    """The drafts ticked in the release queue."""

    reports = SafeModelMultipleChoiceField(
        queryset=ProgressReport.objects.drafts(),
        error_messages={
            "required": _("Please tick the progress reports you want to release."),
            "invalid_choice": _(
                "A progress report was released or deleted in the meantime. "
                "Please check the list and release again."
            ),
        },
    )


class ActorForm(StaffModelForm):
    class Meta:
        model = Actor
        fields = ["name", "kind", "contact"]
        widgets = {"contact": forms.Textarea(attrs={"rows": 3})}


class FundingProgrammeForm(StaffModelForm):
    class Meta:
        model = FundingProgramme
        fields = ["name", "level", "funding_rate", "link", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        german_decimal(self.fields["funding_rate"])
        # The deadlines' rows follow inside the same <form>.
        self.helper.form_tag = False
        self.helper.inputs = []


class FundingDeadlineForm(InlineForm):
    columns = {
        "kind": "kern-col-md-3",
        "date": "kern-col-md-3",
        "note": "kern-col-md-4",
        "DELETE": "kern-col-md-2 kern-pt-lg-md",
    }

    class Meta:
        model = FundingDeadline
        fields = ["kind", "date", "note"]
        widgets = {"date": DATE_WIDGET}


FundingDeadlineFormSet = forms.inlineformset_factory(
    FundingProgramme,
    FundingDeadline,
    form=FundingDeadlineForm,
    formset=MeasurePartFormSet,
    extra=1,
    can_delete=True,
)
FundingDeadlineFormSet.label = _("Deadlines")
