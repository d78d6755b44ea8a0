"""The brand's logo and colour sheet, at addresses that carry the brand's version: a browser
keeps them for a year and asks again only after the site profile changed."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from agenda.models import SiteProfile

FOREVER = "public, max-age=31536000, immutable"


def _current_or_redirect(name, version):
    current = SiteProfile.brand()
    if version != current["version"]:
        return current, redirect(name, version=current["version"])
    return current, None


@require_GET
def logo(request, version):
    brand, moved = _current_or_redirect("brand-logo", version)
    if moved:
        return moved
    if not brand["has_logo"]:
        raise Http404
    profile = SiteProfile.objects.order_by("pk").only("logo", "logo_type").first()
    if profile is None or not profile.logo:
        raise Http404
    response = HttpResponse(bytes(profile.logo), content_type=profile.logo_type)
    response["Cache-Control"] = FOREVER
    return response


@require_GET
def stylesheet(request, version):
    brand, moved = _current_or_redirect("brand-css", version)
    if moved:
        return moved
    # Only values the form checked reach here; a later theme (KERN) reads the same properties.
    accent, on_accent = brand["accent"], brand["on_accent"]
    css = f":root {{ --agenda-accent: {accent}; --agenda-on-accent: {on_accent}; }}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = FOREVER
    return response
