"""The worklist's compact form: one row per measure (status, progress, report)."""

import datetime

from django import forms
from django.db.models import F, Max, OuterRef, Subquery
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from agenda.worklist.items import OPEN_STATUSES
from measures.models import Measure, ProgressReport, StaffProfile
from strategy.forms import StaffModelForm, require_visible_text

# KERN's input classes for the hand-rendered rows: [text/number/date, select].
KERN_CLASS = ("kern-form-input__input", "kern-form-input__select")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _label(name):
    # The progress report's own field names, so both forms speak alike.
    return capfirst(ProgressReport._meta.get_field(name).verbose_name)


REPORT_FIELDS = ["status", "date", "percent", "text", "problems", "next_steps"]


def with_report_state(measures):
    """Annotate the latest report's date and percent (drafts included: the owner's word)."""
    latest = ProgressReport.objects.filter(measure=OuterRef("pk")).order_by("-date", "-id")
    return measures.annotate(
        last_report=Max("progress_reports__date"),
        latest_percent=Subquery(latest.values("percent")[:1]),
    )


def measures_for(user):
    """The user's open measures, those waiting longest for a report first."""
    return (
        with_report_state(Measure.objects.filter(contact_person=user, status__in=OPEN_STATUSES))
        .select_related("action_field")
        .order_by(F("last_report").asc(nulls_first=True), "reference")
    )


class MeasureRowForm(forms.Form):
    measure = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    status = forms.ChoiceField(label=_("Status"), choices=Measure.Status.choices)
    date = forms.DateField(label=_label("date"), widget=DATE_WIDGET)
    percent = forms.IntegerField(
        label=_label("percent"), min_value=0, max_value=100, required=False
    )
    text = forms.CharField(
        label=_label("text"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    problems = forms.CharField(
        label=_label("problems"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    next_steps = forms.CharField(
        label=_label("next_steps"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, measures, user, today, **kwargs):
        # `target`, not `measure`: templates would find the hidden field of that name first.
        super().__init__(*args, **kwargs)
        self.user, self.today = user, today
        raw = self.data.get(self.add_prefix("measure")) if self.is_bound else None
        key = raw if self.is_bound else self.initial.get("measure")
        self.target = measures.get(_as_pk(key))
        if self.target is not None:
            # What the row shows untouched; a row equal to it is skipped on saving.
            self.initial.update(
                measure=self.target.pk,
                status=self.target.status,
                percent=self.target.latest_percent,
                date=today,
            )
            if not self.is_bound:
                self.initial["version"] = self.target.version
        self.initial.setdefault("date", today)
        require_visible_text(self.fields)
        for name in REPORT_FIELDS:
            self.fields[name].widget.attrs["class"] = KERN_CLASS[name == "status"]

    def full_clean(self):
        super().full_clean()
        # The template renders each field by hand: KERN's error outline goes on the widget here.
        for name in REPORT_FIELDS:
            if name in self.errors:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs['class']} {widget.attrs['class']}--error"

    @property
    def is_stale(self):
        return getattr(self.target, "is_stale", False)

    @property
    def touched(self):
        return any(name in self.changed_data for name in REPORT_FIELDS)

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > self.today:
            raise forms.ValidationError(_("A progress report cannot be dated in the future."))
        return date

    def clean(self):
        cleaned = super().clean()
        if self.target is None or not self.target.can_be_edited_by(self.user):
            raise forms.ValidationError(
                _("This measure cannot be updated here. Reload the page."), code="not_allowed"
            )
        if not self.touched:
            return cleaned
        if cleaned.get("percent") is None and "percent" not in self.errors:
            self.add_error("percent", _("Please give the progress in per cent."))
        if not cleaned.get("text") and "text" not in self.errors:
            self.add_error("text", _("Please describe the state of the measure."))
        return cleaned

    def row(self):
        return {**self.cleaned_data, "measure": self.target}


def _as_pk(value):
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return pk if 0 < pk < 2**63 else None


class BaseMeasureRowFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            pk = form.target.pk if form.target else None
            if pk is not None and pk in seen:
                form.add_error(None, _("This measure appears twice. Reload the page."))
            seen.add(pk)

    def touched_rows(self):
        return [form.row() for form in self.forms if form.touched]


MeasureRowFormSet = forms.formset_factory(
    MeasureRowForm, formset=BaseMeasureRowFormSet, extra=0, max_num=500, absolute_max=500
)


def build_formset(*, user, today, data=None, interval=90):
    """The rows for GET (the user's open measures) or for POST (the measures it names)."""
    cutoff = today - datetime.timedelta(days=interval)
    if data is None:
        measures = list(measures_for(user))
        initial = [{"measure": m.pk} for m in measures]
    else:
        prefix = MeasureRowFormSet.get_default_prefix()
        pks = {
            _as_pk(data.get(f"{prefix}-{i}-measure"))
            for i in range(min(_as_pk(data.get(f"{prefix}-TOTAL_FORMS")) or 0, 500))
        }
        measures = list(with_report_state(Measure.objects.filter(pk__in=pks - {None})))
        initial = None
    for m in measures:
        m.is_stale = m.last_report is None or m.last_report < cutoff
    by_pk = {m.pk: m for m in measures}
    return MeasureRowFormSet(
        data,
        initial=initial,
        form_kwargs={"measures": by_pk, "user": user, "today": today},
    )


class StaffProfileForm(StaffModelForm):
    class Meta:
        model = StaffProfile
        fields = ["reminders_enabled", "reminder_days"]
        labels = {"reminder_days": _("How often at most")}
        help_texts = {
            "reminders_enabled": _(
                "One e-mail with everything that is due, no more often than chosen below."
            )
        }
