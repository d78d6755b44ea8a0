"""Serve public pages to anonymous visitors from the cache.

Only GET requests for the start page, the public agenda (/agenda/...) and the list of ideas
(/ideen/, unless the visitor has the supporter cookie: it marks their supports), by a visitor who
is not logged in and has no message waiting; only 200 answers that set no cookie and left
the session alone are stored. The key holds the page version (versions.py), scheme, host,
full path with query string, language and today's date (pages count days to deadlines).
Every page carries a CSRF token (the language switch): it is stored as a placeholder and
each visitor gets their own token, with the cookie, as on an uncached page.
"""

import hashlib
import re

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

from agenda.pagecache.versions import current
from participation.views import SUPPORTER_COOKIE

TIMEOUT = 600
TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
PLACEHOLDER = b"\x00csrf-token\x00"
HEADER = "X-Page-Cache"


def on_cached_path(request):
    path = request.path
    if path == "/" or path.startswith("/agenda/"):
        return True
    return path == "/ideen/" and SUPPORTER_COOKIE not in request.COOKIES


def qualifies(request):
    if not settings.AGENDA_PAGE_CACHE:
        return False
    if request.method != "GET" or not on_cached_path(request):
        return False
    if request.user.is_authenticated:
        return False
    return not len(get_messages(request))


def key(request, *parts, version=None):
    """The page's key; `parts` set apart the pages of one user (staff.py)."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    where = "\x00".join([address, *parts])
    digest = hashlib.sha256(where.encode()).hexdigest()
    day = timezone.localdate().isoformat()
    return f"page:{version or current()}:{request.LANGUAGE_CODE}:{day}:{digest}"


def shareable(request, response):
    """A 200 answer that sets no cookie, may be kept and queued no message."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    if "private" in control or "no-store" in control:
        return False
    messages = getattr(request, "_messages", None)
    return not getattr(messages, "_queued_messages", None)


def storable(request, response):
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    return shareable(request, response)


def freeze(response):
    content = TOKEN.sub(rb"\g<1>" + PLACEHOLDER + rb"\g<2>", response.content)
    return content, list(response.items())


def thaw(request, stored):
    content, headers = stored
    if PLACEHOLDER in content:
        content = content.replace(PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response[HEADER] = "hit"
    return response


class PublicPageCache:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not qualifies(request):
            return self.get_response(request)
        page_key = key(request)
        stored = cache.get(page_key)
        if stored is not None:
            return thaw(request, stored)
        response = self.get_response(request)
        if storable(request, response):
            cache.set(page_key, freeze(response), TIMEOUT)
        return response
