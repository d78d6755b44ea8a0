from django.urls import path

from agenda.council import views

app_name = "council"

urlpatterns = [
    path(
        "intern/massnahmen/<int:pk>/beschluesse/neu/",
        views.DecisionEdit.as_view(),
        name="measure-decision-create",
    ),
    path(
        "intern/massnahmen/<int:pk>/beschluesse/ratsinfo/",
        views.PaperLink.as_view(),
        name="measure-decision-link",
    ),
    path(
        "intern/beschluesse/<int:decision>/bearbeiten/",
        views.DecisionEdit.as_view(),
        name="decision-update",
    ),
    path(
        "intern/beschluesse/<int:decision>/loeschen/",
        views.DecisionDelete.as_view(),
        name="decision-delete",
    ),
]
