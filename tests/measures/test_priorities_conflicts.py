"""Two staff on the same score form or criteria page: the first save wins, the second is
refused with the conflict message, keeps what was typed and stores nothing."""

import pytest
from django.urls import reverse

from measures.priorities.models import Criterion, Score
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def loaded(response):
    return response.context["loaded"]


def score_url(measure):
    return reverse("measures:priority-score", args=[measure.pk])


def test_the_second_of_two_score_saves_is_refused_and_keeps_its_input(editor_client):
    measure = MeasureFactory()
    impact = Criterion.objects.get(axis="impact")
    first = loaded(editor_client.get(score_url(measure)))
    second = loaded(editor_client.get(score_url(measure)))
    response = editor_client.post(score_url(measure), {f"c{impact.pk}-value": "3", "loaded": first})
    assert response.status_code == 302
    response = editor_client.post(
        score_url(measure),
        {f"c{impact.pk}-value": "1", f"c{impact.pk}-reason": "Kaum Wirkung", "loaded": second},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "wurde von jemand anderem geändert" in page
    assert "Kaum Wirkung" in page
    assert Score.objects.get(measure=measure).value == 3
    assert not Score.objects.filter(reason="Kaum Wirkung").exists()
    # Saving again knowingly replaces the colleague's scores.
    response = editor_client.post(
        score_url(measure), {f"c{impact.pk}-value": "1", "loaded": loaded(response)}
    )
    assert response.status_code == 302
    assert Score.objects.get(measure=measure).value == 1


def test_a_score_save_on_unchanged_scores_goes_through(editor_client):
    measure = MeasureFactory()
    impact = Criterion.objects.get(axis="impact")
    editor_client.post(score_url(measure), {f"c{impact.pk}-value": "2"})
    response = editor_client.post(
        score_url(measure),
        {f"c{impact.pk}-value": "3", "loaded": loaded(editor_client.get(score_url(measure)))},
    )
    assert response.status_code == 302
    assert Score.objects.get(measure=measure).value == 3


def criteria_data(response, **changes):
    criteria = list(Criterion.objects.order_by("order", "id"))
    data = {
        "form-TOTAL_FORMS": len(criteria),
        "form-INITIAL_FORMS": len(criteria),
        "loaded": loaded(response),
    }
    for i, c in enumerate(criteria):
        data |= {
            f"form-{i}-id": c.pk,
            f"form-{i}-name": c.name,
            f"form-{i}-weight": c.weight,
            f"form-{i}-scale": c.scale,
        }
    return data | changes


def test_the_second_of_two_criteria_saves_is_refused_and_keeps_its_input(editor_client):
    url = reverse("measures:priority-criteria")
    first, second = editor_client.get(url), editor_client.get(url)
    assert (
        editor_client.post(url, criteria_data(first, **{"form-0-weight": "7"})).status_code == 302
    )
    response = editor_client.post(url, criteria_data(second, **{"form-0-name": "Nutzen"}))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Die Kriterien wurden von jemand anderem geändert" in page
    assert 'value="Nutzen"' in page
    assert not Criterion.objects.filter(name="Nutzen").exists()
    assert Criterion.objects.order_by("order", "id").first().weight == 7


def test_a_criteria_save_on_unchanged_criteria_goes_through(editor_client):
    url = reverse("measures:priority-criteria")
    response = editor_client.post(
        url, criteria_data(editor_client.get(url), **{"form-0-weight": "4"})
    )
    assert response.status_code == 302
    assert Criterion.objects.order_by("order", "id").first().weight == 4
