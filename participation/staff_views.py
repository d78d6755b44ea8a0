"""Moderation: the inbox, answering and routing ideas, and promoting them into measures."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import generic
from django_filters.views import FilterView

from measures.models import Measure
from measures.views import MeasureFormView
from participation import services
from participation.filters import InboxFilter
from participation.forms import BulkForm, ModerationForm, StaffIdeaForm, UnitAnswerForm
from participation.models import Idea
from strategy.organisations.models import Organisation
from strategy.organisations.rules import member_scope
from strategy.staff.views import FormUserMixin, StaffPermissionMixin
from strategy.tables.columns import ColumnChoice, ColumnChoiceMixin

PROMOTE_PARAM = "idee"


class Inbox(ColumnChoiceMixin, StaffPermissionMixin, FilterView):
    staff_page_cache = True  # agenda/pagecache/staff.py
    # A new idea does not move the page version (it is not public yet): the inbox must show it.
    staff_page_cache_part = staticmethod(Idea.objects.newest_id)
    model = Idea
    action = "change"
    # Title (with kind, channel, field and day of receipt under it), state and answer date are
    # always shown; the defaults keep the list within 1,280 px next to the staff navigation.
    column_choice = ColumnChoice(
        key="ideas",
        optional={
            "organisation": gettext_lazy("Addressed to"),
            "unit": gettext_lazy("Responsible unit"),
            "supports": gettext_lazy("Supports"),
        },
        defaults=frozenset({"organisation", "unit"}),
    )
    filterset_class = InboxFilter
    template_name = "participation/inbox.html"
    paginate_by = 50

    def get_queryset(self):
        return (
            Idea.objects.for_staff(self.request.user)
            .with_support_count()
            .select_related("action_field", "responsible_unit", "measure", "organisation")
            .order_by("-received_on", "-id")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = Idea.objects.for_staff(self.request.user).state_counts()
        context["state_counts"] = [
            (value, label, counts[value]) for value, label in Idea.State.choices
        ]
        context["overdue_count"] = counts["overdue"]
        context["total_count"] = counts["total"]
        context["bulk_form"] = BulkForm(user=self.request.user)
        # Whom an idea is addressed to, for those who see the ideas of several organisations.
        context["show_organisation"] = show_organisation = (
            member_scope(self.request.user) is None and Organisation.objects.several()
        )
        if not show_organisation:
            # With one organisation in sight there is nobody else to address: no such column.
            context["column_options"] = [
                option for option in context["column_options"] if option[0] != "organisation"
            ]
            context["columns"] = context["columns"] - {"organisation"}
        context["today"] = timezone.localdate()
        return context


class IdeaCreate(FormUserMixin, StaffPermissionMixin, generic.CreateView):
    model = Idea
    action = "add"
    form_class = StaffIdeaForm
    template_name = "staff/object_form.html"

    def form_valid(self, form):
        idea = services.record_idea(form=form)
        messages.success(self.request, _("“%(object)s” was created.") % {"object": idea})
        return redirect(idea)


class IdeaModerate(FormUserMixin, StaffPermissionMixin, generic.UpdateView):
    """The idea with everything known about it, and the form to answer and route it."""

    model = Idea
    action = "change"
    form_class = ModerationForm
    template_name = "participation/moderate.html"

    def get_queryset(self):
        # Another member's idea is not found (404), as if it did not exist.
        return (
            Idea.objects.for_staff(self.request.user)
            .with_support_count()
            .select_related(
                "action_field", "responsible_unit", "measure", "duplicate_of", "organisation"
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["mails"] = self.object.mails.all()[:20]
        context["duplicates"] = self.object.duplicates.all()
        context["promote_url"] = promote_url([self.object.pk])
        context["history"] = self.object.history.select_related("history_user")[:20]
        return context

    def form_valid(self, form):
        idea = services.moderate_idea(form=form)
        messages.success(self.request, _("“%(object)s” was saved.") % {"object": idea})
        return redirect(idea)


class IdeaAnswer(StaffPermissionMixin, generic.UpdateView):
    """The unit an idea is routed to answers it; the submitter's name and address stay hidden."""

    model = Idea
    form_class = UnitAnswerForm
    template_name = "participation/answer.html"

    def get_permission_required(self):
        return ["measures.view_measure"]

    def has_permission(self):
        if not super().has_permission():
            return False
        self.object = get_object_or_404(
            Idea.objects.select_related("action_field", "responsible_unit"), pk=self.kwargs["pk"]
        )
        return self.object.can_be_answered_by(self.request.user)

    def get_object(self, queryset=None):
        return self.object

    def form_valid(self, form):
        idea = services.moderate_idea(form=form)
        messages.success(
            self.request, _("Your answer to “%(object)s” was saved.") % {"object": idea}
        )
        return redirect("worklist:index")


def promote_url(pks):
    query = urlencode([(PROMOTE_PARAM, pk) for pk in pks])
    return f"{reverse('participation:idea-promote')}?{query}"


class BulkChange(StaffPermissionMixin, generic.View):
    model = Idea
    action = "change"
    http_method_names = ["post"]

    def post(self, request):
        form = BulkForm(request.POST, user=request.user)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("participation:inbox")
        ideas = form.cleaned_data["ideas"]
        action = form.cleaned_data["action"]
        if action == "promote":
            return redirect(promote_url([idea.pk for idea in ideas]))
        changed = services.bulk_change(
            ideas=ideas, action=action, public_answer=form.cleaned_data["public_answer"]
        )
        messages.success(
            request,
            ngettext("%(count)d idea was changed.", "%(count)d ideas were changed.", changed)
            % {"count": changed},
        )
        skipped = len(ideas) - changed
        if skipped:
            messages.warning(
                request,
                ngettext(
                    "%(count)d idea already became a measure and kept its state.",
                    "%(count)d ideas already became measures and kept their state.",
                    skipped,
                )
                % {"count": skipped},
            )
        return redirect("participation:inbox")


class PromoteIdeas(MeasureFormView):
    """ "Als Maßnahme übernehmen": the measure form, prefilled from one or several ideas."""

    template_name = "participation/promote.html"

    def get_permission_required(self):
        return ["measures.add_measure", "participation.change_idea"]

    def has_permission(self):
        if not super().has_permission():
            return False
        self.ideas = self.chosen_ideas()
        return True

    def chosen_ideas(self):
        source = self.request.POST if self.request.method == "POST" else self.request.GET
        pks = [
            pk
            for pk in source.getlist(PROMOTE_PARAM)
            if pk.isascii() and pk.isdigit() and len(pk) < 19
        ]
        ideas = list(
            Idea.objects.for_staff(self.request.user)
            .filter(pk__in=pks)
            .select_related("action_field")
        )
        if len(ideas) < len(set(pks)) and Idea.objects.filter(pk__in=pks).count() > len(ideas):
            # Another member's idea: not found, as on its moderation page.
            raise Http404
        return ideas

    def get_initial(self):
        ideas = self.ideas
        fields = {idea.action_field for idea in ideas}
        # One idea names the measure; for several, staff choose the title themselves.
        initial = {
            "title": ideas[0].title if len(ideas) == 1 else "",
            "description": "\n\n".join(
                f"{idea.title} ({idea.get_kind_display()}, "
                f"{date_format(idea.received_on, 'SHORT_DATE_FORMAT')}):\n{idea.description}"
                for idea in ideas
            ),
            "status": "idea",
        }
        if len(fields) == 1 and None not in fields:
            initial["action_field"] = fields.pop()
        return initial

    def get(self, request, *args, **kwargs):
        if not self.ideas:
            messages.error(request, _("Choose at least one idea to promote."))
            return redirect("participation:inbox")
        return super().get(request, *args, **kwargs)

    def render(self, form, formsets, conflict=None, status=200):
        self.extra_context = {"ideas": self.ideas}
        return super().render(form, formsets, conflict=conflict, status=status)

    def save(self, form, formsets, expected_version):
        return services.promote_ideas(
            idea_ids=[idea.pk for idea in self.ideas], form=form, formsets=formsets
        )

    def post(self, request, *args, **kwargs):
        if not self.ideas:
            messages.error(request, _("Choose at least one idea to promote."))
            return redirect("participation:inbox")
        try:
            return super().post(request, *args, **kwargs)
        except services.PromotionError as error:
            # Everything was rolled back; start again from an unsaved measure.
            self.object = Measure()
            form, formsets = self.build(request.POST)
            form.is_valid()
            form.add_error(None, str(error))
            return self.render(form, formsets, status=409)
