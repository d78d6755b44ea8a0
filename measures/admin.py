from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from measures.dependencies.models import Dependency
from measures.models import (
    Actor,
    EditConflict,
    FundingDeadline,
    FundingLine,
    FundingProgramme,
    Measure,
    MeasureActor,
    MeasureOrganisation,
    Milestone,
    ProgressReport,
    StaffProfile,
)
from measures.priorities.models import Criterion
from measures.priorities.services import digest


class FundingDeadlineInline(admin.TabularInline):
    model = FundingDeadline
    extra = 0


class MeasureOrganisationInline(admin.TabularInline):
    model = MeasureOrganisation
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class FundingLineInline(admin.TabularInline):
    model = FundingLine
    extra = 0
    autocomplete_fields = ["programme"]


class MeasureActorInline(admin.TabularInline):
    model = MeasureActor
    extra = 0
    autocomplete_fields = ["actor"]


class ProgressReportInline(admin.TabularInline):
    model = ProgressReport
    extra = 0


def stored_version(pk, *, lock=False):
    queryset = Measure.objects.filter(pk=pk)
    if lock:
        queryset = queryset.select_for_update()
    return queryset.values_list("version", flat=True).first()


class MeasureAdminForm(forms.ModelForm):
    # The version the page showed as stored; `version` itself is no form field (not editable).
    # No Meta: the admin builds the form's fields itself.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The stored version, not the instance's: reverting loads an old historical instance.
        if self.instance.pk:
            self.fields["loaded_version"].initial = stored_version(self.instance.pk)

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        # Locked until the admin's transaction commits, so no save slips in after the check.
        current = stored_version(self.instance.pk, lock=True)
        loaded = cleaned.get("loaded_version")
        if current is not None and loaded != current:
            # The next save knowingly builds on the colleague's version.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = current
            stored = Measure.objects.get(pk=self.instance.pk)
            advice = _(
                "Your input has not been saved and is still in the form below. "
                "The history shows what was changed; if you save again, your input replaces it."
            )
            raise forms.ValidationError(
                f"{EditConflict(stored, loaded)} {advice}",
                code="stale",
            )
        return cleaned


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    form = MeasureAdminForm
    list_display = ["reference", "title", "action_field", "status", "priority", "is_published"]
    list_filter = ["status", "priority", "is_published", "action_field", "lead_organisation"]
    list_select_related = ["action_field"]
    search_fields = ["reference", "title", "summary"]
    filter_horizontal = ["goals", "principles"]
    inlines = [
        MeasureOrganisationInline,
        MeasureActorInline,
        MilestoneInline,
        FundingLineInline,
        ProgressReportInline,
    ]

    def save_model(self, request, obj, form, change):
        if change and form.cleaned_data.get("loaded_version") is not None:
            # Measure.save() refuses the write unless the row still holds this version.
            obj.version = form.cleaned_data["loaded_version"]
        super().save_model(request, obj, form, change)

    def changeform_view(self, request, *args, **kwargs):
        return self._refuse_conflicts(super().changeform_view, request, *args, **kwargs)

    def history_form_view(self, request, *args, **kwargs):
        return self._refuse_conflicts(super().history_form_view, request, *args, **kwargs)

    def _refuse_conflicts(self, view, request, *args, **kwargs):
        try:
            # One transaction, so the form's locked version check holds until the write.
            with transaction.atomic():
                return view(request, *args, **kwargs)
        except EditConflict as conflict:
            # Only when a save slipped in between the form's check and the write.
            self.message_user(request, str(conflict), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "funding_rate"]
    inlines = [FundingDeadlineInline]
    list_filter = ["level"]
    search_fields = ["name"]


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    """Where the administration says which organisation a staff user belongs to."""

    list_display = ["user", "organisation", "unit"]
    list_filter = ["organisation"]
    list_select_related = ["user", "organisation", "unit"]
    search_fields = ["user__username", "user__last_name"]


def stored_criterion(pk, *, lock=False):
    rows = Criterion.objects.filter(pk=pk)
    if lock:
        rows = rows.select_for_update()
    names = [f.attname for f in Criterion._meta.concrete_fields]
    return digest(rows.values_list(*names))


class CriterionAdminForm(forms.ModelForm):
    # Criterion has no version: a fingerprint of the stored row the page showed stands in.
    # No Meta: the admin builds the form's fields itself.
    loaded = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded"].initial = stored_criterion(self.instance.pk)

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        # Locked until the admin's transaction commits, so no save slips in after the check.
        current = stored_criterion(self.instance.pk, lock=True)
        if cleaned.get("loaded") != current:
            # The next save knowingly builds on the colleague's change.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded")] = current
            raise forms.ValidationError(
                _(
                    "Not saved: the criteria were changed by someone else while you were "
                    "editing them."
                )
                + " "
                + _(
                    "Your input has not been saved and is still in the form below; if you "
                    "save again, it replaces the other change."
                ),
                code="stale",
            )
        return cleaned


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    """The staff page edits names and weights; here the administration also sets where a
    criterion comes from and which one is an axis of the portfolio chart."""

    form = CriterionAdminForm
    list_display = ["name", "weight", "scale", "inverted", "source", "axis", "order"]
    list_editable = ["order"]

    def changeform_view(self, request, *args, **kwargs):
        # One transaction, so the form's locked check holds until the write.
        with transaction.atomic():
            return super().changeform_view(request, *args, **kwargs)


@admin.register(Dependency)
class DependencyAdmin(admin.ModelAdmin):
    # The model's clean() refuses cycles here too.
    list_display = ["prerequisite", "dependant", "kind", "note"]
    list_select_related = ["prerequisite", "dependant"]
    raw_id_fields = ["prerequisite", "dependant"]
    search_fields = ["prerequisite__reference", "dependant__reference"]
