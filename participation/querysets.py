import datetime

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone

from strategy.organisations.rules import may_edit_for_q


class IdeaQuerySet(models.QuerySet):
    def for_staff(self, user):
        """The ideas `user` may see and moderate: the one gate for every staff list and page.

        A member's staff see the ideas addressed to their member; the root's staff see all.
        """
        return self.filter(may_edit_for_q(user, "organisation_id"))

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

    def newest_id(self):
        """The highest id: moves on with every new idea (the staff page cache asks)."""
        return self.aggregate(newest=models.Max("id"))["newest"] or 0

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

    def past_retention(self, days, unanswered_days, now=None):
        """Ideas whose personal data is due for erasure; every idea has an end date.

        Answered ideas `days` after their final answer, ideas that never got one (left new,
        in review or hidden as spam) `unanswered_days` after submission. Unconfirmed e-mail
        addresses are handled separately (they are dropped much sooner).
        """
        return self.answered_past_retention(days, now) | self.unanswered_past_retention(
            unanswered_days, now
        )

    def answered_past_retention(self, days, now=None):
        cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
        return self.with_personal_data().filter(answered_at__lt=cutoff)

    def unanswered_past_retention(self, days, now=None):
        cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
        return self.with_personal_data().filter(answered_at__isnull=True, created_at__lt=cutoff)

    def with_personal_data(self):
        return self.filter(~Q(name="") | ~Q(email=""))
