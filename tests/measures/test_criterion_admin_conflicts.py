"""The admin's criterion page refuses a save based on a criterion changed meanwhile, like
the measure's admin page (measures/admin.py)."""

import pytest
from django.urls import reverse

from measures.priorities.models import Criterion

pytestmark = pytest.mark.django_db


def test_the_admin_refuses_a_criterion_changed_since_the_page_was_loaded(admin_client):
    criterion = Criterion.objects.order_by("pk").first()
    url = reverse("admin:measures_criterion_change", args=[criterion.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        "name": "Nutzen",
        "description": "",
        "weight": 2,
        "scale": criterion.scale,
        "source": criterion.source,
        "axis": criterion.axis,
        "order": criterion.order,
        "loaded": form["loaded"].value(),
    }
    Criterion.objects.filter(pk=criterion.pk).update(weight=9)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "von jemand anderem geändert" in response.content.decode()
    assert Criterion.objects.get(pk=criterion.pk).name == criterion.name
    data["loaded"] = response.context["adminform"].form["loaded"].value()
    assert admin_client.post(url, data).status_code == 302
    assert Criterion.objects.get(pk=criterion.pk).name == "Nutzen"
