"""The organisation tree: one root, its members, and the choice in the goal form."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from strategy.forms import GoalForm
from strategy.models import Organisation
from tests.factories import ActionFieldFactory, OrganisationFactory


@pytest.fixture
def tree(db):
    root = OrganisationFactory(name="Verbund", slug="verbund", kind="verbund", parent=None)
    amt = OrganisationFactory(name="Amt Wilstermarsch", parent=root)
    village = OrganisationFactory(name="Gemeinde Nortorf", kind="gemeinde", parent=amt)
    other = OrganisationFactory(name="Amt Schenefeld", parent=root)
    return root, amt, village, other


def test_root_members_and_subtree(tree, django_assert_num_queries):
    root, amt, village, other = tree
    assert Organisation.objects.root() == root
    assert root.is_root and not amt.is_root
    assert set(Organisation.objects.members()) == {amt, village, other}
    with django_assert_num_queries(1):
        assert set(Organisation.objects.subtree_ids(amt)) == {amt.pk, village.pk}
    assert set(Organisation.objects.subtree_ids(root)) == {o.pk for o in tree}


def test_no_root_without_organisations(db):
    assert Organisation.objects.root() is None
    assert not Organisation.objects.several()


def test_a_second_root_is_refused_by_clean_and_by_the_database(tree):
    second = Organisation(name="Kreis", kind="kreis", slug="kreis")
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "parent" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name="Kreis", kind="kreis", slug="kreis")


def test_an_organisation_cannot_belong_to_its_own_member(tree):
    _root, amt, village, _other = tree
    amt.parent = village
    with pytest.raises(ValidationError) as error:
        amt.full_clean()
    assert "parent" in error.value.message_dict


def test_the_root_may_not_be_deleted_while_it_has_members(tree):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError), transaction.atomic():
        tree[0].delete()


def test_goal_form_offers_no_organisation_with_one_organisation(db, editor):
    OrganisationFactory(parent=None)
    assert "organisation" not in GoalForm(user=editor).fields


def test_goal_form_offers_members_their_own_organisation_only(tree, editor):
    from measures.models import StaffProfile

    root, amt, _village, other = tree
    form = GoalForm(user=editor)
    assert set(form.fields["organisation"].queryset) == set(tree)
    assert not form.fields["organisation"].required  # empty: shared by the federation
    StaffProfile.objects.create(user=editor, organisation=amt)
    editor = type(editor).objects.get(pk=editor.pk)  # a new request: the organisation is new
    field = ActionFieldFactory()
    data = {"action_field": field.pk, "title": "Glasfaser", "organisation": other.pk}
    form = GoalForm(data, user=editor)
    assert list(form.fields["organisation"].queryset) == [amt]
    assert not form.is_valid() and "organisation" in form.errors
    form = GoalForm({**data, "organisation": ""}, user=editor)
    assert not form.is_valid() and "organisation" in form.errors
    form = GoalForm({**data, "organisation": amt.pk}, user=editor)
    assert form.is_valid(), form.errors


def test_a_new_member_passes_the_checks(tree):
    member = Organisation(name="Stadt Wilster", kind="stadt", slug="wilster", parent=tree[0])
    member.full_clean()
    member.save()
    assert member.pk in Organisation.objects.subtree_ids(tree[0])
