import copy
import functools

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import generic
from django_filters.views import FilterView

from measures import forms
from measures.filters import MeasureFilter
from measures.history import changes_since, measure_history
from measures.models import (
    Actor,
    FundingDeadline,
    FundingProgramme,
    Measure,
    MeasureActor,
    ProgressReport,
)
from measures.services import (
    RELEASE_PERMISSION,
    EditConflict,
    file_progress_report,
    releasable_drafts,
    release_progress_reports,
    save_measure,
)
from strategy.bidi import isolate_text
from strategy.models import Organisation
from strategy.querysets import ZERO
from strategy.staff.views import (
    StaffDetailView,
    StaffListView,
    StaffPermissionMixin,
    permission_name,
)
from strategy.tables.columns import ColumnChoice, ColumnChoiceMixin


def measure_queryset():
    # A fresh copy of the day's queryset: building the light's expressions cost a staff list
    # about a tenth of its render, every request. Shared unevaluated, as a view's `queryset`.
    return _measure_queryset(timezone.localdate()).all()


@functools.lru_cache(maxsize=2)
def _measure_queryset(today):
    return (
        Measure.objects.select_related(
            "action_field", "responsible_unit", "contact_person", "lead_organisation"
        )
        .with_figures()
        .with_light(today)
    )


class MeasureList(ColumnChoiceMixin, StaffPermissionMixin, FilterView):
    # Served from the staff page cache (agenda/pagecache/staff.py): GET only, POST forms carry
    # the CSRF placeholder.
    staff_page_cache = True
    model = Measure
    # Reference, title, status and traffic light are always shown.
    column_choice = ColumnChoice(
        key="measures",
        optional={
            "field": gettext_lazy("Action field"),
            "priority": gettext_lazy("Priority"),
            "unit": gettext_lazy("Responsible unit"),
            "start": gettext_lazy("Start"),
            "end": gettext_lazy("Target"),
            "cost": gettext_lazy("Total cost"),
            "granted": gettext_lazy("Granted"),
            "progress": gettext_lazy("Progress"),
        },
        defaults=frozenset({"field", "end", "cost", "progress"}),
    )
    filterset_class = MeasureFilter
    template_name = "measures/measure_list.html"
    paginate_by = 25

    def get_queryset(self):
        return measure_queryset().order_by("reference")


class MeasureDetail(StaffDetailView):
    model = Measure
    template_name = "measures/measure_detail.html"

    def get_queryset(self):
        return measure_queryset().prefetch_related(
            "goals__action_field",
            "principles",
            Prefetch("participations", queryset=MeasureActor.objects.select_related("actor")),
            "milestones",
            "funding_lines__programme",
            "progress_reports__author",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = self.object.can_be_edited_by(self.request.user)
        context["can_release"] = self.request.user.has_perm(RELEASE_PERMISSION)
        context["history"] = measure_history(self.object)
        # Which organisations carry the measure: only worth saying where there are several.
        if Organisation.objects.several():
            context["organisation_shares"] = self.object.organisation_shares.select_related(
                "organisation"
            )
        return context


class MeasureFormView(StaffPermissionMixin, generic.View):
    """Create or edit a measure with its milestones, funding lines and actors on one page."""

    model = Measure
    template_name = "measures/measure_form.html"

    def get_permission_required(self):
        return ["measures.view_measure"]

    def get_object(self):
        if "pk" not in self.kwargs:
            return Measure()
        return get_object_or_404(Measure, pk=self.kwargs["pk"])

    def has_permission(self):
        if not super().has_permission():
            return False
        self.object = self.get_object()
        if self.object.pk:
            return self.object.can_be_edited_by(self.request.user)
        return self.request.user.has_perm("measures.add_measure")

    def get_initial(self):
        return {}

    def build(self, data=None):
        form = forms.MeasureForm(
            data, instance=self.object, initial=self.get_initial(), user=self.request.user
        )
        # One set of select choices for every row of every formset: no queries per row.
        shared = {"choices_cache": {}}
        kinds = dict(forms.FORMSETS)
        if form.several_organisations:
            kinds.update(forms.ORGANISATION_FORMSETS)
        formsets = {
            name: cls(data, instance=self.object, prefix=name, form_kwargs=shared)
            for name, cls in kinds.items()
        }
        return form, formsets

    def render(self, form, formsets, conflict=None, status=200):
        has_errors = bool(form.errors) or any(
            fs.total_error_count() for fs in formsets.values() if fs.is_bound
        )
        context = {
            "form": form,
            "formsets": formsets,
            "object": self.object if self.object.pk else None,
            "conflict": conflict,
            "has_errors": has_errors and not conflict,
            "opts": Measure._meta,
            **(getattr(self, "extra_context", None) or {}),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render(*self.build())

    def conflict(self, since_version):
        """Keep what the editor typed; the next save knowingly builds on the current version."""
        current = Measure.objects.get(pk=self.object.pk)
        data = self.request.POST.copy()
        data["version"] = current.version
        self.object = current
        form, formsets = self.build(data)
        form.is_valid()
        for formset in formsets.values():
            formset.is_valid()
        error = EditConflict(current, since_version)
        changes = changes_since(current, since_version)
        return self.render(
            form, formsets, conflict={"error": error, "changes": changes}, status=409
        )

    def save(self, form, formsets, expected_version):
        return save_measure(form=form, formsets=formsets, expected_version=expected_version)

    def post(self, request, *args, **kwargs):
        expected = None
        if self.object.pk:
            # Check the version first: rows a colleague deleted would otherwise fail validation.
            expected = parse_version(request.POST.get("version"))
            if expected != self.object.version:
                return self.conflict(expected or 0)
        form, formsets = self.build(request.POST)
        # Validate everything, so every error shows at once.
        results = [form.is_valid()] + [fs.is_valid() for fs in formsets.values()]
        if not all(results):
            return self.render(form, formsets)
        try:
            measure = self.save(form, formsets.values(), expected)
        except EditConflict as conflict:
            return self.conflict(conflict.since_version)
        except IntegrityError:
            # Two saves at the same moment with the same reference or actor.
            form.add_error(
                None, _("Someone saved a conflicting entry at the same moment. Please save again.")
            )
            return self.render(form, formsets)
        messages.success(request, _("“%(object)s” was saved.") % {"object": measure})
        return redirect(measure)


def parse_version(value):
    try:
        version = int(value)
    except (TypeError, ValueError):
        return None
    return version if version > 0 else None


class ProgressReportCreate(StaffPermissionMixin, generic.FormView):
    model = Measure
    form_class = forms.ProgressReportForm
    template_name = "staff/object_form.html"

    def has_permission(self):
        if not super().has_permission():
            return False
        self.measure = get_object_or_404(Measure, pk=self.kwargs["pk"])
        return self.measure.can_be_edited_by(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["parent"] = self.measure
        context["title"] = _("New progress report for “%(measure)s”") % {
            "measure": isolate_text(self.measure)
        }
        return context

    def form_valid(self, form):
        report = file_progress_report(
            report=form.instance, measure=self.measure, user=self.request.user
        )
        if report.is_released:
            messages.success(self.request, _("The progress report was saved."))
        else:
            messages.success(
                self.request,
                _(
                    "The progress report was saved as a draft. It is published and counts "
                    "for the traffic light once the editorial team has released it."
                ),
            )
        return redirect(self.measure)


class LightOverride(StaffPermissionMixin, generic.View):
    """Set a measure's traffic light by hand (reason and expiry), or remove the override."""

    model = Measure
    template_name = "measures/light_override.html"

    def has_permission(self):
        if not super().has_permission():
            return False
        self.object = get_object_or_404(Measure.objects.with_light(), pk=self.kwargs["pk"])
        return self.object.can_be_edited_by(self.request.user)

    def render(self, form, conflict=None, status=200):
        context = {"form": form, "object": self.object, "conflict": conflict, "opts": Measure._meta}
        return render(self.request, self.template_name, context, status=status)

    def build(self, data=None):
        # A copy, so the page still shows the stored light and reason beside a refused input.
        return forms.LightOverrideForm(data, instance=copy.copy(self.object))

    def get(self, request, *args, **kwargs):
        return self.render(self.build())

    def conflict(self, since_version):
        """Keep what the editor chose; the next save knowingly builds on the current version."""
        self.object = Measure.objects.with_light().get(pk=self.object.pk)
        data = self.request.POST.copy()
        data["version"] = self.object.version
        form = self.build(data)
        form.is_valid()
        conflict = {
            "error": EditConflict(self.object, since_version),
            "changes": changes_since(self.object, since_version),
        }
        return self.render(form, conflict=conflict, status=409)

    def post(self, request, *args, **kwargs):
        expected = parse_version(request.POST.get("version"))
        if expected != self.object.version:
            return self.conflict(expected or 0)
        form = self.build(request.POST)
        if not form.is_valid():
            return self.render(form)
        # Measure.save() refuses the write if a colleague saved since `expected`.
        form.instance.version = expected
        try:
            measure = form.save()
        except EditConflict as conflict:
            return self.conflict(conflict.since_version)
        if measure.light_override:
            messages.success(request, _("The traffic light was set by hand."))
        else:
            messages.success(request, _("The traffic light is computed from the plan again."))
        return redirect(measure)


class ProgressReleaseList(StaffPermissionMixin, generic.ListView):
    """Redaktion's queue of draft progress reports; ticked ones are released in one go."""

    model = ProgressReport
    template_name = "measures/progress_release_list.html"
    paginate_by = 100

    def get_permission_required(self):
        return [RELEASE_PERMISSION]

    def get_queryset(self):
        return (
            releasable_drafts(self.request.user)
            .select_related("measure", "author")
            .order_by("measure__reference", "date", "id")
        )

    def post(self, request, *args, **kwargs):
        form = forms.ReleaseForm(request.POST)
        if not form.is_valid():
            for error in form.errors.get("reports", []):
                messages.error(request, error)
            return HttpResponseRedirect(reverse("measures:progress-release-list"))
        released = release_progress_reports(reports=form.cleaned_data["reports"], user=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)d progress report was released.",
                "%(count)d progress reports were released.",
                len(released),
            )
            % {"count": len(released)},
        )
        return HttpResponseRedirect(reverse("measures:progress-release-list"))


class ActorList(StaffListView):
    staff_page_cache = True  # agenda/pagecache/staff.py
    model = Actor
    template_name = "measures/actor_list.html"

    def get_queryset(self):
        return Actor.objects.annotate(
            measure_count=Count("participations", distinct=True),
            responsible_count=Count("responsible_for", distinct=True),
        ).order_by("name")


class ActorDetail(StaffDetailView):
    model = Actor
    template_name = "measures/actor_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["participations"] = self.object.participations.select_related("measure")
        context["responsible_for"] = self.object.responsible_for.with_light()
        return context


class ProgrammeList(StaffListView):
    staff_page_cache = True  # agenda/pagecache/staff.py
    model = FundingProgramme
    template_name = "measures/programme_list.html"

    def get_queryset(self):
        # The next deadline by subquery: a join would multiply the funding lines' sums.
        upcoming = FundingDeadline.objects.filter(
            programme=OuterRef("pk"), date__gte=timezone.localdate()
        ).order_by("date", "id")
        return FundingProgramme.objects.annotate(
            line_count=Count("funding_lines"),
            approved=Coalesce(
                Sum("funding_lines__amount", filter=Q(funding_lines__status="approved")), ZERO
            ),
            next_deadline=Subquery(upcoming.values("date")[:1]),
            next_deadline_kind=Subquery(upcoming.values("kind")[:1]),
        ).order_by("name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kinds"] = dict(FundingDeadline.Kind.choices)
        return context


class ProgrammeDetail(StaffDetailView):
    model = FundingProgramme
    template_name = "measures/programme_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lines"] = self.object.funding_lines.select_related("measure")
        context["deadlines"] = self.object.deadlines.all()
        context["today"] = timezone.localdate()
        return context


class ProgrammeFormView(StaffPermissionMixin, generic.View):
    """A funding programme with its dated deadlines, saved together."""

    model = FundingProgramme
    action = "change"  # a write: a member adds, the root changes (FederationCatalogue)
    form_class = forms.FundingProgrammeForm
    template_name = "measures/programme_form.html"

    def get_permission_required(self):
        action = "change" if "pk" in self.kwargs else "add"
        return [permission_name(FundingProgramme, action)]

    def build(self, data=None):
        if "pk" in self.kwargs:
            self.object = self.check_object(
                get_object_or_404(FundingProgramme, pk=self.kwargs["pk"])
            )
        else:
            self.object = FundingProgramme()
        form = self.form_class(data, instance=self.object)
        deadlines = forms.FundingDeadlineFormSet(data, instance=self.object, prefix="deadlines")
        return form, deadlines

    def render(self, form, deadlines):
        context = {
            "form": form,
            "formsets": {"deadlines": deadlines},
            "object": self.object if self.object.pk else None,
            "opts": FundingProgramme._meta,
            "has_errors": bool(form.errors)
            or bool(deadlines.is_bound and deadlines.total_error_count()),
        }
        return render(self.request, self.template_name, context)

    def get(self, request, *args, **kwargs):
        return self.render(*self.build())

    def post(self, request, *args, **kwargs):
        form, deadlines = self.build(request.POST)
        if not all([form.is_valid(), deadlines.is_valid()]):
            return self.render(form, deadlines)
        with transaction.atomic():
            programme = form.save()
            deadlines.instance = programme
            deadlines.save()
        messages.success(request, _("“%(object)s” was saved.") % {"object": programme})
        return redirect(programme)
