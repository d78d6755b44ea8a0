"""Bench only: a view that does nothing, to measure gunicorn and the middleware alone.

Routed only when AGENDA_BENCH_BARE_VIEW is on, which bench/load.py sets for its own server.
"""

from django.http import HttpResponse


def bare(request):
    # No database, no session, no template: the floor our pages are compared with.
    return HttpResponse("ok", content_type="text/plain")
