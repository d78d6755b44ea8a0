import datetime

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone


class IdeaQuerySet(models.QuerySet):
    def public(self):
        """Answered ideas the public may read: never hidden ones."""
        return self.filter(state__in=self.model.PUBLIC_STATES, is_hidden=False)

    def open(self):
        return self.filter(state__in=self.model.OPEN_STATES)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(answer_by__lt=today)

    def with_support_count(self):
        return self.annotate(support_count=Count("supports", distinct=True))

    def state_counts(self):
        """State -> number of ideas, plus "overdue", in one query."""
        today = timezone.localdate()
        aggregates = {
            state: Count("pk", filter=Q(state=state)) for state in self.model.State.values
        }
        aggregates["overdue"] = Count(
            "pk", filter=Q(state__in=self.model.OPEN_STATES, answer_by__lt=today)
        )
        aggregates["total"] = Count("pk")
        return self.aggregate(**aggregates)

    def past_retention(self, days, now=None):
        """Ideas whose personal data is due for erasure.

        Answered ideas `days` after their final answer; unconfirmed e-mail addresses are
        handled separately (they are dropped much sooner).
        """
        now = now or timezone.now()
        cutoff = now - datetime.timedelta(days=days)
        has_data = ~Q(name="") | ~Q(email="")
        return self.filter(has_data, answered_at__lt=cutoff)
