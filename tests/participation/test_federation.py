"""Ideas addressed to members: the form's optional choice, routing to the member's moderation,
and the organisation that answers on the status page and in mails."""

import pytest
from django.core import mail
from django.urls import reverse

from measures.models import StaffProfile
from participation.forms import IdeaForm, ModerationForm
from participation.models import Idea
from strategy.staff import roles
from tests.conftest import user_with_role
from tests.factories import ActorFactory, IdeaFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

QUESTION = "Welche Gemeinde oder welches Amt betrifft Ihre Idee?"


def member_of(organisation, role, username):
    user = user_with_role(role, username=username)
    StaffProfile.objects.create(user=user, organisation=organisation)
    return user


@pytest.fixture
def federation(db):
    root = OrganisationFactory(
        name="Verbund der Ämter", slug="verbund", kind="verbund", parent=None
    )
    wilster = OrganisationFactory(name="Amt Wilstermarsch", slug="wilstermarsch", parent=root)
    schenefeld = OrganisationFactory(name="Amt Schenefeld", slug="schenefeld", parent=root)
    return root, wilster, schenefeld


@pytest.fixture
def ideas(federation):
    _root, wilster, schenefeld = federation
    return {
        "wilster": IdeaFactory(title="Idee für Wilster", organisation=wilster),
        "schenefeld": IdeaFactory(title="Idee für Schenefeld", organisation=schenefeld),
        "all": IdeaFactory(title="Idee für alle", organisation=None),
    }


@pytest.fixture
def users(federation):
    root, wilster, schenefeld = federation
    return {
        "root": member_of(root, roles.EDITORS, "redaktion"),
        "wilster": member_of(wilster, roles.EDITORS, "redaktion-wilster"),
        "schenefeld": member_of(schenefeld, roles.EDITORS, "redaktion-schenefeld"),
    }


# -- the public form ----------------------------------------------------------------------


def test_with_one_organisation_the_form_asks_nothing_about_it(client, submit):
    OrganisationFactory(name="Ämter", slug="aemter", parent=None)
    assert "organisation" not in IdeaForm().fields
    page = client.get(reverse("participation:idea-create")).content.decode()
    assert QUESTION not in page
    assert submit().status_code == 302
    assert Idea.objects.get().organisation is None


def test_with_several_the_form_offers_the_members_optionally(client, federation, submit):
    root, wilster, schenefeld = federation
    field = IdeaForm().fields["organisation"]
    assert not field.required
    choices = [str(label) for _value, label in field.choices]
    assert choices == ["Keine Angabe / alle", "Amt Schenefeld", "Amt Wilstermarsch"]
    assert QUESTION in client.get(reverse("participation:idea-create")).content.decode()

    assert submit(organisation=wilster.pk).status_code == 302
    assert Idea.objects.get().organisation == wilster


def test_the_form_leaves_the_idea_to_all_when_no_member_is_chosen(federation, submit):
    assert submit().status_code == 302
    assert Idea.objects.get().organisation is None


def test_the_root_or_a_made_up_organisation_cannot_be_chosen(federation, submit):
    root, _wilster, _schenefeld = federation
    for bad in (root.pk, 999999, "x"):
        response = submit(organisation=bad, title=f"Versuch {bad}")
        assert response.status_code == 400
        assert response.context["form"].errors["organisation"]
        assert 'value="Versuch' in response.content.decode()  # the input is kept
    assert not Idea.objects.exists()


# -- routing to the member's moderation ---------------------------------------------------


def test_a_members_inbox_shows_only_ideas_addressed_to_it(client, ideas, users):
    client.force_login(users["wilster"])
    response = client.get(reverse("participation:inbox"))
    assert [i.title for i in response.context["object_list"]] == ["Idee für Wilster"]
    assert response.context["total_count"] == 1


def test_the_roots_inbox_shows_all_ideas(client, ideas, users):
    client.force_login(users["root"])
    response = client.get(reverse("participation:inbox"))
    assert {i.title for i in response.context["object_list"]} == {
        "Idee für Wilster",
        "Idee für Schenefeld",
        "Idee für alle",
    }
    assert response.context["total_count"] == 3
    page = response.content.decode()
    assert "Gerichtet an" in page and "Wilstermarsch" in page


def test_the_inbox_names_no_organisation_for_a_member_or_with_one_organisation(
    client, ideas, users, editor
):
    client.force_login(users["wilster"])
    assert "Gerichtet an" not in client.get(reverse("participation:inbox")).content.decode()
    Idea.objects.all().delete()
    StaffProfile.objects.all().delete()
    from strategy.organisations.models import Organisation

    Organisation.objects.members().delete()
    client.force_login(editor)
    assert "Gerichtet an" not in client.get(reverse("participation:inbox")).content.decode()


@pytest.mark.parametrize("rows", [3, 30])
def test_a_members_inbox_needs_the_same_queries_for_3_or_30_ideas(
    client, federation, users, django_assert_max_num_queries, rows
):
    _root, wilster, schenefeld = federation
    IdeaFactory.create_batch(rows, organisation=wilster)
    IdeaFactory.create_batch(rows, organisation=schenefeld)
    client.force_login(users["wilster"])
    with django_assert_max_num_queries(13):
        response = client.get(reverse("participation:inbox"))
    assert len(response.context["object_list"]) == rows


def moderate(client, idea, **data):
    payload = {"state": Idea.State.ACCEPTED, "public_answer": "Wird umgesetzt.", **data}
    return client.post(reverse("participation:idea-moderate", args=[idea.pk]), payload)


def test_a_members_editors_moderate_their_members_ideas(client, federation, ideas, users):
    _root, wilster, _schenefeld = federation
    client.force_login(users["wilster"])
    url = reverse("participation:idea-moderate", args=[ideas["wilster"].pk])
    assert client.get(url).status_code == 200
    assert moderate(client, ideas["wilster"], organisation=wilster.pk).status_code == 302
    ideas["wilster"].refresh_from_db()
    assert ideas["wilster"].state == Idea.State.ACCEPTED


@pytest.mark.parametrize("other", ["schenefeld", "all"])
def test_another_members_or_the_roots_ideas_are_not_found(client, ideas, users, other):
    client.force_login(users["wilster"])
    idea = ideas[other]
    assert client.get(reverse("participation:idea-moderate", args=[idea.pk])).status_code == 404
    assert moderate(client, idea).status_code == 404
    assert client.get(reverse("participation:idea-answer", args=[idea.pk])).status_code == 403
    idea.refresh_from_db()
    assert idea.state == Idea.State.NEW


def test_bulk_changes_and_promotion_refuse_another_members_ideas(client, ideas, users):
    client.force_login(users["wilster"])
    other = ideas["schenefeld"]
    response = client.post(
        reverse("participation:idea-bulk"), {"ideas": [other.pk], "action": "accepted"}
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.state == Idea.State.NEW
    promote = client.get(reverse("participation:idea-promote"), {"idee": other.pk})
    assert promote.status_code == 404  # as if it did not exist, like its moderation page
    assert "Idee für Schenefeld" not in promote.content.decode()


def test_the_root_moderates_every_idea_and_may_pass_one_on_to_a_member(
    client, federation, ideas, users
):
    _root, wilster, schenefeld = federation
    client.force_login(users["root"])
    for idea in ideas.values():
        url = reverse("participation:idea-moderate", args=[idea.pk])
        assert client.get(url).status_code == 200
    assert moderate(client, ideas["all"], organisation=schenefeld.pk).status_code == 302
    ideas["all"].refresh_from_db()
    assert ideas["all"].organisation == schenefeld


def test_a_member_cannot_pass_an_idea_on_to_another_member(federation, ideas, users):
    _root, wilster, schenefeld = federation
    form = ModerationForm(instance=ideas["wilster"], user=users["wilster"])
    assert list(form.fields["organisation"].queryset) == [wilster]
    assert ideas["schenefeld"] not in form.fields["duplicate_of"].queryset
    data = {"state": Idea.State.IN_REVIEW, "organisation": schenefeld.pk}
    form = ModerationForm(data, instance=ideas["wilster"], user=users["wilster"])
    assert "organisation" in form.errors


def test_a_members_unit_answers_only_its_members_ideas(client, federation, ideas):
    _root, wilster, schenefeld = federation
    unit = ActorFactory(name="Bauamt")
    department = user_with_role(roles.DEPARTMENT, username="falk-wilster")
    StaffProfile.objects.create(user=department, organisation=wilster, unit=unit)
    Idea.objects.update(responsible_unit=unit)
    client.force_login(department)
    own = reverse("participation:idea-answer", args=[ideas["wilster"].pk])
    other = reverse("participation:idea-answer", args=[ideas["schenefeld"].pk])
    assert client.get(own).status_code == 200
    assert client.get(other).status_code == 403


# -- who answers ----------------------------------------------------------------------------


def test_the_status_page_names_the_member_that_answers(client, ideas):
    page = client.get(ideas["wilster"].get_status_url()).content.decode()
    assert "Es antwortet" in page and "Amt Wilstermarsch" in page
    page = client.get(ideas["all"].get_status_url()).content.decode()
    assert "Es antwortet" in page and "Verbund der Ämter" in page


def test_with_one_organisation_the_status_page_names_none(client):
    OrganisationFactory(name="Ämter", slug="aemter", parent=None)
    idea = IdeaFactory()
    assert "Es antwortet" not in client.get(idea.get_status_url()).content.decode()


def test_the_answer_mail_names_the_member_that_answers(
    client, federation, ideas, users, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    idea = ideas["wilster"]
    Idea.objects.filter(pk=idea.pk).update(
        email="anna@example.org", consent_processing=True, email_confirmed_at=timezone.now()
    )
    client.force_login(users["wilster"])
    with django_capture_on_commit_callbacks(execute=True):
        assert moderate(client, idea, organisation=federation[1].pk).status_code == 302
    (message,) = mail.outbox
    assert "Es antwortet: Amt Wilstermarsch" in message.body


def staff_idea(client, **data):
    payload = {
        "channel": "workshop",
        "received_on": "2026-03-12",
        "kind": "idea",
        "title": "Aus dem Workshop",
        "description": "Text",
        **data,
    }
    return client.post(reverse("participation:idea-create-staff"), payload)


def test_a_members_editors_record_ideas_for_their_member_only(client, federation, users):
    _root, wilster, schenefeld = federation
    client.force_login(users["wilster"])
    assert staff_idea(client, organisation=schenefeld.pk).status_code == 200
    assert not Idea.objects.exists()
    assert staff_idea(client, organisation=wilster.pk).status_code == 302
    assert Idea.objects.get().organisation == wilster


def test_the_roots_editors_record_ideas_for_all_or_a_member(client, federation, users):
    _root, _wilster, schenefeld = federation
    client.force_login(users["root"])
    assert staff_idea(client, title="Für alle").status_code == 302
    assert staff_idea(client, title="Für Schenefeld", organisation=schenefeld.pk).status_code == 302
    assert dict(Idea.objects.values_list("title", "organisation")) == {
        "Für alle": None,
        "Für Schenefeld": schenefeld.pk,
    }
