from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from strategy.models import ActionField, Goal, GuidingPrinciple
from strategy.querysets import attach_light_rollups
from strategy.staff.views import (
    StaffCreateView,
    StaffDetailView,
    StaffListView,
)
from strategy.tables.columns import ColumnChoice, ColumnChoiceMixin


class LightRollupListMixin:
    """Lists of goals, fields or principles show their measures' lights and progress per row."""

    rollup_group_by = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = attach_light_rollups(context["object_list"], self.rollup_group_by)
        return context


class MeasuresWithLightsMixin:
    """Detail pages of goals, fields and principles: the roll-up and the measures' lights."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        measures = self.object.measures.all()
        context["rollup"] = measures.rollup()[0]
        context["measures"] = measures.with_light().order_by("light_rank", "reference")
        return context


class PrincipleList(LightRollupListMixin, StaffListView):
    staff_page_cache = True  # agenda/pagecache/staff.py
    model = GuidingPrinciple
    rollup_group_by = "principles"
    template_name = "strategy/principle_list.html"

    def get_queryset(self):
        return GuidingPrinciple.objects.annotate(measure_count=Count("measures")).order_by(
            "order", "id"
        )


class PrincipleDetail(MeasuresWithLightsMixin, StaffDetailView):
    model = GuidingPrinciple
    template_name = "strategy/principle_detail.html"


class FieldList(ColumnChoiceMixin, LightRollupListMixin, StaffListView):
    staff_page_cache = True  # agenda/pagecache/staff.py
    model = ActionField
    # Number, title and the move buttons are always shown.
    column_choice = ColumnChoice(
        key="fields",
        optional={
            "perspective": _("Perspective"),
            "goals": _("Goals"),
            "measures": _("Measures"),
            "lights": _("Traffic lights and progress"),
            "staff_days": _("Staff days"),
            "cost": _("Total cost"),
            "granted": _("Granted"),
            "own_share": _("Own share"),
            "actual_cost": _("Actual cost"),
            "timeline": _("Timeline"),
        },
        defaults=frozenset({"measures", "lights", "cost", "granted", "timeline"}),
    )
    rollup_group_by = "action_field"
    template_name = "strategy/field_list.html"

    def get_queryset(self):
        return (
            ActionField.objects.with_rollup()
            .annotate(goal_count=Count("goals"))
            .order_by("order", "id")
        )


class FieldDetail(MeasuresWithLightsMixin, StaffDetailView):
    model = ActionField
    template_name = "strategy/field_detail.html"

    def get_queryset(self):
        return ActionField.objects.with_rollup()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["goals"] = attach_light_rollups(
            Goal.objects.filter(action_field=self.object).with_rollup(), "goals"
        )
        return context


class GoalList(ColumnChoiceMixin, LightRollupListMixin, StaffListView):
    staff_page_cache = True  # agenda/pagecache/staff.py
    model = Goal
    # Field, title and the move buttons are always shown.
    column_choice = ColumnChoice(
        key="goals",
        optional={
            "measures": _("Measures"),
            "lights": _("Traffic lights and progress"),
            "cost": _("Total cost"),
            "granted": _("Granted"),
            "own_share": _("Own share"),
            "actual_cost": _("Actual cost"),
            "timeline": _("Timeline"),
        },
        defaults=frozenset({"measures", "lights", "cost", "timeline"}),
    )
    rollup_group_by = "goals"
    template_name = "strategy/goal_list.html"
    paginate_by = 100

    def get_queryset(self):
        return Goal.objects.select_related("action_field").with_rollup()


class GoalDetail(MeasuresWithLightsMixin, StaffDetailView):
    model = Goal
    template_name = "strategy/goal_detail.html"

    def get_queryset(self):
        return Goal.objects.select_related("action_field").with_rollup()


class GoalCreate(StaffCreateView):
    """Offers the field the user came from (“add a goal to this field”)."""

    def get_initial(self):
        return {"action_field": self.request.GET.get("action_field")}
