"""What is due for one staff user on one day: the worklist page and the reminder mail.

`due_items(user, today)` collects everything fresh from the database, so an item done
since yesterday is simply gone. It runs a fixed number of queries, however many rows match.
"""

import datetime
import math
from dataclasses import dataclass

from django.db.models import Max, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from agenda.models import SiteProfile
from measures.models import FundingDeadline, FundingLine, Measure, Milestone
from participation.models import Idea
from strategy.models import Indicator

MILESTONE_DAYS = 14
FUNDING_DAYS = 30
# Open measures need reports; ideas, completed and dropped measures do not.
OPEN_STATUSES = [Measure.Status.PLANNED, Measure.Status.IN_PROGRESS, Measure.Status.ON_HOLD]
# Which funding lines a programme deadline still concerns, by kind of deadline.
DEADLINE_LINES = {
    FundingDeadline.Kind.APPLICATION: [FundingLine.Status.PLANNED],
    FundingDeadline.Kind.PROOF_OF_USE: [FundingLine.Status.APPROVED],
    FundingDeadline.Kind.REPORT: [FundingLine.Status.APPROVED],
    FundingDeadline.Kind.OTHER: [
        FundingLine.Status.PLANNED,
        FundingLine.Status.APPLIED,
        FundingLine.Status.APPROVED,
    ],
}

REPORT, MILESTONE, FUNDING, INDICATOR, IDEA = "report", "milestone", "funding", "indicator", "idea"
SECTIONS = [
    (REPORT, _("Progress reports due")),
    (MILESTONE, _("Milestones")),
    (FUNDING, _("Funding deadlines")),
    (INDICATOR, _("Indicator values due")),
    (IDEA, _("Ideas routed to your unit")),
]


@dataclass(frozen=True)
class Item:
    kind: str
    obj: object
    due: datetime.date | None
    title: str
    url: str
    key: str
    detail: str = ""

    def overdue_days(self, today):
        """Days past the due date (0 when due today, negative when still ahead)."""
        return None if self.due is None else (today - self.due).days


def _stale_measures(user, today, interval):
    cutoff = today - datetime.timedelta(days=interval)
    measures = (
        Measure.objects.filter(contact_person=user, status__in=OPEN_STATUSES)
        # Drafts count: the owner has reported, Redaktion has yet to release it.
        .annotate(last_report=Max("progress_reports__date"))
        .filter(Q(last_report__lt=cutoff) | Q(last_report__isnull=True))
        .order_by("reference")
    )
    for m in measures:
        due = m.last_report + datetime.timedelta(days=interval) if m.last_report else None
        detail = (
            _("Last progress report: %(date)s") % {"date": f"{m.last_report:%d.%m.%Y}"}
            if m.last_report
            else _("No progress report yet")
        )
        yield Item(REPORT, m, due, str(m), m.get_absolute_url(), f"report:measure:{m.pk}", detail)


def _milestones(user, today):
    milestones = (
        Milestone.objects.filter(
            measure__contact_person=user,
            done=False,
            due_date__lte=today + datetime.timedelta(days=MILESTONE_DAYS),
        )
        .exclude(measure__status__in=[Measure.Status.COMPLETED, Measure.Status.DROPPED])
        .select_related("measure")
    )
    for ms in milestones:
        url = ms.measure.get_absolute_url()
        yield Item(MILESTONE, ms, ms.due_date, ms.title, url, f"milestone:{ms.pk}", str(ms.measure))


def _funding_lines(user, today):
    lines = FundingLine.objects.filter(
        measure__contact_person=user,
        status=FundingLine.Status.PLANNED,
        application_deadline__lte=today + datetime.timedelta(days=FUNDING_DAYS),
        # Still planned: the application is still open to make (or to give up).
        application_deadline__gte=today - datetime.timedelta(days=FUNDING_DAYS),
    ).select_related("measure", "programme")
    for line in lines:
        title = _("Application: %(source)s") % {
            "source": line.programme or line.get_source_display()
        }
        url = line.measure.get_absolute_url()
        key = f"funding-line:{line.pk}"
        yield Item(FUNDING, line, line.application_deadline, title, url, key, str(line.measure))


def _programme_deadlines(user, today):
    concerned = Q()
    for kind, statuses in DEADLINE_LINES.items():
        concerned |= Q(kind=kind, programme__funding_lines__status__in=statuses)
    deadlines = (
        # One filter(): every condition on the funding line applies to the same line.
        FundingDeadline.objects.filter(
            concerned,
            programme__funding_lines__measure__contact_person=user,
            programme__funding_lines__measure__status__in=OPEN_STATUSES,
            date__lte=today + datetime.timedelta(days=FUNDING_DAYS),
            date__gte=today - datetime.timedelta(days=FUNDING_DAYS),
        )
        .select_related("programme")
        .distinct()
    )
    for d in deadlines:
        title = f"{d.get_kind_display()}: {d.programme}"
        url = d.programme.get_absolute_url()
        yield Item(FUNDING, d, d.date, title, url, f"deadline:{d.pk}", d.note)


def _indicators(user, today):
    for ind in Indicator.objects.due(today).filter(responsible=user).select_related("goal"):
        due = today + datetime.timedelta(days=math.floor(ind.next_due))
        detail = str(ind.goal)
        key = f"indicator:{ind.pk}"
        yield Item(INDICATOR, ind, due, ind.name, _indicator_url(ind), key, detail)


def _indicator_url(indicator):
    try:
        return indicator.get_absolute_url()
    except NoReverseMatch:  # no indicator pages yet: its goal's page shows it
        return f"{indicator.goal.get_absolute_url()}#indicator-{indicator.pk}"


def _ideas(user):
    # Only ideas the user's organisation may handle: a unit's name can recur across members.
    ideas = (
        Idea.objects.for_staff(user)
        .filter(responsible_unit__staff__user=user, state__in=Idea.OPEN_STATES)
        .select_related("responsible_unit")
    )
    may_moderate = user.has_perm("participation.change_idea")
    for idea in ideas:
        name = "participation:idea-moderate" if may_moderate else "participation:idea-answer"
        url = reverse(name, args=[idea.pk])
        yield Item(IDEA, idea, idea.answer_by, idea.title, url, f"idea:{idea.pk}", "")


def _order(item):
    # Overdue and soonest first; items without a date (no report yet, no answer-by) first
    # among reports (never reported is the most urgent) and last among ideas.
    missing = datetime.date.min if item.kind == REPORT else datetime.date.max
    return (item.due or missing, item.title)


def due_items(user, today):
    """Everything due for `user` on `today`, by kind: {kind: [Item, …]} in SECTIONS order."""
    interval = SiteProfile.current().update_interval_days
    found = [
        *_stale_measures(user, today, interval),
        *_milestones(user, today),
        *_funding_lines(user, today),
        *_programme_deadlines(user, today),
        *_indicators(user, today),
        *_ideas(user),
    ]
    by_kind = {kind: [] for kind, _label in SECTIONS}
    for item in sorted(found, key=_order):
        by_kind[item.kind].append(item)
    return by_kind


def flat(by_kind):
    return [item for items in by_kind.values() for item in items]


def due_phrase(item, today):
    """“überfällig seit 3 Tagen”, “heute fällig”, “fällig in 5 Tagen”, or ""."""
    days = item.overdue_days(today)
    if days is None:
        return ""
    if days > 0:
        return ngettext("overdue by %(days)d day", "overdue by %(days)d days", days) % {
            "days": days
        }
    if days == 0:
        return gettext("due today")
    return ngettext("due in %(days)d day", "due in %(days)d days", -days) % {"days": -days}


def sections(by_kind, today, skip_empty=False):
    """The items as sections for pages and mails: label, rows of (item, phrase, overdue)."""
    result = []
    for kind, label in SECTIONS:
        items = by_kind[kind]
        if skip_empty and not items:
            continue
        rows = [
            {"item": i, "phrase": due_phrase(i, today), "overdue": (i.overdue_days(today) or 0) > 0}
            for i in items
        ]
        result.append({"kind": kind, "label": label, "rows": rows, "count": len(rows)})
    return result
