"""The filter forms' fast field markup is crispy's markup, field by field."""

import re

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django.http import QueryDict

from agenda.public.filters import PublicMeasureFilter
from measures.filters import MeasureFilter
from strategy.templatetags.filter_fields import filter_field
from tests.factories import GoalFactory, GuidingPrincipleFactory

pytestmark = pytest.mark.django_db


def tidy(html):
    return re.sub(r">\s+<", "><", str(html).strip())


def forms_of(filterset, query):
    # Each way of rendering gets its own form: both add classes to the widgets.
    return filterset(QueryDict(query)).form, filterset(QueryDict(query)).form


@pytest.mark.parametrize("filterset", [PublicMeasureFilter, MeasureFilter])
@pytest.mark.parametrize("query", ["", "q=Glasfaser&status=planned", "year_from=x&goal=999999"])
def test_every_field_is_rendered_as_crispy_renders_it(filterset, query):
    GoalFactory(title="Schulen <anbinden>")
    GuidingPrincipleFactory()
    crispy, fast = forms_of(filterset, query)
    crispy.is_valid(), fast.is_valid()
    for name in crispy.fields:
        assert tidy(filter_field(fast[name])) == tidy(as_crispy_field(crispy[name])), name
