"""The public list of answered ideas, retention and the privacy notice."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from agenda.models import LegalPage
from participation.models import Idea, UsedChallenge
from tests.factories import ActionFieldFactory, IdeaFactory, MeasureFactory, answered_idea

pytestmark = pytest.mark.django_db


def test_only_answered_visible_ideas_are_listed(client):
    answered_idea(title="Beantwortet")
    answered_idea(title="Versteckt", is_hidden=True)
    IdeaFactory(title="Noch offen")
    IdeaFactory(title="In Prüfung", state=Idea.State.IN_REVIEW)
    page = client.get(reverse("participation:idea-list")).content.decode()
    assert "Beantwortet" in page
    assert "Versteckt" not in page
    assert "Noch offen" not in page
    assert "In Prüfung" not in page
    assert client.get(IdeaFactory().get_public_url()).status_code == 404


def test_names_only_with_consent_and_never_an_email(client):
    answered_idea(name="Anna Alt", publish_name=True, email="anna@example.org")
    answered_idea(name="Bernd Bang", publish_name=False, email="bernd@example.org")
    page = client.get(reverse("participation:idea-list")).content.decode()
    assert "Anna Alt" in page
    assert "Bernd Bang" not in page
    assert "@example.org" not in page


def test_the_list_filters_by_field_kind_and_state(client):
    field = ActionFieldFactory()
    wanted = answered_idea(title="Gesucht", action_field=field, kind=Idea.Kind.HINT)
    answered_idea(title="Anderes Feld", kind=Idea.Kind.HINT)
    answered_idea(title="Abgelehnt", action_field=field, state=Idea.State.REJECTED)
    response = client.get(
        reverse("participation:idea-list"),
        {"action_field": field.pk, "kind": "hint", "state": "accepted"},
    )
    assert list(response.context["object_list"]) == [wanted]


@pytest.mark.parametrize("rows", [2, 40])
def test_the_public_list_needs_the_same_queries_for_2_or_40_ideas(
    client, django_assert_max_num_queries, rows
):
    field = ActionFieldFactory()
    for _ in range(rows):
        answered_idea(action_field=field, state=Idea.State.PROMOTED, measure=MeasureFactory())
    with django_assert_max_num_queries(8):
        response = client.get(reverse("participation:idea-list"))
    assert response.status_code == 200


# --- retention ------------------------------------------------------------------------


def test_retention_erases_names_and_addresses_but_keeps_the_content(settings):
    settings.PARTICIPATION_RETENTION_DAYS = 365
    now = timezone.now()
    old = answered_idea(
        title="Alt",
        name="Anna",
        email="anna@example.org",
        consent_processing=True,
        email_confirmed_at=now,
        answered_at=now - datetime.timedelta(days=400),
    )
    recent = answered_idea(
        name="Bernd", email="b@example.org", answered_at=now - datetime.timedelta(days=30)
    )
    open_idea = IdeaFactory(name="Clara")
    UsedChallenge.objects.create(signature="alt", expires_at=now - datetime.timedelta(hours=1))
    call_command("apply_retention")
    old.refresh_from_db()
    recent.refresh_from_db()
    open_idea.refresh_from_db()
    assert (old.name, old.email, old.title) == ("", "", "Alt")
    assert old.personal_data_erased_at is not None
    assert recent.name == "Bernd"
    assert open_idea.name == "Clara"
    assert not UsedChallenge.objects.exists()


def test_unconfirmed_addresses_are_dropped_after_the_confirmation_period(settings):
    idea = IdeaFactory(email="x@example.org", consent_processing=True)
    Idea.objects.filter(pk=idea.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=settings.PARTICIPATION_CONFIRM_DAYS + 1)
    )
    call_command("apply_retention")
    idea.refresh_from_db()
    assert idea.email == ""


def test_a_dry_run_erases_nothing(capsys):
    idea = answered_idea(name="Anna", answered_at=timezone.now() - datetime.timedelta(days=999))
    call_command("apply_retention", "--dry-run")
    idea.refresh_from_db()
    assert idea.name == "Anna"
    assert "would erase" in capsys.readouterr().out


# --- legal pages ----------------------------------------------------------------------


def test_the_privacy_notice_states_the_retention_period(client, settings):
    settings.PARTICIPATION_RETENTION_DAYS = 400
    page = client.get(reverse("legal-page", args=["datenschutz"])).content.decode()
    assert "400" in page
    assert "<h2>" in page


def test_staff_edit_the_privacy_notice_and_markup_stays_escaped(editor_client):
    url = reverse("legal-page-edit", args=["datenschutz"])
    # The editor starts from the default text.
    assert "## " in editor_client.get(url).context["form"]["body"].value()
    body = (
        "## Verantwortlich\n\nLandkreis Muster\n<script>alert(1)</script>"
        "\n\n- Punkt eins\n- Punkt zwei"
    )
    assert editor_client.post(url, {"body": body}).status_code == 302
    assert LegalPage.objects.get(slug="datenschutz").body.startswith("## Verantwortlich")
    page = editor_client.get(reverse("legal-page", args=["datenschutz"])).content.decode()
    assert "<h2>Verantwortlich</h2>" in page
    assert "<li>Punkt eins</li>" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_an_unknown_legal_page_is_a_404(client):
    assert client.get("/rechtliches/").status_code == 404
