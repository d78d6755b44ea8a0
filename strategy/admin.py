from django.contrib import admin

from strategy.models import ActionField, Goal, GuidingPrinciple, Organisation


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
    list_display = ["title", "action_field", "organisation", "order"]
    list_filter = ["action_field", "organisation"]
    list_select_related = ["action_field"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "short_name", "parent", "order"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
