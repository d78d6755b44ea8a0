"""Staff pages offer edit, delete, move and similar buttons only for what the user may change.

Member A's Redaktion and the root's see them on A's objects; member B's Redaktion does not.
Shared things (principles, fields, catalogues, goals of everyone) are the root's to change.
"""

import pytest
from django.urls import reverse

from tests.agenda.test_federation_permissions import world  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def shown_to(client, world, url, links):  # noqa: F811 - the fixture's name
    """For each user: are all of `links` on the page (True), none (False)? Mixed fails."""
    result = {}
    for name in ("a_editor", "b_editor", "root"):
        content = page(client, world["users"][name], url)
        present = [f'"{link}"' in content for link in links]
        assert all(present) or not any(present), (name, url, dict(zip(links, present, strict=True)))
        result[name] = all(present)
    return result


MEMBER_A_ONLY = {"a_editor": True, "b_editor": False, "root": True}
ROOT_ONLY = {"a_editor": False, "b_editor": False, "root": True}


def test_a_members_measure_offers_its_buttons_to_that_member_and_the_root(client, world):  # noqa: F811
    for target in ("A", "joint"):
        measure = world["measures"][target]
        links = [
            reverse(name, args=[measure.pk])
            for name in (
                "measures:measure-update",
                "measures:measure-delete",
                "measures:progress-create",
                "measures:light-override",
            )
        ]
        assert shown_to(client, world, measure.get_absolute_url(), links) == MEMBER_A_ONLY


def test_a_members_goal_offers_its_buttons_to_that_member_and_the_root(client, world):  # noqa: F811
    goal = world["goals"]["A"]
    links = [
        reverse("strategy:goal-update", args=[goal.pk]),
        reverse("strategy:goal-delete", args=[goal.pk]),
        f"{reverse('strategy:indicator-create')}?goal={goal.pk}",
    ]
    assert shown_to(client, world, goal.get_absolute_url(), links) == MEMBER_A_ONLY
    move = [reverse("strategy:goal-move", args=[goal.pk])]
    assert shown_to(client, world, reverse("strategy:goal-list"), move) == MEMBER_A_ONLY


def test_shared_goals_and_strategy_offer_buttons_to_the_root_only(client, world):  # noqa: F811
    goal, principle, field = world["goals"]["shared"], world["principle"], world["field"]
    cases = {
        goal.get_absolute_url(): [
            reverse("strategy:goal-update", args=[goal.pk]),
            reverse("strategy:goal-delete", args=[goal.pk]),
        ],
        reverse("strategy:goal-list"): [reverse("strategy:goal-move", args=[goal.pk])],
        principle.get_absolute_url(): [
            reverse("strategy:principle-update", args=[principle.pk]),
            reverse("strategy:principle-delete", args=[principle.pk]),
        ],
        reverse("strategy:principle-list"): [
            reverse("strategy:principle-create"),
            reverse("strategy:principle-move", args=[principle.pk]),
        ],
        field.get_absolute_url(): [reverse("strategy:field-update", args=[field.pk])],
        reverse("strategy:field-list"): [reverse("strategy:field-move", args=[field.pk])],
        world["actor"].get_absolute_url(): [
            reverse("measures:actor-update", args=[world["actor"].pk])
        ],
        world["programme"].get_absolute_url(): [
            reverse("measures:programme-update", args=[world["programme"].pk])
        ],
        reverse("legal-page", args=["impressum"]): [reverse("legal-page-edit", args=["impressum"])],
    }
    for url, links in cases.items():
        assert shown_to(client, world, url, links) == ROOT_ONLY, url


def test_a_members_indicator_offers_values_to_that_member_only(client, world):  # noqa: F811
    indicator, value = world["indicators"]["A"], world["values"]["A"]
    links = [
        reverse("strategy:indicator-update", args=[indicator.pk]),
        reverse("strategy:indicator-delete", args=[indicator.pk]),
        reverse("strategy:indicator-value-create", args=[indicator.pk]),
        reverse("strategy:indicator-value-update", args=[value.pk]),
    ]
    assert shown_to(client, world, indicator.get_absolute_url(), links) == MEMBER_A_ONLY
    # Its Fachbereich, responsible for it, enters values too; B's Fachbereich does not.
    content = page(client, world["users"]["a_department"], indicator.get_absolute_url())
    assert reverse("strategy:indicator-value-create", args=[indicator.pk]) in content
    content = page(client, world["users"]["b_department"], indicator.get_absolute_url())
    assert reverse("strategy:indicator-value-create", args=[indicator.pk]) not in content


def test_members_still_add_goals_and_indicators_of_their_own(client, world):  # noqa: F811
    goals = reverse("strategy:goal-list")
    assert shown_to(client, world, goals, [reverse("strategy:goal-create")]) == {
        "a_editor": True,
        "b_editor": True,
        "root": True,
    }
    field = world["goals"]["A"].action_field
    content = page(client, world["users"]["b_editor"], field.get_absolute_url())
    assert f"{reverse('strategy:goal-create')}?action_field={field.pk}" in content


def test_every_members_redaktion_may_add_to_the_shared_catalogues(client, world):  # noqa: F811
    everyone = {"a_editor": True, "b_editor": True, "root": True}
    for name in ("actor", "programme"):
        links = [reverse(f"measures:{name}-create")]
        assert shown_to(client, world, reverse(f"measures:{name}-list"), links) == everyone


def test_the_navigation_offers_the_federations_own_pages_to_the_root_only(client, world):  # noqa: F811
    """The site profile and the privacy notice are the root's: a member's Redaktion would only
    have met a 403 behind them."""
    links = [reverse("editions:site-profile"), reverse("legal-page-edit", args=["datenschutz"])]
    assert shown_to(client, world, reverse("dashboard"), links) == ROOT_ONLY


def test_without_organisations_the_navigation_offers_them_as_before(editor_client):
    content = editor_client.get(reverse("dashboard")).content.decode()
    assert f'"{reverse("editions:site-profile")}"' in content
