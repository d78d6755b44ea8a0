from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import generic
from django_filters.views import FilterView

from measures.filters import MeasureFilterBase
from measures.models import EditConflict, Measure
from measures.priorities import chart
from measures.priorities.forms import CriterionFormSet, score_forms
from measures.priorities.models import Criterion, Score
from measures.priorities.ranking import ranked
from measures.priorities.services import (
    criteria_digest,
    save_scores,
    scores_digest,
    set_priority_from_score,
)
from strategy.bidi import isolate_text
from strategy.staff.views import StaffPermissionMixin


class RankedList(StaffPermissionMixin, FilterView):
    """All measures by priority score, filterable like the measure list, with the chart."""

    model = Measure
    filterset_class = MeasureFilterBase
    template_name = "priorities/ranked_list.html"
    paginate_by = 50

    def get_queryset(self):
        self.criteria = list(Criterion.objects.all())
        return ranked(
            Measure.objects.select_related("action_field").prefetch_related("scores"),
            self.criteria,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(context["object_list"])
        context["criteria"] = self.criteria
        points = chart.points_from_measures(rows, self.criteria)
        context["chart"] = chart.portfolio_svg(points)
        # The chart's text alternative: each point's values on the two axes, in a table.
        context["points"] = points
        axes = {c.axis: c for c in self.criteria if c.axis}
        context["impact_axis"], context["effort_axis"] = axes.get("impact"), axes.get("effort")
        context["can_set"] = self.request.user.has_perm("measures.change_measure")
        return context


class CriteriaEdit(StaffPermissionMixin, generic.View):
    model = Criterion
    action = "change"
    template_name = "priorities/criteria.html"

    def get(self, request):
        return self.show(CriterionFormSet(queryset=Criterion.objects.all()), criteria_digest())

    def post(self, request):
        formset = CriterionFormSet(request.POST, queryset=Criterion.objects.all())
        loaded = request.POST.get("loaded") or None
        # The lock holds until the save: no colleague's save slips in after the check.
        with transaction.atomic():
            current = criteria_digest(lock=True)
            if loaded is not None and loaded != current:
                # Keep what the editor typed; the next save knowingly builds on the current one.
                conflict = _(
                    "Not saved: the criteria were changed by someone else while you were "
                    "editing them."
                )
                return self.show(formset, current, conflict=conflict, status=409)
            if not formset.is_valid():
                return self.show(formset, loaded)
            formset.save()
        messages.success(request, _("The criteria were saved."))
        return redirect("measures:priority-criteria")

    def show(self, formset, loaded, conflict=None, status=200):
        context = {
            "formset": formset,
            "loaded": loaded,
            "conflict": conflict,
            "opts": Criterion._meta,
        }
        return render(self.request, self.template_name, context, status=status)


class ScoreEdit(StaffPermissionMixin, generic.View):
    """Score one measure on every manual criterion at once; rights as for editing it."""

    model = Measure
    template_name = "priorities/score_form.html"

    def has_permission(self):
        if not super().has_permission():
            return False
        self.object = get_object_or_404(Measure, pk=self.kwargs["pk"])
        return self.object.can_be_edited_by(self.request.user)

    def criteria(self):
        return list(Criterion.objects.filter(source=Criterion.Source.MANUAL))

    def get(self, request, pk):
        return self.show(score_forms(self.object, self.criteria()), scores_digest(self.object))

    def post(self, request, pk):
        forms = score_forms(self.object, self.criteria(), request.POST)
        loaded = request.POST.get("loaded") or None
        # Validate every form, so every error shows at once.
        results = [form.is_valid() for form in forms]
        if not all(results):
            return self.show(forms, loaded)
        try:
            save_scores(measure=self.object, forms=forms, user=request.user, loaded=loaded)
        except EditConflict:
            # Keep what the editor typed; the next save knowingly builds on the current scores.
            conflict = _(
                "Not saved: the scores of “%(measure)s” were changed by someone else while "
                "you were editing them."
            ) % {"measure": isolate_text(self.object)}
            return self.show(forms, scores_digest(self.object), conflict=conflict, status=409)
        messages.success(request, _("The scores were saved."))
        return redirect(self.object.get_absolute_url())

    def show(self, forms, loaded, conflict=None, status=200):
        context = {
            "object": self.object,
            "forms": forms,
            "loaded": loaded,
            "conflict": conflict,
            "has_errors": any(form.errors for form in forms) and not conflict,
            "computed": Criterion.objects.exclude(source=Criterion.Source.MANUAL),
        }
        return render(self.request, self.template_name, context, status=status)


class SetPriority(StaffPermissionMixin, generic.View):
    """POST: set the priority of one measure (`measure`, `version`) or of all from the score."""

    model = Measure
    action = "change"
    http_method_names = ["post"]

    def post(self, request):
        # "All" means all this user may edit: a member's Redaktion leaves other members alone.
        measures = Measure.objects.editable_by(request.user)
        expected = None
        pk = request.POST.get("measure", "")
        if pk:
            if not pk.isascii() or not pk.isdigit():
                raise PermissionDenied
            measure = get_object_or_404(Measure, pk=pk)
            if not measure.can_be_edited_by(request.user):
                raise PermissionDenied
            measures = measures.filter(pk=measure.pk)
            version = request.POST.get("version", "")
            if version.isascii() and version.isdigit():
                expected = {measure.pk: int(version)}
        try:
            changed = set_priority_from_score(measures=measures, expected_versions=expected)
        except EditConflict as conflict:
            messages.error(request, str(conflict))
        else:
            messages.success(
                request,
                _("The priority was set from the score for %(count)s measures.")
                % {"count": len(changed)},
            )
        if pk:
            return redirect("measures:measure-detail", pk=pk)
        return redirect("measures:priority-list")


def measure_priority(measure):
    """Score, rank and scores of one measure for its pages, in two queries: the criteria
    with this measure's values, and the ranking of all measures."""
    values = Score.objects.filter(measure=measure, criterion=OuterRef("pk"))
    criteria = list(
        Criterion.objects.annotate(
            value=Subquery(values.values("value")[:1]),
            reason=Subquery(values.values("reason")[:1]),
        )
    )
    rows = ranked(Measure.objects.all(), criteria).values(
        "pk", "rank", "priority_score", "completeness", "citizen_demand"
    )
    total, own = 0, None
    for row in rows:
        total += row["priority_score"] is not None
        if row["pk"] == measure.pk:
            own = row
    own = own or {"priority_score": None, "completeness": 0, "citizen_demand": 0, "rank": None}
    return {
        "score": own["priority_score"],
        "completeness": own["completeness"],
        "rank": own["rank"] if own["priority_score"] is not None else None,
        "of": total,
        "scores": [c for c in criteria if c.value is not None],
        "computed": [c for c in criteria if c.is_computed],
        "citizen_demand": own["citizen_demand"],
    }
