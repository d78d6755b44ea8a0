# Exports and imports of measures and indicator values under /intern/export/.
from django.urls import path

from agenda.transfer import exports
from agenda.transfer.views import (
    IndicatorValuesExport,
    IndicatorValuesImport,
    MeasureExport,
    MeasureImport,
)

app_name = "exports"

urlpatterns = [
    path(
        "massnahmen.csv",
        MeasureExport.as_view(renderer=exports.render_csv),
        name="measures-csv",
    ),
    path(
        "massnahmen.xlsx",
        MeasureExport.as_view(renderer=exports.render_xlsx),
        name="measures-xlsx",
    ),
    path(
        "massnahmen.json",
        MeasureExport.as_view(renderer=exports.render_json),
        name="measures-json",
    ),
    path("import/", MeasureImport.as_view(), name="import"),
    path("kennzahlen.xlsx", IndicatorValuesExport.as_view(), name="indicators-xlsx"),
    path("kennzahlen/import/", IndicatorValuesImport.as_view(), name="indicators-import"),
]
