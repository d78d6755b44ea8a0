import logging

from django.conf import settings
from django.db import DatabaseError

from agenda.brand import DEFAULT_ACCENT, ON_ACCENT
from agenda.models import SiteProfile

logger = logging.getLogger(__name__)


def site(request):
    try:
        brand = SiteProfile.brand()
    except DatabaseError:
        # An error page must still render while the database is away: the default brand.
        logger.warning("Brand not readable, default brand shown")
        brand = {
            "name": settings.AGENDA_ORGANISATION,
            "accent": DEFAULT_ACCENT,
            "on_accent": ON_ACCENT,
            "has_logo": False,
            "version": "",
        }
    return {"organisation": brand["name"], "brand": brand}
