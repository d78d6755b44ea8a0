"""Writes that touch an idea and something else: mails, measures, personal data."""

import contextvars
import datetime
import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from measures.priorities.services import publish_scores
from measures.services import save_measure
from participation import captcha, mails
from participation.models import Idea, MailLog, Support


class PromotionError(Exception):
    """The ideas could not become a measure; nothing was saved."""


def later(func, *args, **kwargs):
    """Run after commit, in the context of the code that asked for it: a mail sent then
    still knows which request triggered it (participation.mails.base_url)."""
    context = contextvars.copy_context()
    transaction.on_commit(lambda: context.run(func, *args, **kwargs))


def stamp_answer(idea, previous_state):
    """The moment of the final answer starts the retention period."""
    if idea.state in Idea.ANSWERED_STATES:
        if previous_state not in Idea.ANSWERED_STATES or not idea.answered_at:
            idea.answered_at = timezone.now()
    else:
        idea.answered_at = None


@transaction.atomic
def submit_idea(*, form, language):
    idea = form.save(commit=False)
    idea.channel = Idea.Channel.ONLINE
    idea.language = language
    idea.save()
    later(mails.send_confirmation, idea)
    return idea


@transaction.atomic
def record_idea(*, form):
    """An idea from another channel, typed in by staff; answered by mail only once confirmed."""
    idea = form.save()
    later(mails.send_confirmation, idea)
    return idea


def confirm_email(*, token):
    """Confirm the address a link was sent to; None if the address changed or was erased.

    Raises signing.BadSignature for forged or expired links.
    """
    idea = mails.read_confirmation_token(token)
    if idea is None:
        return None
    if not idea.email_confirmed_at:
        idea.email_confirmed_at = timezone.now()
        idea.save(update_fields=["email_confirmed_at", "updated_at"])
    return idea


def _notify_answer(before, idea):
    newly_final = idea.state != before.state and idea.state in (
        Idea.State.ACCEPTED,
        Idea.State.REJECTED,
        Idea.State.DUPLICATE,
    )
    new_answer = idea.public_answer and idea.public_answer != before.public_answer
    if newly_final or new_answer:
        later(mails.send_update, idea, MailLog.Kind.ANSWERED)


@transaction.atomic
def moderate_idea(*, form):
    before = Idea.objects.select_for_update().get(pk=form.instance.pk)
    idea = form.save(commit=False)
    stamp_answer(idea, before.state)
    idea.save()
    if "publish_scores" in form.cleaned_data and idea.measure_id:
        publish_scores(measure=idea.measure, publish=form.cleaned_data["publish_scores"])
    _notify_answer(before, idea)
    return idea


@transaction.atomic
def bulk_change(*, ideas, action, public_answer=""):
    """Change many ideas at once; promoted ideas keep their state. Returns how many changed."""
    changed = 0
    for idea in Idea.objects.select_for_update().filter(pk__in=[i.pk for i in ideas]):
        before_state, before_answer = idea.state, idea.public_answer
        if action in ("hide", "show"):
            idea.is_hidden = action == "hide"
        elif idea.state == Idea.State.PROMOTED:
            continue
        else:
            idea.state = action
            idea.duplicate_of = None
            if public_answer:
                idea.public_answer = public_answer
            stamp_answer(idea, before_state)
        idea.save()
        changed += 1
        before = Idea(state=before_state, public_answer=before_answer)
        _notify_answer(before, idea)
    return changed


def promotion_answer(idea, measure):
    with translation.override(idea.language):
        return _("Your idea was taken up in the agenda as the measure “%(measure)s”.") % {
            "measure": measure.title
        }


@transaction.atomic
def promote_ideas(*, idea_ids, form, formsets):
    """Create the measure and link the ideas to it, all or nothing.

    The ideas are checked after the measure is written, under a row lock: if a colleague
    promoted or deleted one meanwhile, PromotionError undoes the measure as well.
    """
    measure = save_measure(form=form, formsets=formsets)
    ideas = list(Idea.objects.select_for_update().filter(pk__in=idea_ids).order_by("pk"))
    if not ideas or len(ideas) != len(set(idea_ids)):
        raise PromotionError(_("One of the ideas was deleted meanwhile. Nothing was saved."))
    for idea in ideas:
        if idea.state in (Idea.State.PROMOTED, Idea.State.DUPLICATE):
            raise PromotionError(
                _("“%(idea)s” is already %(state)s. Nothing was saved.")
                % {"idea": idea.title, "state": idea.get_state_display()}
            )
        previous = idea.state
        idea.state = Idea.State.PROMOTED
        idea.measure = measure
        if not idea.public_answer:
            idea.public_answer = promotion_answer(idea, measure)
        stamp_answer(idea, previous)
        idea.save()
        later(mails.send_update, idea, MailLog.Kind.PROMOTED, measure=measure)
    return measure


def notify_measure_status(measure, previous_status):
    previous = measure.Status(previous_status).label
    for idea in measure.ideas.all():
        mails.send_update(idea, MailLog.Kind.MEASURE_STATUS, measure=measure, previous=previous)


def supporter_key(cookie_value):
    # Only a hash of the browser's random cookie is kept.
    return hashlib.sha256(cookie_value.encode()).hexdigest()


def support_idea(*, idea, cookie_value):
    """Count one support per browser; False if this browser supported the idea before."""
    try:
        with transaction.atomic():
            _obj, created = Support.objects.get_or_create(
                idea=idea, supporter=supporter_key(cookie_value)
            )
    except IntegrityError:
        return False
    return created


def erase_personal_data(idea, now=None):
    idea.name = ""
    idea.email = ""
    idea.publish_name = False
    idea.consent_processing = False
    idea.email_confirmed_at = None
    idea.personal_data_erased_at = now or timezone.now()
    idea.save()


@transaction.atomic
def apply_retention(*, now=None, dry_run=False):
    """Erase names and addresses past the retention period; keep what the ideas say.

    Answered ideas keep them PARTICIPATION_RETENTION_DAYS after the final answer, ideas
    without one PARTICIPATION_UNANSWERED_RETENTION_DAYS after submission. Also drops
    addresses never confirmed within the confirmation period, and solved captcha
    challenges that have expired. Returns the counts.
    """
    now = now or timezone.now()
    answered = Idea.objects.answered_past_retention(settings.PARTICIPATION_RETENTION_DAYS, now)
    unanswered = Idea.objects.unanswered_past_retention(
        settings.PARTICIPATION_UNANSWERED_RETENTION_DAYS, now
    )
    unconfirmed = Idea.objects.filter(
        email_confirmed_at__isnull=True,
        created_at__lt=now - datetime.timedelta(days=settings.PARTICIPATION_CONFIRM_DAYS),
    ).exclude(email="")
    counts = {
        "anonymised": answered.count(),
        "unanswered": unanswered.count(),
        "unconfirmed": unconfirmed.count(),
    }
    if dry_run:
        return counts
    expired = Idea.objects.past_retention(
        settings.PARTICIPATION_RETENTION_DAYS, settings.PARTICIPATION_UNANSWERED_RETENTION_DAYS, now
    )
    for idea in expired.select_for_update():
        erase_personal_data(idea, now)
    unconfirmed.update(email="", consent_processing=False, updated_at=now)
    counts["challenges"] = captcha.forget_expired(now)
    return counts
