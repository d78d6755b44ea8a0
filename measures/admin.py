from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from measures.models import (
    Actor,
    FundingLine,
    FundingProgramme,
    Measure,
    MeasureActor,
    Milestone,
    ProgressReport,
)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class FundingLineInline(admin.TabularInline):
    model = FundingLine
    extra = 0
    autocomplete_fields = ["programme"]


class MeasureActorInline(admin.TabularInline):
    model = MeasureActor
    extra = 0
    autocomplete_fields = ["actor"]


class ProgressReportInline(admin.TabularInline):
    model = ProgressReport
    extra = 0


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "action_field", "status", "priority", "is_published"]
    list_filter = ["status", "priority", "is_published", "action_field"]
    list_select_related = ["action_field"]
    search_fields = ["reference", "title", "summary"]
    filter_horizontal = ["goals", "principles"]
    inlines = [MeasureActorInline, MilestoneInline, FundingLineInline, ProgressReportInline]


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "funding_rate", "application_deadline"]
    list_filter = ["level"]
    search_fields = ["name"]
