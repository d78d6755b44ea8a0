"""Serve staff list pages from the cache, each user their own.

Only GET requests for a view that opts in (`staff_page_cache = True`: list pages whose
only actions are POST forms, covered by the CSRF placeholder), by a logged-in user with
no message waiting. The key is the anonymous one (version, address, language, day) plus
what decides what this user sees: their id and flags, their groups, their organisation,
and the session's choices (optional columns and the like: every session entry not
starting with "_"). A view may add its own part (`staff_page_cache_part`), for rows that
do not move the version (new ideas, see signals.UNSEEN_WHEN_NEW). Rights change by
saving the user, a group, their profile or their group memberships: all move the version
(signals.py). Only 200 answers that set no cookie and left the session's choices alone
are stored.

This middleware sits after the staff idle clock, so a page from the cache still keeps
the session alive and ends it on time; it answers in process_view, once the view is known.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache

from agenda.pagecache.middleware import TIMEOUT, freeze, key, shareable, thaw
from agenda.pagecache.versions import current
from strategy.organisations.rules import user_organisation

KEY = "_staff_page_key"


def session_choices(request):
    """What the user chose in this session (columns, ...), not Django's own entries."""
    chosen = {name: value for name, value in request.session.items() if name[:1] != "_"}
    return json.dumps(chosen, sort_keys=True, default=str)


def rights(user, version):
    """Everything about the user that decides what a page shows them.

    Remembered per page version: every change of a user, group, membership or staff profile
    moves the version on (signals.py), so a hit costs no query for groups and organisation.
    """
    remembered = f"page-rights:{version}:{user.pk}"
    found = cache.get(remembered)
    if found is None:
        organisation = user_organisation(user)
        groups = sorted(user.groups.values_list("pk", flat=True))
        found = json.dumps(
            [user.pk, user.is_superuser, user.is_staff, groups, getattr(organisation, "pk", None)]
        )
        cache.set(remembered, found, TIMEOUT)
    return found


def opted_in(view_func):
    view_class = getattr(view_func, "view_class", None)
    return getattr(view_class, "staff_page_cache", False)


def qualifies(request, view_func):
    if not (settings.AGENDA_PAGE_CACHE and settings.AGENDA_STAFF_PAGE_CACHE):
        return False
    if request.method != "GET" or not request.user.is_authenticated:
        return False
    return opted_in(view_func) and not len(get_messages(request))


def staff_key(request, view_func):
    own = getattr(view_func.view_class, "staff_page_cache_part", None)
    version = current()
    parts = [rights(request.user, version), session_choices(request), str(own() if own else "")]
    digest = hashlib.sha256("\x00".join(parts).encode()).hexdigest()
    return key(request, "staff", digest, version=version)


def storable(request, response, choices_before):
    # The idle clock may have written the session; only the user's choices must stay.
    return session_choices(request) == choices_before and shareable(request, response)


class StaffPageCache:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        marked = getattr(request, KEY, None)
        if marked is not None:
            page_key, choices_before = marked
            if storable(request, response, choices_before):
                cache.set(page_key, freeze(response), TIMEOUT)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not qualifies(request, view_func):
            return None
        page_key = staff_key(request, view_func)
        stored = cache.get(page_key)
        if stored is not None:
            return thaw(request, stored)
        setattr(request, KEY, (page_key, session_choices(request)))
        return None
