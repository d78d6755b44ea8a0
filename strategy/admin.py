from django.contrib import admin

from strategy.models import ActionField, Goal, GuidingPrinciple


@admin.register(GuidingPrinciple)
class GuidingPrincipleAdmin(admin.ModelAdmin):
    list_display = ["order", "title"]
    list_display_links = ["title"]


@admin.register(ActionField)
class ActionFieldAdmin(admin.ModelAdmin):
    list_display = ["order", "code", "title", "perspective"]
    list_display_links = ["title"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["title", "action_field", "order"]
    list_filter = ["action_field"]
    list_select_related = ["action_field"]
