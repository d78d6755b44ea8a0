from django.urls import include, path

from measures import forms, views
from measures.models import Actor, FundingProgramme, Measure
from strategy.staff.urls import crud_urls
from strategy.staff.views import StaffDeleteView

app_name = "measures"

urlpatterns = [
    path("", include("measures.priorities.urls")),
    path("massnahmen/", views.MeasureList.as_view(), name="measure-list"),
    path("massnahmen/neu/", views.MeasureFormView.as_view(), name="measure-create"),
    path("massnahmen/<int:pk>/", views.MeasureDetail.as_view(), name="measure-detail"),
    path("massnahmen/<int:pk>/bearbeiten/", views.MeasureFormView.as_view(), name="measure-update"),
    path(
        "massnahmen/<int:pk>/loeschen/",
        StaffDeleteView.as_view(model=Measure, success_list="measures:measure-list"),
        name="measure-delete",
    ),
    path(
        "massnahmen/<int:pk>/sachstand/neu/",
        views.ProgressReportCreate.as_view(),
        name="progress-create",
    ),
    path("massnahmen/<int:pk>/ampel/", views.LightOverride.as_view(), name="light-override"),
    path(
        "sachstaende/freigabe/",
        views.ProgressReleaseList.as_view(),
        name="progress-release-list",
    ),
    path("", include("measures.dependencies.urls")),
    *crud_urls(
        "akteure",
        "actor",
        model=Actor,
        form_class=forms.ActorForm,
        list_view=views.ActorList,
        detail_view=views.ActorDetail,
    ),
    *crud_urls(
        "foerderprogramme",
        "programme",
        model=FundingProgramme,
        form_class=forms.FundingProgrammeForm,
        list_view=views.ProgrammeList,
        detail_view=views.ProgrammeDetail,
        create_view=views.ProgrammeFormView,
        update_view=views.ProgrammeFormView,
    ),
]
