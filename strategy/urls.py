from strategy import views
from strategy.staff import crud_urls as crud

app_name = "strategy"


urlpatterns = [
    *crud(
        "leitlinien",
        "principle",
        views.PrincipleList,
        views.PrincipleDetail,
        views.PrincipleCreate,
        views.PrincipleUpdate,
        views.PrincipleDelete,
        views.PrincipleMove,
    ),
    *crud(
        "handlungsfelder",
        "field",
        views.FieldList,
        views.FieldDetail,
        views.FieldCreate,
        views.FieldUpdate,
        views.FieldDelete,
        views.FieldMove,
    ),
    *crud(
        "ziele",
        "goal",
        views.GoalList,
        views.GoalDetail,
        views.GoalCreate,
        views.GoalUpdate,
        views.GoalDelete,
        views.GoalMove,
    ),
]
