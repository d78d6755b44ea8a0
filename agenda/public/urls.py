from django.urls import path, re_path

from agenda.public import charts as public_charts
from agenda.public import indicators as public_indicators
from agenda.public import organisations as public_organisations
from agenda.public import views as public

# The public agenda under /agenda/.
app_name = "public"

# A measure's reference ("5.1-3", "A/2") or its number for old links; never control characters
# (a NUL byte is an error on PostgreSQL, not a miss).
REFERENCE = r"(?P<key>[^\x00-\x1f\x7f]{1,40}?)"

urlpatterns = [
    path("", public.overview, name="overview"),
    path("ampel/", public.light_rule, name="light-rule"),
    path("zeitplan-und-budget/", public_charts.figures, name="figures"),
    path("handlungsfelder/<slug:slug>/", public.field_detail, name="field-detail"),
    path(
        "handlungsfelder/<slug:slug>/zeitplan/",
        public_charts.field_figures,
        name="field-figures",
    ),
    path("massnahmen/", public.MeasureList.as_view(), name="measure-list"),
    re_path(rf"^massnahmen/{REFERENCE}/$", public.measure_detail, name="measure-detail"),
    path("koerperschaften/", public_organisations.organisation_list, name="organisation-list"),
    path(
        "koerperschaften/<slug:slug>/",
        public_organisations.organisation_detail,
        name="organisation-detail",
    ),
    path("daten.json", public.open_data, name="open-data"),
    path("kennzahlen/<int:pk>/", public_indicators.indicator_detail, name="indicator-detail"),
]
