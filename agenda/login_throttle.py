"""Failed logins: each lockout rule of django-axes with its own limit, and an alert per account.

AXES_LOCKOUT_PARAMETERS names the rules: the pair of account and address is locked after
AXES_FAILURE_LIMIT failures, an address alone (whatever names it tries) after
AGENDA_LOGIN_ADDRESS_FAILURE_LIMIT. An account alone is never locked: many addresses trying
one account alert the administration instead, so an attacker cannot lock a colleague out.
"""

import logging

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.db.models import Count, Q, Sum
from django.utils import translation
from django.utils.translation import gettext as _

from strategy.staff import roles

logger = logging.getLogger(__name__)


def _names(parameters):
    return {parameters} if isinstance(parameters, str) else set(parameters)


def _rule_limit(parameters, failure_limit):
    if "username" not in _names(parameters):
        return settings.AGENDA_LOGIN_ADDRESS_FAILURE_LIMIT
    return failure_limit


class LoginThrottleHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None):
        """The failures of the rule closest to its limit, in units of AXES_FAILURE_LIMIT.

        axes compares one number with one limit: a rule at its own limit counts as
        the failure limit, a rule below its own limit as less than that.
        """
        limit = get_failure_limit(request, credentials)
        rules = get_lockout_parameters(request, credentials)
        worst = 0
        attempts_per_rule = self.get_user_attempts(request, credentials)
        for parameters, attempts in zip(rules, attempts_per_rule, strict=True):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            if failures >= _rule_limit(parameters, limit):
                failures = max(failures, limit)
            else:
                failures = min(failures, limit - 1)
            worst = max(worst, failures)
        return worst

    def reset_user_attempts(self, request, credentials=None):
        """A successful login clears that account's failures, not those of other names."""
        rules = get_lockout_parameters(request, credentials)
        count = 0
        attempts_per_rule = self.filter_user_attempts(request, credentials)
        for parameters, attempts in zip(rules, attempts_per_rule, strict=True):
            if "username" in _names(parameters):
                count += attempts.delete()[0]
        return count

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is not None:
            alert_if_account_is_attacked(request, get_client_username(request, credentials))


def alert_if_account_is_attacked(request, username):
    """Warn the administration once per cooldown when one account fails from many addresses."""
    if not username:
        return
    recent = AccessAttempt.objects.filter(
        username=username, attempt_time__gte=get_cool_off_threshold(request)
    ).aggregate(failures=Sum("failures_since_start"), addresses=Count("ip_address", distinct=True))
    if (recent["failures"] or 0) < settings.AGENDA_LOGIN_ACCOUNT_ALERT:
        return
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        return  # no account to protect; the address limit covers guessing
    cooloff = int(settings.AXES_COOLOFF_TIME.total_seconds())
    if not cache.add(f"login-alert:{user.pk}", True, timeout=cooloff):
        return
    logger.warning(
        "Many failed logins for account id=%s: %s failures from %s addresses",
        user.pk,
        recent["failures"],
        recent["addresses"],
    )
    _mail_administration(user, recent["failures"], recent["addresses"])


def _mail_administration(user, failures, addresses):
    admins = get_user_model().objects.filter(
        Q(groups__name=roles.ADMINISTRATION) | Q(is_superuser=True), is_active=True
    )
    recipients = sorted(set(admins.exclude(email="").values_list("email", flat=True)))
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Many failed login attempts for the account %(username)s") % {
            "username": user.get_username()
        }
        body = _(
            "In the last %(minutes)s minutes there were %(failures)s failed logins for the "
            "account %(username)s from %(addresses)s addresses.\n\n"
            "The account is not locked, so that its owner can still log in. Each address is "
            "locked after repeated failures. Please check with the owner whether the password "
            "is strong and whether it may have become known."
        ) % {
            "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            "failures": failures,
            "username": user.get_username(),
            "addresses": addresses,
        }
    send_mail(subject, body, None, recipients)
