"""When each reminder went out (Redaktion, Administration)."""

from agenda.models import ReminderDigest
from strategy.organisations.rules import may_edit_for_q
from strategy.staff.views import StaffListView


class ReminderLog(StaffListView):
    model = ReminderDigest
    template_name = "agenda/reminders/log.html"

    def get_queryset(self):
        # Whom was reminded of what: a member's Redaktion sees its own member's staff only.
        mine = may_edit_for_q(self.request.user, "user__staff_profile__organisation_id")
        return (
            ReminderDigest.objects.filter(mine).select_related("user").order_by("-sent_at", "-id")
        )
