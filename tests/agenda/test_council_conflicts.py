"""Two staff editing the same council decision: the first save wins, the second is refused
with the conflict message next to the form, keeps what was typed and stores nothing."""

import pytest
from django.urls import reverse

from agenda.council.models import Decision
from tests.factories import DecisionFactory

pytestmark = pytest.mark.django_db


def form_data(response, **changes):
    form = response.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    return data | changes


def test_the_second_of_two_decision_saves_is_refused_and_keeps_its_input(editor_client):
    decision = DecisionFactory(result="pending")
    url = reverse("council:decision-update", args=[decision.pk])
    first, second = editor_client.get(url), editor_client.get(url)
    assert editor_client.post(url, form_data(first, result="adopted")).status_code == 302
    response = editor_client.post(url, form_data(second, paper_title="Geänderter Titel"))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Dieser Beschluss wurde von jemand anderem geändert" in page
    assert 'value="Geänderter Titel"' in page
    decision.refresh_from_db()
    assert decision.result == "adopted"
    assert decision.paper_title != "Geänderter Titel"
    # Saving again knowingly replaces the colleague's change.
    assert editor_client.post(url, form_data(response)).status_code == 302
    decision.refresh_from_db()
    assert decision.paper_title == "Geänderter Titel"
    assert decision.result == "pending"


def test_a_decision_save_on_an_unchanged_decision_goes_through(editor_client):
    decision = DecisionFactory()
    url = reverse("council:decision-update", args=[decision.pk])
    response = editor_client.post(url, form_data(editor_client.get(url), paper_title="Neu"))
    assert response.status_code == 302
    assert Decision.objects.get(pk=decision.pk).paper_title == "Neu"
