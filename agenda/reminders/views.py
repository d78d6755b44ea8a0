"""When each reminder went out (Redaktion, Administration)."""

from agenda.models import ReminderDigest
from strategy.staff.views import StaffListView


class ReminderLog(StaffListView):
    model = ReminderDigest
    template_name = "agenda/reminders/log.html"

    def get_queryset(self):
        return ReminderDigest.objects.select_related("user").order_by("-sent_at", "-id")
