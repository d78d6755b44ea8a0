"""Derived figures, computed in the database so that lists need no query per row."""

import datetime

from django.apps import apps
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone

from strategy.querysets import grant_q
from strategy.querysets import sum_subquery as _sum_subquery


def _model(name):
    return apps.get_model("measures", name)


class MeasureQuerySet(models.QuerySet):
    def update(self, **kwargs):
        # A bulk change moves the versions on too, so open edit forms see they are stale.
        kwargs.setdefault("version", F("version") + 1)
        return super().update(**kwargs)

    def published(self):
        return self.filter(is_published=True)

    def editable_by(self, user):
        if user.has_perm("measures.change_measure"):
            return self
        if user.has_perm("measures.change_own_measure"):
            return self.filter(contact_person_id=user.pk)
        return self.none()

    def with_figures(self):
        """Total cost, granted funding, own share and current progress per measure."""
        funding = _model("FundingLine").objects.filter(measure=OuterRef("pk"))
        latest_report = (
            _model("ProgressReport").objects.filter(measure=OuterRef("pk")).order_by("-date", "-id")
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

    def stale(self, days=90, today=None):
        """Measures in progress without a progress report in the last `days` days."""
        today = today or timezone.localdate()
        cutoff = today - datetime.timedelta(days=days)
        return (
            self.with_figures()
            .filter(status="in_progress")
            .filter(Q(last_report_date__lt=cutoff) | Q(last_report_date__isnull=True))
        )
