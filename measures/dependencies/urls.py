from django.urls import path

from measures.dependencies import views

urlpatterns = [
    path(
        "massnahmen/<int:pk>/abhaengigkeiten/neu/",
        views.DependencyCreate.as_view(),
        name="measure-dependency-create",
    ),
    path(
        "abhaengigkeiten/<int:pk>/loeschen/",
        views.DependencyDelete.as_view(),
        name="dependency-delete",
    ),
]
