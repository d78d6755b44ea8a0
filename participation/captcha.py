"""Self-hosted proof-of-work captcha (ALTCHA): challenges made and checked here, no third party.

A solved challenge is recorded until it expires, so the same solution cannot be sent twice.
"""

import datetime

import altcha
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from participation.models import UsedChallenge

ALGORITHM = "PBKDF2/SHA-256"


class CaptchaError(Exception):
    pass


def hmac_secret():
    configured = getattr(settings, "ALTCHA_HMAC_KEY", "")
    # Derived from SECRET_KEY unless set: one secret fewer to manage.
    derived = salted_hmac("participation.captcha", "altcha", algorithm="sha256").hexdigest()
    return configured or derived


def new_challenge():
    expires = timezone.now() + datetime.timedelta(seconds=settings.ALTCHA_EXPIRES_SECONDS)
    challenge = altcha.create_challenge(
        algorithm=ALGORITHM,
        cost=settings.ALTCHA_COST,
        expires_at=expires,
        hmac_secret=hmac_secret(),
    )
    return challenge.to_dict()


MESSAGES = {
    "missing": _("Please confirm that you are not a robot (the check below the form)."),
    "invalid": _("The anti-spam check failed. Please run it again."),
    "replayed": _("This anti-spam check was already used. Please run it again."),
}


def verify(payload):
    """Accept a solved challenge once; raise CaptchaError with a message key otherwise."""
    if not payload:
        raise CaptchaError("missing")
    try:
        parsed = altcha.Payload.from_base64(payload)
        result = altcha.verify_solution(parsed, hmac_secret())
    except Exception as error:  # noqa: BLE001 - any malformed payload is simply invalid
        raise CaptchaError("invalid") from error
    if not result.verified:
        raise CaptchaError("invalid")
    expires_at = parsed.challenge.parameters.expires_at
    expires = (
        datetime.datetime.fromtimestamp(expires_at, tz=datetime.UTC)
        if expires_at
        else timezone.now() + datetime.timedelta(seconds=settings.ALTCHA_EXPIRES_SECONDS)
    )
    try:
        with transaction.atomic():
            UsedChallenge.objects.create(signature=parsed.challenge.signature, expires_at=expires)
    except IntegrityError as error:
        raise CaptchaError("replayed") from error


def forget_expired(now=None):
    return UsedChallenge.objects.filter(expires_at__lt=now or timezone.now()).delete()[0]
