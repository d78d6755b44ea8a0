"""Mails to an idea's submitter, in the language they used, only to a confirmed address."""

import contextvars
import hashlib
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from participation.models import Idea, MailLog
from strategy.organisations.models import Organisation

CONFIRM_SALT = "participation.confirm-email"


# Where links point when no address is configured and no request triggered the mail.
DEFAULT_BASE_URL = "http://127.0.0.1:8000"
# The request being served, set by MailLinksFollowTheRequest.
current_request = contextvars.ContextVar("participation_current_request", default=None)


def base_url():
    """The configured canonical address (production); else where the triggering request went."""
    if settings.AGENDA_BASE_URL:
        return settings.AGENDA_BASE_URL.rstrip("/")
    request = current_request.get()
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return DEFAULT_BASE_URL


def absolute(path):
    return base_url() + path


def email_fingerprint(email):
    # The link names the address only by a hash: URLs end up in logs.
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:24]


def confirmation_token(idea):
    return signing.dumps(
        {"idea": idea.pk, "email": email_fingerprint(idea.email)}, salt=CONFIRM_SALT
    )


def read_confirmation_token(token):
    """The idea a confirmation link stands for, if its address is still the same; else None.

    Raises signing.BadSignature for forged or expired links.
    """
    max_age = settings.PARTICIPATION_CONFIRM_DAYS * 24 * 3600
    data = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    if not isinstance(data, dict):
        raise signing.BadSignature("unexpected token content")
    idea = Idea.objects.filter(pk=data.get("idea")).exclude(email="").first()
    if idea is None or email_fingerprint(idea.email) != data.get("email"):
        return None
    return idea


def sender(name):
    """The configured address with the body's name as the sender's name."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL
    return formataddr((" ".join(str(name).split()), address))


def body_name():
    """The portal's own body (the root organisation) signs the mails to citizens."""
    root = Organisation.objects.root()
    return root.name if root else settings.AGENDA_ORGANISATION


def _send(idea, kind, context=None):
    name = body_name()
    with translation.override(idea.language):
        context = {
            "idea": idea,
            "organisation": name,
            "answering": idea.answering_organisation(),
            "status_url": absolute(idea.get_status_url()),
            **(context or {}),
        }
        subject = render_to_string(f"participation/mail/{kind}_subject.txt", context)
        body = render_to_string(f"participation/mail/{kind}.txt", context)
    send_mail(" ".join(subject.split()), body, sender(name), [idea.email])
    MailLog.objects.create(idea=idea, kind=kind)


def send_confirmation(idea):
    """The only mail to an unconfirmed address: the request to confirm it."""
    if not (idea.email and idea.consent_processing) or idea.email_confirmed_at:
        return
    url = absolute(reverse("participation:confirm-email", args=[confirmation_token(idea)]))
    _send(idea, MailLog.Kind.CONFIRM, {"confirm_url": url})


def send_update(idea, kind, **context):
    if idea.can_receive_mail:
        _send(idea, kind, context)
