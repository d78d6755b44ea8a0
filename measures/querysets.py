"""Derived figures, computed in the database so that lists need no query per row."""

import datetime

from django.apps import apps
from django.db import models
from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from measures import lights
from strategy.organisations.rules import may_edit_for_q
from strategy.querysets import grant_q
from strategy.querysets import sum_subquery as _sum_subquery
from strategy.staff.signals import bulk_changed


def _model(name):
    return apps.get_model("measures", name)


class ProgressReportQuerySet(models.QuerySet):
    def released(self):
        return self.filter(released_at__isnull=False)

    def drafts(self):
        return self.filter(released_at__isnull=True)


class MeasureQuerySet(models.QuerySet):
    def update(self, **kwargs):
        # A bulk change moves the versions on too, so open edit forms see they are stale.
        kwargs.setdefault("version", F("version") + 1)
        count = super().update(**kwargs)
        bulk_changed.send(sender=self.model, using=self.db)
        return count

    def published(self):
        return self.filter(is_published=True)

    def bulk_create(self, objs, *args, **kwargs):
        # Like save(): a measure without a lead is led by the root (created if need be).
        objs = list(objs)
        if any(obj.lead_organisation_id is None for obj in objs):
            root = apps.get_model("strategy", "Organisation").objects.ensure_root()
            for obj in objs:
                if obj.lead_organisation_id is None:
                    obj.lead_organisation = root
        created = super().bulk_create(objs, *args, **kwargs)
        bulk_changed.send(sender=self.model, using=self.db)
        return created

    def editable_by(self, user):
        """The measures `user` may edit: the same rule as Measure.can_be_edited_by."""
        qs = self.filter(may_edit_for_q(user, "lead_organisation_id"))
        if user.has_perm("measures.change_measure"):
            return qs
        if user.has_perm("measures.change_own_measure"):
            return qs.filter(contact_person_id=user.pk)
        return self.none()

    def with_figures(self):
        """Total cost, granted funding, own share and current progress per measure."""
        funding = _model("FundingLine").objects.filter(measure=OuterRef("pk"))
        # Drafts are not yet the measure's state: only released reports count.
        latest_report = (
            _model("ProgressReport")
            .objects.released()
            .filter(measure=OuterRef("pk"))
            .order_by("-date", "-id")
        )
        return self.annotate(
            total_cost=F("one_off_cost") + F("external_cost"),
            granted_amount=_sum_subquery(funding.filter(grant_q()), "measure", "amount"),
            requested_amount=_sum_subquery(
                funding.exclude(source="own").exclude(status="rejected"), "measure", "amount"
            ),
            current_progress=Subquery(latest_report.values("percent")[:1]),
            last_report_date=Subquery(latest_report.values("date")[:1]),
        ).annotate(own_share=F("total_cost") - F("granted_amount"))

    def with_light(self, today=None):
        """`light` (override or computed), `computed_light`, `light_rank` (worst first) and
        `override_is_active`, for the given day (today by default)."""
        today = today or timezone.localdate()
        return (
            self.annotate(
                computed_light=lights.computed_light(today),
                override_is_active=ExpressionWrapper(
                    lights.override_active(today), output_field=models.BooleanField()
                ),
            )
            .annotate(
                light=Case(
                    When(override_is_active=True, then=F("light_override")),
                    default=F("computed_light"),
                    output_field=models.CharField(),
                )
            )
            # Only for sorting: an alias is not selected, so a list that does not sort by
            # light does not compute the light a second time per row.
            .alias(light_rank=lights.light_rank())
        )

    def rollup(self, group_by=None, today=None):
        """Lights, progress and cost of these measures in one grouped query.

        Returns a list of dicts (one per value of `group_by`, e.g. "action_field" or "goals";
        one dict for all when None) with a count per light, `measure_count`, `progress` (the
        plain mean of the measures' progress, a completed measure counting 100 % and each
        measure the same), `planned_cost` (one-off + external) and `actual_cost`.
        Dropped measures are left out.
        """
        qs = self.exclude(status="dropped").with_light(today)
        progress = Case(
            When(status="completed", then=Value(100.0)),
            default=Coalesce(lights.released_progress(), 0),
            output_field=models.FloatField(),
        )
        keys = [group_by] if group_by else []
        # Grouped by light as well, so the database works out each row's light once (GROUP BY
        # refers to it by position) instead of once per light counted; Python adds up.
        parts = (
            qs.order_by()
            .values(*keys, "light")
            .annotate(
                n=Count("pk", distinct=True),
                progress_sum=Sum(progress),
                planned=Sum(F("one_off_cost") + F("external_cost")),
                actual=Sum("actual_cost"),
            )
        )
        totals = {}
        for part in parts:
            key = part[group_by] if group_by else None
            row = totals.setdefault(key, _empty_rollup(group_by, key))
            row[f"n_{part['light']}"] += part["n"]
            row["measure_count"] += part["n"]
            row["progress_sum"] += part["progress_sum"] or 0
            row["planned_cost"] += part["planned"] or 0
            row["actual_cost"] += part["actual"] or 0
        rows = list(totals.values()) if group_by else [totals.get(None, _empty_rollup(None, None))]
        return [_finish_rollup(row) for row in rows]

    def stale(self, days=90, today=None):
        """Measures in progress without a progress report in the last `days` days."""
        today = today or timezone.localdate()
        cutoff = today - datetime.timedelta(days=days)
        return (
            self.with_figures()
            .filter(status="in_progress")
            .filter(Q(last_report_date__lt=cutoff) | Q(last_report_date__isnull=True))
        )


def _empty_rollup(group_by, key):
    row = {f"n_{value}": 0 for value in lights.Light.values}
    row.update(measure_count=0, progress_sum=0.0, planned_cost=0, actual_cost=0)
    if group_by:
        row[group_by] = key
    return row


def _finish_rollup(row):
    count = row["measure_count"]
    row["progress"] = round(row["progress_sum"] / count) if count else 0
    row["lights"] = [
        {
            "value": value,
            "label": lights.label(value),
            "symbol": lights.symbol(value),
            "count": row[f"n_{value}"],
        }
        for value in lights.ORDER
    ]
    return row


def rollup_total(rows):
    """The roll-up of all measures from the rows of a roll-up by action field, without
    asking the database again (each measure sits in exactly one field)."""
    total = _empty_rollup(None, None)
    for row in rows:
        for key in ["measure_count", "progress_sum", "planned_cost", "actual_cost"] + [
            f"n_{value}" for value in lights.Light.values
        ]:
            total[key] += row[key]
    return _finish_rollup(total)
