import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from strategy.staff import roles
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Real hashing costs ~0.3 s per user; tests create hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_cache():
    # Rate-limit counters live in the cache; every test starts with none.
    cache.clear()
    yield
    cache.clear()


def user_with_role(role, **kwargs):
    user = UserFactory(**kwargs)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def admin_user_role(db):
    return user_with_role(roles.ADMINISTRATION, username="ada")


@pytest.fixture
def editor(db):
    return user_with_role(roles.EDITORS, username="rita")


@pytest.fixture
def department(db):
    return user_with_role(roles.DEPARTMENT, username="falk")


@pytest.fixture
def reader(db):
    return user_with_role(roles.READ_ONLY, username="lena")


@pytest.fixture
def no_role(db):
    return user_with_role(None, username="nobody")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
