from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from participation.models import Idea, MailLog


class MailLogInline(admin.TabularInline):
    model = MailLog
    extra = 0
    readonly_fields = ["kind", "sent_at"]
    can_delete = False


@admin.register(Idea)
class IdeaAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "state", "channel", "received_on", "is_hidden"]
    list_filter = ["state", "kind", "channel", "is_hidden"]
    search_fields = ["title", "description"]
    raw_id_fields = ["duplicate_of", "measure"]
    readonly_fields = ["email_confirmed_at", "personal_data_erased_at", "answered_at"]
    inlines = [MailLogInline]
