import datetime

from django.db.models import Count, OuterRef, Subquery
from django.shortcuts import render
from django.utils import timezone
from django.views import generic

from agenda.public import views as public
from measures.models import FundingDeadline, FundingLine, Measure, Milestone, ProgressReport
from measures.querysets import rollup_total
from participation.models import Idea
from strategy.lights import Light
from strategy.models import ActionField, GuidingPrinciple
from strategy.staff.views import StaffPermissionMixin

UPCOMING_DAYS = 60
STALE_DAYS = 90
ATTENTION_LIMIT = 50


HOME_LATEST = 4


def share(part, whole):
    """`part` of `whole` in whole percent, rounded; None for an empty whole."""
    return round(100 * part / whole) if whole else None


def home(request):
    fields = public.with_rollups(public.fields_with_counts(), public.rollups_by_field())
    by_status = public.published_status_counts()
    counts = {value: count for value, _label, count in by_status}
    measure_total = sum(counts.values())
    context = {
        # The whole agenda at a glance: lights, mean progress, cost (published measures).
        "agenda": Measure.objects.published().rollup()[0],
        "principle_count": GuidingPrinciple.objects.count(),
        "fields": fields,
        "groups": public.by_perspective(fields),
        "by_status": by_status,
        "measure_total": measure_total,
        "completed_share": share(counts.get(Measure.Status.COMPLETED, 0), measure_total),
        "in_progress_share": share(counts.get(Measure.Status.IN_PROGRESS, 0), measure_total),
        # What the public measure page shows: released reports of published measures only.
        "latest_reports": ProgressReport.objects.released()
        .filter(measure__is_published=True)
        .select_related("measure")
        .order_by("-date", "-id")[:HOME_LATEST],
        # What the public idea list shows, and only those with an answer to read.
        "latest_ideas": Idea.objects.public()
        .exclude(public_answer="")
        .order_by("-answered_at", "-id")[:HOME_LATEST],
    }
    return render(request, "home.html", context)


class Dashboard(StaffPermissionMixin, generic.TemplateView):
    model = Measure
    template_name = "agenda/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        horizon = today + datetime.timedelta(days=UPCOMING_DAYS)
        by_field = rollup_by_field(today)
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
                "agenda_rollup": rollup_total(row for _field, row in by_field if row),
                "by_field": by_field,
                "attention": needs_attention(today)[:ATTENTION_LIMIT],
                "attention_limit": ATTENTION_LIMIT,
                "milestones": Milestone.objects.filter(done=False, due_date__lte=horizon)
                .select_related("measure")
                .order_by("due_date")[:20],
                "funding_deadlines": FundingLine.objects.filter(
                    application_deadline__range=(today, horizon),
                    status__in=[FundingLine.Status.PLANNED],
                )
                .select_related("measure", "programme")
                .order_by("application_deadline")[:20],
                "programme_deadlines": FundingDeadline.objects.filter(date__range=(today, horizon))
                .select_related("programme")
                .order_by("date", "id")[:10],
                "stale": Measure.objects.stale(days=STALE_DAYS, today=today)
                .select_related("action_field", "contact_person")
                .order_by("last_report_date", "reference")[:20],
            }
        )
        return context


def rollup_by_field(today):
    """Every action field with its measures' lights, progress and cost (one grouped query)."""
    rows = {row["action_field"]: row for row in Measure.objects.rollup("action_field", today=today)}
    return [(field, rows.get(field.pk)) for field in ActionField.objects.order_by("order", "id")]


def needs_attention(today):
    """Delayed and at-risk measures, worst first, with what explains their light: the reason
    of an override, else the problems of their latest released progress report."""
    latest = (
        ProgressReport.objects.released().filter(measure=OuterRef("pk")).order_by("-date", "-id")
    )
    return (
        Measure.objects.with_light(today)
        .filter(light__in=[Light.DELAYED, Light.AT_RISK])
        .select_related("action_field")
        .annotate(
            latest_problems=Subquery(latest.values("problems")[:1]),
            latest_next_steps=Subquery(latest.values("next_steps")[:1]),
        )
        .order_by("light_rank", "reference")
    )
