import altcha
import pytest
from django.urls import reverse

from participation.models import Idea


def solve_captcha(client):
    """What the widget does in the browser: fetch a challenge and solve it."""
    challenge = altcha.Challenge.from_dict(client.get(reverse("participation:captcha")).json())
    solution = altcha.solve_challenge(challenge)
    return altcha.Payload(challenge, solution).to_base64()


def idea_data(client, **overrides):
    data = {
        "kind": Idea.Kind.IDEA,
        "title": "Freies WLAN im Bürgerbüro",
        "description": "Im Wartebereich gibt es kein Netz.",
        "place": "Wilster",
        "altcha": solve_captcha(client),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def submit(client, django_capture_on_commit_callbacks):
    """Post the public form as a browser would; mails queued on commit are sent."""

    def post(**overrides):
        data = idea_data(client, **overrides)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("participation:idea-create"), data)

    return post
