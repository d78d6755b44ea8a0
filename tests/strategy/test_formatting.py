from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from strategy.formatting import euro, number


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def test_money_is_grouped_without_cents_unless_asked():
    assert euro(Decimal("12500.40")) == "12.500\u00a0€"
    assert euro(Decimal("12500.40"), 2) == "12.500,40\u00a0€"


def test_numbers_use_german_separators():
    assert number(1234.5, 1) == "1.234,5"


def test_no_value_is_a_dash():
    assert euro(None) == number("") == "–"


def test_templates_get_the_same_filters():
    rendered = Template("{% load agenda %}{{ v|euro }} {{ v|number:1 }}").render(
        Context({"v": Decimal("2000")})
    )
    assert rendered == "2.000\u00a0€ 2.000,0"
