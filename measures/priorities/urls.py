from django.urls import path

from measures.priorities import views

urlpatterns = [
    path("prioritaeten/", views.RankedList.as_view(), name="priority-list"),
    path("prioritaeten/kriterien/", views.CriteriaEdit.as_view(), name="priority-criteria"),
    path("prioritaeten/massnahmen/<int:pk>/", views.ScoreEdit.as_view(), name="priority-score"),
    path("prioritaeten/prioritaet-setzen/", views.SetPriority.as_view(), name="priority-set"),
]
