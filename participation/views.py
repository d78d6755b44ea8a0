"""The citizen's side: hand in an idea, follow it, read the answers, support an idea."""

import secrets

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_filters.views import FilterView
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

from participation import captcha, mails, services
from participation.filters import PublicIdeaFilter
from participation.forms import IdeaForm, SupportForm
from participation.models import Idea

SUPPORTER_COOKIE = "agenda_supporter"
SUBMITTED_KEY = "participation_submitted"


def idea_rate(group, request):
    return settings.PARTICIPATION_IDEA_RATE


def support_rate(group, request):
    return settings.PARTICIPATION_SUPPORT_RATE


def too_many_requests(request):
    return render(request, "participation/too_many_requests.html", status=429)


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=idea_rate, method="POST", block=False)
def idea_create(request):
    if getattr(request, "limited", False):
        return too_many_requests(request)
    form = IdeaForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        idea = services.submit_idea(form=form, language=get_language() or "de")
        request.session[SUBMITTED_KEY] = idea.token
        return redirect(idea.get_status_url())
    status = 400 if form.is_bound else 200
    return render(request, "participation/idea_form.html", {"form": form}, status=status)


@never_cache
@require_GET
def captcha_challenge(request):
    return JsonResponse(captcha.new_challenge())


@never_cache
@require_GET
def idea_status(request, token):
    idea = get_object_or_404(
        Idea.objects.select_related("action_field", "measure", "duplicate_of__measure"),
        token=token,
    )
    just_submitted = request.session.get(SUBMITTED_KEY) == token
    if just_submitted:
        del request.session[SUBMITTED_KEY]
    context = {
        "idea": idea,
        "original": idea.original if idea.state == Idea.State.DUPLICATE else None,
        "just_submitted": just_submitted,
        "status_url": request.build_absolute_uri(idea.get_status_url()),
    }
    return render(request, "participation/idea_status.html", context)


@require_POST
def erase_my_data(request, token):
    idea = get_object_or_404(Idea, token=token)
    services.erase_personal_data(idea)
    messages.success(request, _("Your name and e-mail address were deleted."))
    return redirect(idea.get_status_url())


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_email(request, token):
    """GET shows a button, POST confirms: mail scanners that follow links confirm nothing."""
    try:
        if request.method == "POST":
            idea = services.confirm_email(token=token)
        else:
            idea = mails.read_confirmation_token(token)
    except signing.BadSignature:
        idea = None
    if idea is None:
        return render(request, "participation/confirm_email.html", {"invalid": True}, status=400)
    if request.method == "POST":
        messages.success(request, _("Thank you, your e-mail address is confirmed."))
        return redirect(idea.get_status_url())
    return render(request, "participation/confirm_email.html", {"email": idea.email})


class PublicIdeaList(FilterView):
    filterset_class = PublicIdeaFilter
    template_name = "participation/public_list.html"
    paginate_by = 20

    def get_queryset(self):
        return (
            Idea.objects.public()
            .with_support_count()
            .select_related("action_field", "measure")
            .order_by("-answered_at", "-id")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["supported"] = supported_ids(self.request)
        return context


def supported_ids(request):
    cookie = request.COOKIES.get(SUPPORTER_COOKIE)
    if not cookie:
        return set()
    key = services.supporter_key(cookie)
    return set(Idea.objects.filter(supports__supporter=key).values_list("pk", flat=True))


def _public_idea(pk):
    return get_object_or_404(
        Idea.objects.public().with_support_count().select_related("action_field", "measure"),
        pk=pk,
    )


@require_GET
def public_detail(request, pk):
    idea = _public_idea(pk)
    context = {"idea": idea, "supported": idea.pk in supported_ids(request)}
    return render(request, "participation/public_detail.html", context)


def _limited_per_idea(request, pk):
    # Invented cookies make new browsers, not new addresses: at most a few per address and idea.
    return is_ratelimited(
        request,
        group=f"participation.support.{pk}",
        key="ip",
        rate=settings.PARTICIPATION_SUPPORT_IDEA_RATE,
        increment=True,
    )


@require_POST
@ratelimit(key="ip", rate=support_rate, method="POST", block=False)
def support(request, pk):
    if getattr(request, "limited", False) or _limited_per_idea(request, pk):
        return too_many_requests(request)
    idea = _public_idea(pk)
    form = SupportForm(request.POST)
    if not form.is_valid():
        context = {"idea": idea, "supported": False, "support_form": form}
        return render(request, "participation/public_detail.html", context, status=400)
    cookie = request.COOKIES.get(SUPPORTER_COOKIE) or secrets.token_urlsafe(32)
    if services.support_idea(idea=idea, cookie_value=cookie):
        messages.success(request, _("Thank you for your support."))
    else:
        messages.info(request, _("You have already supported this idea."))
    response = redirect(idea.get_public_url())
    response.set_cookie(
        SUPPORTER_COOKIE,
        cookie,
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response
