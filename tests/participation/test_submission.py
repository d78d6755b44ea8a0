"""A citizen hands in an idea: receipt, status link, mails, and every defence."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from participation import captcha
from participation.models import Idea, MailLog
from tests.factories import ActionFieldFactory
from tests.participation.conftest import idea_data, solve_captcha

pytestmark = pytest.mark.django_db


def test_the_form_states_its_limits_before_they_are_hit(client):
    page = client.get(reverse("participation:idea-create")).content.decode()
    assert 'maxlength="200"' in page
    assert 'maxlength="5000"' in page
    assert reverse("legal-page", args=["datenschutz"]) in page
    assert "altcha-widget" in page
    # Nothing is loaded from another host.
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_a_citizen_hands_in_an_idea_and_gets_a_private_status_link(client, submit):
    field = ActionFieldFactory(title="Bildung")
    response = submit(action_field=field.pk)
    idea = Idea.objects.get()
    assert response.status_code == 302
    assert response["Location"] == idea.get_status_url()
    assert len(idea.token) >= 40
    assert idea.channel == Idea.Channel.ONLINE
    assert idea.state == Idea.State.NEW
    receipt = client.get(response["Location"]).content.decode()
    assert "Freies WLAN im Bürgerbüro" in receipt
    assert idea.get_status_url() in receipt
    assert 'name="robots" content="noindex' in receipt


def test_no_ip_address_is_stored_with_an_idea(client, submit):
    submit()
    idea = Idea.objects.values().get()
    assert not any("127.0.0.1" in str(value) for value in idea.values())


def test_with_an_email_only_the_confirmation_mail_goes_out_until_it_is_confirmed(client, submit):
    submit(email="anna@example.org", name="Anna Alt", consent_processing="on")
    idea = Idea.objects.get()
    assert idea.email_confirmed_at is None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert "anna@example.org" not in message.body  # the link names the address by a hash only
    link = re.search(r"http://[^\s]+/ideen/bestaetigen/[^\s]+/", message.body).group(0)
    path = link.split("8000", 1)[1] if "8000" in link else link

    # A mail scanner that follows the link confirms nothing.
    assert client.get(path).status_code == 200
    idea.refresh_from_db()
    assert idea.email_confirmed_at is None

    response = client.post(path)
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.email_confirmed_at is not None
    assert MailLog.objects.filter(idea=idea, kind="confirm").count() == 1


@pytest.mark.parametrize("forged", ["abc:def:ghi", "x" * 30 + "%00", "eyJ4Ijoi" * 3 + ":a:b"])
def test_a_forged_confirmation_link_is_refused(client, submit, forged):
    submit(email="anna@example.org", consent_processing="on")
    response = client.post(f"/ideen/bestaetigen/{forged}/")
    assert response.status_code in (400, 404)
    assert Idea.objects.get().email_confirmed_at is None


def test_a_confirmation_link_dies_with_the_address(client, submit):
    submit(email="anna@example.org", consent_processing="on")
    idea = Idea.objects.get()
    path = re.search(r"/ideen/bestaetigen/[^\s]+/", mail.outbox[0].body).group(0)
    client.post(reverse("participation:erase-my-data", args=[idea.token]))
    assert client.post(path).status_code == 400


def test_the_submitter_deletes_their_personal_data_and_the_idea_stays(client, submit):
    submit(email="anna@example.org", name="Anna Alt", consent_processing="on", publish_name="on")
    idea = Idea.objects.get()
    response = client.post(reverse("participation:erase-my-data", args=[idea.token]))
    assert response.status_code == 302
    idea.refresh_from_db()
    assert (idea.name, idea.email, idea.publish_name) == ("", "", False)
    assert idea.personal_data_erased_at is not None
    assert idea.title == "Freies WLAN im Bürgerbüro"
    # The history never held the address in the first place.
    assert "email" not in {f.name for f in idea.history.model._meta.fields}


@pytest.mark.parametrize("token", ["a", "x" * 43, "../../intern", "%00", "x" * 40 + "%00"])
def test_status_links_cannot_be_guessed(client, submit, token):
    submit()
    assert client.get(f"/ideen/status/{token}/").status_code == 404


def test_a_status_link_shows_only_its_own_idea(client, submit):
    submit(title="Erste Idee")
    submit(title="Zweite Idee")
    first, second = Idea.objects.order_by("pk")
    page = client.get(first.get_status_url()).content.decode()
    assert "Erste Idee" in page
    assert "Zweite Idee" not in page
    assert second.token not in page


# --- defences -------------------------------------------------------------------------


def test_the_honeypot_turns_bots_away_and_keeps_the_input(client, submit):
    response = submit(website="http://spam.example")
    assert response.status_code == 400
    assert Idea.objects.count() == 0
    assert "Freies WLAN im Bürgerbüro" in response.content.decode()
    assert response.context["form"].errors["website"]


def test_a_missing_captcha_is_refused_with_a_message_at_the_widget(client, submit):
    response = submit(altcha="")
    assert response.status_code == 400
    assert Idea.objects.count() == 0
    assert response.context["form"].errors["altcha"]
    assert 'id="captcha-error"' in response.content.decode()


def test_a_tampered_captcha_is_refused(client, submit):
    response = submit(altcha="eyJmb28iOiAiYmFyIn0=")
    assert response.status_code == 400
    assert Idea.objects.count() == 0


def test_a_captcha_solution_works_only_once(client):
    url = reverse("participation:idea-create")
    data = idea_data(client)
    assert client.post(url, data).status_code == 302
    replay = client.post(url, {**data, "title": "Noch einmal"})
    assert replay.status_code == 400
    assert replay.context["form"].errors["altcha"] == [str(captcha.MESSAGES["replayed"])]
    assert Idea.objects.count() == 1


def test_a_captcha_is_not_used_up_by_a_typo(client):
    url = reverse("participation:idea-create")
    data = idea_data(client, title="")
    assert client.post(url, data).status_code == 400
    assert client.post(url, {**data, "title": "Jetzt mit Titel"}).status_code == 302


def test_a_flood_gets_a_clear_429_page(client, settings):
    settings.PARTICIPATION_IDEA_RATE = "3/h"
    url = reverse("participation:idea-create")
    codes = [client.post(url, idea_data(client, title=f"Idee {n}")).status_code for n in range(5)]
    assert codes == [302, 302, 302, 429, 429]
    assert Idea.objects.count() == 3
    page = client.post(url, idea_data(client)).content.decode()
    assert "<h1" in page and "429" not in page  # a page for people, not a bare status
    # Reading the form is never limited.
    assert client.get(url).status_code == 200


def test_the_rate_limit_is_per_client(client, settings):
    settings.PARTICIPATION_IDEA_RATE = "1/h"
    url = reverse("participation:idea-create")
    assert client.post(url, idea_data(client), REMOTE_ADDR="10.0.0.1").status_code == 302
    assert client.post(url, idea_data(client), REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.post(url, idea_data(client), REMOTE_ADDR="10.0.0.2").status_code == 302


# --- hostile input --------------------------------------------------------------------

HOSTILE = [
    ("empty title", {"title": ""}, "title"),
    ("blank title", {"title": "   "}, "title"),
    ("empty text", {"description": ""}, "description"),
    ("title too long", {"title": "x" * 201}, "title"),
    ("text too long", {"description": "x" * 5001}, "description"),
    ("1 MB text", {"description": "x" * 1_000_000}, "description"),
    ("NUL byte in title", {"title": "WLAN\x00"}, "title"),
    ("NUL byte in text", {"description": "a\x00b"}, "description"),
    ("bad e-mail", {"email": "anna(at)example", "consent_processing": "on"}, "email"),
    (
        "e-mail header injection",
        {"email": "a@b.de\nBcc: x@y.de", "consent_processing": "on"},
        "email",
    ),
    ("e-mail without consent", {"email": "anna@example.org"}, "consent_processing"),
    ("unknown kind", {"kind": "werbung"}, "kind"),
    ("unknown field", {"action_field": "999999"}, "action_field"),
    ("field id beyond 64 bit", {"action_field": "99999999999999999999999"}, "action_field"),
    ("field id as SQL", {"action_field": "1 OR 1=1"}, "action_field"),
    ("name too long", {"name": "N" * 101}, "name"),
    ("zero-width title", {"title": "\u200b\u200d\u2060\ufeff"}, "title"),
    ("bidi controls as title", {"title": "\u202e\u2066\u2069"}, "title"),
    ("combining marks as title", {"title": "\u0301" * 20}, "title"),
    ("invisible name", {"name": "\u200b\u200b"}, "name"),
]


def test_a_title_without_a_visible_character_is_refused_in_german_and_the_text_kept(client, submit):
    response = submit(title="\u200b\u202e\u200b", description="Mein Vorschlag bleibt stehen.")
    assert response.status_code == 400
    assert "Bitte geben Sie sichtbaren Text ein" in response.context["form"].errors["title"][0]
    assert "Mein Vorschlag bleibt stehen." in response.content.decode()
    assert Idea.objects.count() == 0


@pytest.mark.parametrize(("case", "overrides", "field"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_input_gets_a_message_at_the_field_and_stores_nothing(
    client, submit, case, overrides, field
):
    response = submit(**overrides)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Idea.objects.count() == 0
    page = response.content.decode()
    assert 'role="alert"' in page
    kept = "Im Wartebereich gibt es kein Netz." if "title" in overrides else "Freies WLAN im"
    assert kept in page


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>",
        "'; DROP TABLE participation_idea; --",
        "Robert'); DELETE FROM auth_user WHERE ('1'='1",
        "Ümläute, Emoji 🚲 und „Anführungszeichen“",
    ],
)
def test_markup_and_sql_like_text_are_stored_verbatim_and_shown_escaped(client, submit, text):
    assert submit(title=text[:200], description=text).status_code == 302
    idea = Idea.objects.get()
    assert idea.description == text
    page = client.get(idea.get_status_url()).content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert escape(text) in page


def test_a_body_beyond_the_upload_limit_is_a_400_not_a_500(client):
    response = client.post(
        reverse("participation:idea-create"),
        {"title": "x", "description": "y" * 3_000_000, "altcha": solve_captcha(client)},
    )
    assert response.status_code == 400
    assert Idea.objects.count() == 0


def test_invalid_utf8_is_not_a_500(client):
    response = client.post(
        reverse("participation:idea-create"),
        b"title=%FF%FE&description=%C3%28&kind=idea",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert Idea.objects.count() == 0


def test_a_wrong_content_type_is_not_a_500(client):
    response = client.post(
        reverse("participation:idea-create"),
        '{"title": "json"}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert Idea.objects.count() == 0


def test_a_post_without_csrf_token_is_refused(submit):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("participation:idea-create"), idea_data(strict))
    assert response.status_code == 403
    assert Idea.objects.count() == 0


def test_in_development_the_confirmation_mail_is_printed_to_the_console(
    client, settings, capsys, django_capture_on_commit_callbacks
):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    data = idea_data(client, email="anna@example.org", consent_processing="on")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("participation:idea-create"), data)
    out = capsys.readouterr().out
    assert "To: anna@example.org" in out
    assert "/ideen/bestaetigen/" in out


def test_user_text_in_mails_is_isolated_so_an_override_cannot_turn_our_text(submit):
    from django.utils import timezone

    from participation import mails

    title = "\u202eWLAN für alle"
    submit(title=title, email="anna@example.org", consent_processing="on")
    assert f"\u2068{title}\u2069" in mail.outbox[0].body
    idea = Idea.objects.get()
    idea.email_confirmed_at = timezone.now()
    idea.public_answer = "\u202eJa & gern"
    idea.save()
    mails.send_update(idea, "answered")
    answer = mail.outbox[-1]
    assert f"\u2068{title}\u2069" in answer.subject
    assert f"\u2068{title}\u2069" in answer.body
    assert "\u2068\u202eJa & gern\u2069" in answer.body
