"""Private links carry a token in the path; no log line may contain it.

Used by the Django logging configuration (agenda/settings.py) and by gunicorn's access log
(gunicorn.conf.py), so it imports nothing from Django.
"""

import logging
import re

# Status page of an idea (and its sub-pages) and e-mail confirmation.
TOKEN = re.compile(r"(/ideen/(?:status|bestaetigen)/)[^/?#\s\"']+")
MASK = r"\1…"


def mask_tokens(text):
    return TOKEN.sub(MASK, text)


class _MaskedRequest:
    """Stands in for record.request: what a formatter prints of it is masked."""

    def __init__(self, request):
        self._request = request

    def __getattr__(self, name):
        return getattr(self._request, name)

    def __str__(self):
        return mask_tokens(str(self._request))

    __repr__ = __str__


def _mask(value):
    if isinstance(value, str):
        return mask_tokens(value)
    if isinstance(value, tuple):
        return tuple(_mask(item) for item in value)
    if isinstance(value, dict):
        return {key: _mask(item) for key, item in value.items()}
    if value is None or isinstance(value, int | float):
        return value
    # An object logged as an argument (a URL, a request) is printed through str().
    text = str(value)
    masked = mask_tokens(text)
    return value if masked == text else masked


class MaskTokensFilter(logging.Filter):
    """Rewrites a record before any handler formats it: message, arguments, extra fields.

    Attached to every handler in settings.LOGGING, so records of Django's own loggers
    (django.request, django.security.csrf, django.server) are masked too. Masking twice
    changes nothing.
    """

    def filter(self, record):
        record.msg = _mask(record.msg)
        record.args = _mask(record.args)
        for name, value in list(vars(record).items()):
            if isinstance(value, str) and name != "msg":
                setattr(record, name, mask_tokens(value))
        request = getattr(record, "request", None)
        if request is not None and not isinstance(request, _MaskedRequest):
            record.request = _MaskedRequest(request)
        return True
