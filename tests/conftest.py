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
def no_page_cache(settings):
    # Tests read response.context, which a cached page has not; test_page_cache.py turns it on.
    settings.AGENDA_PAGE_CACHE = False


@pytest.fixture(autouse=True)
def fresh_cache():
    # Rate-limit counters live in the cache; every test starts with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def warm_brand(request, fresh_cache):
    """Pages read the body's brand from the cache (SiteProfile.brand), which a server fills
    once a minute at most; tests measure a page's queries with it filled, as a server runs."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None:
        transactional = marker.kwargs.get("transaction") or (marker.args and marker.args[0])
        request.getfixturevalue("transactional_db" if transactional else "db")
    elif "transactional_db" in request.fixturenames:
        request.getfixturevalue("transactional_db")
    elif "db" in request.fixturenames:
        request.getfixturevalue("db")
    else:
        return
    from agenda.models import SiteProfile

    SiteProfile.brand()


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
