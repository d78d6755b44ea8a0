from django.urls import path

from measures import views
from strategy.staff import crud_urls

app_name = "measures"

urlpatterns = [
    path("massnahmen/", views.MeasureList.as_view(), name="measure-list"),
    path("massnahmen/neu/", views.MeasureFormView.as_view(), name="measure-create"),
    path("massnahmen/<int:pk>/", views.MeasureDetail.as_view(), name="measure-detail"),
    path("massnahmen/<int:pk>/bearbeiten/", views.MeasureFormView.as_view(), name="measure-update"),
    path("massnahmen/<int:pk>/loeschen/", views.MeasureDelete.as_view(), name="measure-delete"),
    path(
        "massnahmen/<int:pk>/sachstand/neu/",
        views.ProgressReportCreate.as_view(),
        name="progress-create",
    ),
    *crud_urls(
        "akteure",
        "actor",
        views.ActorList,
        views.ActorDetail,
        views.ActorCreate,
        views.ActorUpdate,
        views.ActorDelete,
    ),
    *crud_urls(
        "foerderprogramme",
        "programme",
        views.ProgrammeList,
        views.ProgrammeDetail,
        views.ProgrammeCreate,
        views.ProgrammeUpdate,
        views.ProgrammeDelete,
    ),
]
