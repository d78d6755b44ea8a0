"""The administration's pages for criteria and dependencies (issue 13)."""

import pytest
from django.urls import reverse

from measures.dependencies.models import Dependency
from measures.priorities.models import Criterion
from tests.factories import DependencyFactory, MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.org", "x"))
    return client


def test_the_administration_lists_and_opens_criteria_and_dependencies(superuser_client):
    link = DependencyFactory()
    for url in [
        reverse("admin:measures_criterion_changelist"),
        reverse("admin:measures_criterion_change", args=[Criterion.objects.first().pk]),
        reverse("admin:measures_dependency_changelist"),
        reverse("admin:measures_dependency_change", args=[link.pk]),
    ]:
        assert superuser_client.get(url).status_code == 200, url


def test_the_admin_refuses_a_cycle_with_the_message_next_to_the_field(superuser_client):
    first, second = MeasureFactory(reference="4.2-1"), MeasureFactory(reference="4.3-2")
    DependencyFactory(prerequisite=first, dependant=second)
    response = superuser_client.post(
        reverse("admin:measures_dependency_add"),
        {"prerequisite": second.pk, "dependant": first.pk, "kind": "finish_to_start", "note": ""},
    )
    assert response.status_code == 200
    assert "hängt bereits" in response.content.decode()
    assert Dependency.objects.count() == 1
