"""Scores published with the answer to an idea that became a measure."""

import pytest
from django.urls import reverse

from measures.priorities.models import PriorityPublication
from participation.models import Idea
from tests.factories import IdeaFactory, MeasureFactory, score_measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def promoted():
    measure = score_measure(
        MeasureFactory(reference="4.2-1"), {"Wirkung auf die Ziele": 3, "Dringlichkeit": 2}
    )
    return IdeaFactory(
        measure=measure,
        state=Idea.State.PROMOTED,
        public_answer="Wird umgesetzt.",
    )


def test_the_status_page_shows_no_scores_until_they_are_published(client, promoted):
    page = client.get(promoted.get_status_url()).content.decode()
    assert "Begründung Dringlichkeit" not in page
    PriorityPublication.objects.create(measure=promoted.measure)
    page = client.get(promoted.get_status_url()).content.decode()
    assert "Begründung Dringlichkeit" in page
    assert "Platz 1 von 1" in page or "Rank 1 of 1" in page


def test_staff_publish_the_scores_with_the_answer(editor_client, promoted):
    url = reverse("participation:idea-moderate", args=[promoted.pk])
    form = editor_client.get(url).context["form"]
    assert "publish_scores" in form.fields
    data = {k: v for k, v in form.initial.items() if v is not None and k != "publish_scores"}
    data |= {
        "state": Idea.State.PROMOTED,
        "public_answer": "Wird umgesetzt.",
        "publish_scores": "on",
    }
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert PriorityPublication.objects.filter(measure=promoted.measure).exists()
