from django.conf import settings


def site(request):
    return {"organisation": settings.AGENDA_ORGANISATION}
