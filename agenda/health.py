"""The health check a load balancer, systemd or a monitoring system probes."""

import logging

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@login_not_required
@never_cache
@require_safe
def healthz(request):
    """200 when the app can query its database, 503 otherwise; never a page or a cookie."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # An outage is probed every few seconds: one line each, not a traceback each.
        logger.error("Health check: database unavailable: %s", error)
        return _unavailable()
    except Exception:
        logger.exception("Health check failed")
        return _unavailable()
    return JsonResponse({"status": "ok", "database": "ok"})


def _unavailable():
    return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
