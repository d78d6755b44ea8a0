"""Staff sessions end after an idle time; failed logins are recorded within column limits."""

import time

from django.conf import settings

TOUCHED = "_agenda_touched"
# Refresh the idle deadline at most once a minute: no session write on every request.
TOUCH_INTERVAL = 60


def start_idle_clock(sender, request, user, **kwargs):
    """At login: the session lives for the idle time from now on."""
    request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
    request.session[TOUCHED] = int(time.time())


class StaffSessionTimeout:
    """Logged-in staff are logged out after STAFF_SESSION_IDLE_SECONDS without a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            if now - request.session.get(TOUCHED, 0) >= TOUCH_INTERVAL:
                request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
                request.session[TOUCHED] = now
        return self.get_response(request)


def axes_username(request, credentials=None):
    """The username django-axes records: never longer than its column (255) or Django's (150)."""
    source = credentials if credentials is not None else request.POST
    username = source.get(settings.AXES_USERNAME_FORM_FIELD, "") if source else ""
    return str(username).replace("\x00", "")[:150]
