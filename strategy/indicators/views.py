"""Staff pages of indicators (Kennzahlen) and their dated values."""

import datetime

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from django_filters.views import FilterView

from strategy.indicators.filters import IndicatorFilter
from strategy.indicators.forms import IndicatorValueForm
from strategy.models import Indicator, IndicatorValue
from strategy.staff.views import (
    StaffCreateView,
    StaffDetailView,
    StaffPermissionMixin,
    permission_name,
)
from strategy.tables.columns import ColumnChoice, ColumnChoiceMixin

VALUES = Prefetch("values", queryset=IndicatorValue.objects.order_by("date", "id"))


def indicator_queryset(today=None):
    return Indicator.objects.with_light(today).select_related("goal__action_field", "responsible")


def due_date(indicator, today):
    """The day the next value is due (next_due counts days from today)."""
    if indicator.next_due is None:
        return None
    return today + datetime.timedelta(days=round(indicator.next_due))


class IndicatorList(ColumnChoiceMixin, StaffPermissionMixin, FilterView):
    staff_page_cache = True  # agenda/pagecache/staff.py
    model = Indicator
    # Name, latest value and traffic light are always shown.
    column_choice = ColumnChoice(
        key="indicators",
        optional={
            "goal": gettext_lazy("Goal"),
            "unit": gettext_lazy("Unit of measurement"),
            "target": gettext_lazy("Target value"),
            "due": gettext_lazy("Next value due"),
        },
        defaults=frozenset({"goal", "unit", "target", "due"}),
    )
    filterset_class = IndicatorFilter
    template_name = "strategy/indicators/indicator_list.html"
    paginate_by = 50

    def get_queryset(self):
        self.today = timezone.localdate()
        return indicator_queryset(self.today)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for indicator in context["object_list"]:
            indicator.due_on = due_date(indicator, self.today)
        return context


class IndicatorDetail(StaffDetailView):
    model = Indicator
    template_name = "strategy/indicators/indicator_detail.html"

    def get_queryset(self):
        self.today = timezone.localdate()
        return indicator_queryset(self.today).prefetch_related(VALUES)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.object.due_on = due_date(self.object, self.today)
        context["can_enter_values"] = may_enter_values(self.request.user, self.object)
        return context


class IndicatorCreate(StaffCreateView):
    """Offers the goal the user came from (“add an indicator to this goal”)."""

    def get_initial(self):
        return {"goal": self.request.GET.get("goal")}


def may_enter_values(user, indicator):
    """Editors (of the goal's organisation), and the person responsible for the indicator
    (often Fachbereich) while they work for that organisation."""
    if not indicator.can_be_edited_by(user):
        return False
    if user.has_perm(permission_name(Indicator, "change")):
        return True
    return user.is_authenticated and indicator.responsible_id == user.pk


class ValuePermissionMixin(StaffPermissionMixin):
    """Values are written by editors and by the indicator's responsible person."""

    model = IndicatorValue

    def indicator(self):
        raise NotImplementedError

    def has_permission(self):
        user = self.request.user
        return user.is_authenticated and may_enter_values(user, self.indicator())

    def get_success_url(self):
        return self.indicator().get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["indicator"] = self.indicator()
        return context


class ValueFormMixin(ValuePermissionMixin):
    form_class = IndicatorValueForm
    template_name = "strategy/indicators/value_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "indicator": self.indicator()}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The value was saved."))
        return response


class ValueCreate(ValueFormMixin, generic.CreateView):
    def indicator(self):
        if not hasattr(self, "_indicator"):
            self._indicator = get_object_or_404(Indicator, pk=self.kwargs["pk"])
        return self._indicator


class ValueOfIndicator:
    def get_queryset(self):
        return IndicatorValue.objects.select_related("indicator")

    def indicator(self):
        if not hasattr(self, "_indicator"):
            self._indicator = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"]).indicator
        return self._indicator


class ValueUpdate(ValueOfIndicator, ValueFormMixin, generic.UpdateView):
    pass


class ValueDelete(ValueOfIndicator, ValuePermissionMixin, generic.DeleteView):
    template_name = "strategy/indicators/value_confirm_delete.html"

    def form_valid(self, form):
        self.object.delete()
        messages.success(self.request, _("The value was deleted."))
        return HttpResponseRedirect(self.get_success_url())
