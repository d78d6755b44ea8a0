from django.urls import path

from agenda.editions import views as editions

app_name = "editions"

urlpatterns = [
    path("intern/fassungen/", editions.EditionList.as_view(), name="edition-list"),
    path("intern/fassungen/neu/", editions.EditionCreate.as_view(), name="edition-create"),
    path("intern/fassungen/vergleich/", editions.Compare.as_view(), name="compare"),
    path("intern/fassungen/<int:pk>/", editions.EditionDetail.as_view(), name="edition-detail"),
    path(
        "intern/fassungen/<int:pk>/bearbeiten/",
        editions.EditionUpdate.as_view(),
        name="edition-update",
    ),
    path(
        "intern/fassungen/<int:pk>/bericht/",
        editions.ReportCreate.as_view(),
        name="edition-report-create",
    ),
    path("intern/berichte/neu/", editions.ReportCreate.as_view(), name="report-create"),
    path("intern/berichte/<int:pk>/", editions.ReportDetail.as_view(), name="report-detail"),
    path("intern/berichte/<int:pk>/stand/", editions.ReportStatus.as_view(), name="report-status"),
    path("intern/berichte/<int:pk>/erneut/", editions.ReportRetry.as_view(), name="report-retry"),
    path("intern/berichte/<int:pk>/pdf/", editions.ReportPdf.as_view(), name="report-pdf"),
    path("intern/profil/", editions.SiteProfileEdit.as_view(), name="site-profile"),
    path("agenda/fassungen/", editions.adopted_editions, name="adopted-list"),
    path("agenda/fassungen/<int:pk>/pdf/", editions.adopted_pdf, name="adopted-pdf"),
]
