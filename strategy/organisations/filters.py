"""The public choice of one organisation, `?organisation=<slug>`, for every list that offers it."""

import django_filters
from django.utils.translation import gettext_lazy as _

from strategy.organisations.models import Organisation

LABEL = _("Organisation")
EMPTY_LABEL = _("All organisations")


def in_tree_order():
    return Organisation.objects.order_by("parent_id", "order", "name")


def organisation_filter(method):
    """A filter by slug; the filter set removes it again while there is one organisation."""
    return django_filters.ModelChoiceFilter(
        queryset=in_tree_order(),
        to_field_name="slug",
        method=method,
        label=LABEL,
        empty_label=EMPTY_LABEL,
    )


def drop_unless_several(filterset):
    if not Organisation.objects.several():
        del filterset.filters["organisation"]
