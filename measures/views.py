from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic
from django_filters.views import FilterView

from measures import forms
from measures.filters import MeasureFilter
from measures.history import changes_since, measure_history
from measures.models import Actor, FundingDeadline, FundingProgramme, Measure, MeasureActor
from measures.services import EditConflict, save_measure
from strategy.bidi import isolate_text
from strategy.querysets import ZERO
from strategy.staff.views import (
    StaffDetailView,
    StaffListView,
    StaffPermissionMixin,
    permission_name,
)


def measure_queryset():
    return Measure.objects.select_related(
        "action_field", "responsible_unit", "contact_person"
    ).with_figures()


class MeasureList(StaffPermissionMixin, FilterView):
    model = Measure
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
        context["history"] = measure_history(self.object)
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
        formsets = {
            name: cls(data, instance=self.object, prefix=name, form_kwargs=shared)
            for name, cls in forms.FORMSETS.items()
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
        form.instance.measure = self.measure
        form.instance.author = self.request.user
        form.save()
        messages.success(self.request, _("The progress report was saved."))
        return redirect(self.measure)


class ActorList(StaffListView):
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
        context["responsible_for"] = self.object.responsible_for.all()
        return context


class ProgrammeList(StaffListView):
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
    form_class = forms.FundingProgrammeForm
    template_name = "measures/programme_form.html"

    def get_permission_required(self):
        action = "change" if "pk" in self.kwargs else "add"
        return [permission_name(FundingProgramme, action)]

    def build(self, data=None):
        if "pk" in self.kwargs:
            self.object = get_object_or_404(FundingProgramme, pk=self.kwargs["pk"])
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
