"""Staff forms refuse text that has no visible character and keep the rest of the input."""

import pytest
from django.urls import reverse

from measures.models import Actor
from strategy.models import ActionField, Goal, GuidingPrinciple
from tests.factories import ActionFieldFactory

INVISIBLE = {
    "zero-width": "\u200b\u200c\u200d\u2060\ufeff",
    "bidi controls": "\u202e\u202d\u2066\u2067\u2068\u2069\u200f",
    "combining marks only": "\u0301\u0336\u0301",
    "blank lookalikes": "\u3164\u2800\u115f",
    "control characters": "\x07\x1b",
}
MESSAGE = "Bitte geben Sie sichtbaren Text ein"


def post_principle(client, title):
    return client.post(
        reverse("strategy:principle-create"), {"title": title, "text": "Wir machen mit."}
    )


@pytest.mark.parametrize("title", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_a_principle_title_without_a_visible_character_is_refused(editor_client, title):
    response = post_principle(editor_client, title)
    assert response.status_code == 200
    assert MESSAGE in response.context["form"].errors["title"][0]
    assert "Wir machen mit." in response.content.decode()
    assert GuidingPrinciple.objects.count() == 0


def test_a_title_with_invisible_characters_around_visible_text_is_kept(editor_client):
    response = post_principle(editor_client, "\u200bDigital\u00a0für alle\u2069")
    assert response.status_code == 302
    assert GuidingPrinciple.objects.get().title == "\u200bDigital\u00a0für alle\u2069"


def test_field_goal_and_actor_forms_refuse_invisible_titles(editor_client):
    field = ActionFieldFactory()
    invisible = INVISIBLE["zero-width"]
    posts = [
        ("strategy:field-create", {"code": "7", "title": invisible, "perspective": "external"}),
        ("strategy:goal-create", {"action_field": field.pk, "title": invisible}),
        ("measures:actor-create", {"name": invisible, "kind": "administration"}),
    ]
    for url, data in posts:
        response = editor_client.post(reverse(url), data)
        form = response.context["form"]
        name = "name" if "name" in data else "title"
        assert MESSAGE in form.errors[name][0], url
    assert ActionField.objects.count() == 1
    assert Goal.objects.count() == 0
    assert Actor.objects.count() == 0


@pytest.mark.django_db
def test_the_measure_form_refuses_an_invisible_title():
    from measures.forms import MeasureForm

    form = MeasureForm(data={"title": INVISIBLE["bidi controls"]})
    assert not form.is_valid()
    assert MESSAGE in form.errors["title"][0]
