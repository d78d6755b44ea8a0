import datetime

from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone
from django.views import generic

from agenda.public import views as public
from measures.models import FundingLine, FundingProgramme, Measure, Milestone
from strategy.models import ActionField, GuidingPrinciple
from strategy.staff.views import StaffPermissionMixin

UPCOMING_DAYS = 60
STALE_DAYS = 90


def home(request):
    fields = public.with_rollups(public.fields_with_counts(), public.rollups_by_field())
    by_status = public.published_status_counts()
    context = {
        # The whole agenda at a glance: lights, mean progress, cost (published measures).
        "agenda": Measure.objects.published().rollup()[0],
        "principle_count": GuidingPrinciple.objects.count(),
        "fields": fields,
        "groups": public.by_perspective(fields),
        "by_status": by_status,
        "measure_total": sum(count for _value, _label, count in by_status),
    }
    return render(request, "home.html", context)


class Dashboard(StaffPermissionMixin, generic.TemplateView):
    model = Measure
    template_name = "agenda/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        horizon = today + datetime.timedelta(days=UPCOMING_DAYS)
        status_counts = dict(
            Measure.objects.order_by().values_list("status").annotate(n=Count("pk"))
        )
        context.update(
            {
                "today": today,
                "horizon_days": UPCOMING_DAYS,
                "stale_days": STALE_DAYS,
                "measure_total": sum(status_counts.values()),
                "by_status": [
                    (value, label, status_counts.get(value, 0))
                    for value, label in Measure.Status.choices
                ],
                "by_field": ActionField.objects.annotate(
                    total=Count("measures"),
                    active=Count("measures", filter=Q(measures__status="in_progress")),
                    done=Count("measures", filter=Q(measures__status="completed")),
                ).order_by("order", "id"),
                "milestones": Milestone.objects.filter(done=False, due_date__lte=horizon)
                .select_related("measure")
                .order_by("due_date")[:20],
                "funding_deadlines": FundingLine.objects.filter(
                    application_deadline__range=(today, horizon),
                    status__in=[FundingLine.Status.PLANNED],
                )
                .select_related("measure", "programme")
                .order_by("application_deadline")[:20],
                "programme_deadlines": FundingProgramme.objects.filter(
                    application_deadline__range=(today, horizon)
                ).order_by("application_deadline")[:10],
                "stale": Measure.objects.stale(days=STALE_DAYS, today=today)
                .select_related("action_field", "contact_person")
                .order_by("last_report_date", "reference")[:20],
            }
        )
        return context
