"""Staff URLs of indicators under /intern/kennzahlen/ (included by strategy/urls.py)."""

from django.urls import path

from strategy.indicators import forms, views
from strategy.models import Indicator
from strategy.staff.urls import crud_urls

urlpatterns = [
    *crud_urls(
        "kennzahlen",
        "indicator",
        model=Indicator,
        form_class=forms.IndicatorForm,
        list_view=views.IndicatorList,
        detail_view=views.IndicatorDetail,
        create_view=views.IndicatorCreate,
    ),
    path(
        "kennzahlen/<int:pk>/werte/neu/", views.ValueCreate.as_view(), name="indicator-value-create"
    ),
    path(
        "kennzahlen/werte/<int:pk>/bearbeiten/",
        views.ValueUpdate.as_view(),
        name="indicator-value-update",
    ),
    path(
        "kennzahlen/werte/<int:pk>/loeschen/",
        views.ValueDelete.as_view(),
        name="indicator-value-delete",
    ),
]
