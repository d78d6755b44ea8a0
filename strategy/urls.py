from strategy import forms, views
from strategy.indicators.urls import urlpatterns as indicator_urls
from strategy.models import ActionField, Goal, GuidingPrinciple
from strategy.staff.urls import crud_urls

app_name = "strategy"

urlpatterns = [
    *crud_urls(
        "leitlinien",
        "principle",
        model=GuidingPrinciple,
        form_class=forms.GuidingPrincipleForm,
        list_view=views.PrincipleList,
        detail_view=views.PrincipleDetail,
        movable=True,
    ),
    *crud_urls(
        "handlungsfelder",
        "field",
        model=ActionField,
        form_class=forms.ActionFieldForm,
        list_view=views.FieldList,
        detail_view=views.FieldDetail,
        movable=True,
    ),
    *crud_urls(
        "ziele",
        "goal",
        model=Goal,
        form_class=forms.GoalForm,
        list_view=views.GoalList,
        detail_view=views.GoalDetail,
        create_view=views.GoalCreate,
        movable=True,
    ),
    *indicator_urls,
]
