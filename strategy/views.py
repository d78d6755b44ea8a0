from django.db.models import Count

from strategy.models import ActionField, Goal, GuidingPrinciple
from strategy.staff.views import (
    StaffCreateView,
    StaffDetailView,
    StaffListView,
)


class PrincipleList(StaffListView):
    model = GuidingPrinciple
    template_name = "strategy/principle_list.html"

    def get_queryset(self):
        return GuidingPrinciple.objects.annotate(measure_count=Count("measures")).order_by(
            "order", "id"
        )


class PrincipleDetail(StaffDetailView):
    model = GuidingPrinciple
    template_name = "strategy/principle_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["measures"] = self.object.measures.select_related("action_field")
        return context


class FieldList(StaffListView):
    model = ActionField
    template_name = "strategy/field_list.html"

    def get_queryset(self):
        return (
            ActionField.objects.with_rollup()
            .annotate(goal_count=Count("goals"))
            .order_by("order", "id")
        )


class FieldDetail(StaffDetailView):
    model = ActionField
    template_name = "strategy/field_detail.html"

    def get_queryset(self):
        return ActionField.objects.with_rollup()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["goals"] = Goal.objects.filter(action_field=self.object).with_rollup()
        context["measures"] = self.object.measures.all()
        return context


class GoalList(StaffListView):
    model = Goal
    template_name = "strategy/goal_list.html"
    paginate_by = 100

    def get_queryset(self):
        return Goal.objects.select_related("action_field").with_rollup()


class GoalDetail(StaffDetailView):
    model = Goal
    template_name = "strategy/goal_detail.html"

    def get_queryset(self):
        return Goal.objects.select_related("action_field").with_rollup()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["measures"] = self.object.measures.all()
        return context


class GoalCreate(StaffCreateView):
    """Offers the field the user came from (“add a goal to this field”)."""

    def get_initial(self):
        return {"action_field": self.request.GET.get("action_field")}
