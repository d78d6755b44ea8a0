"""Staff pages for a measure's council decisions: manual entry and the OParl link."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import generic

from agenda.council import oparl, services
from agenda.council.forms import DecisionForm, PaperSearchForm
from agenda.council.models import BODY_SUGGESTIONS, Decision
from agenda.models import SiteProfile
from measures.models import Measure
from strategy.bidi import isolate_text
from strategy.staff.views import StaffPermissionMixin

NO_SYSTEM = gettext_lazy(
    "No OParl address is set in the site profile. Please ask the editorial team to set it; "
    "the portal reads papers from that system only."
)


class MeasureDecisionGate(StaffPermissionMixin):
    """Who may edit the measure may record its decisions (Measure.can_be_edited_by)."""

    model = Measure

    def has_permission(self):
        if not super().has_permission():
            return False
        if "decision" in self.kwargs:
            self.decision = get_object_or_404(
                Decision.objects.select_related("measure"),
                pk=self.kwargs["decision"],
                measure__isnull=False,
            )
            self.measure = self.decision.measure
        else:
            self.decision = None
            self.measure = get_object_or_404(Measure, pk=self.kwargs["pk"])
        return self.measure.can_be_edited_by(self.request.user)


class DecisionEdit(MeasureDecisionGate, generic.View):
    template_name = "council/decision_form.html"

    def render(self, form, status=200):
        title = (
            _("Edit council decision on “%(measure)s”")
            if self.decision
            else _("New council decision on “%(measure)s”")
        ) % {"measure": isolate_text(self.measure)}
        context = {"form": form, "title": title, "parent": self.measure}
        context["bodies"] = BODY_SUGGESTIONS
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render(DecisionForm(instance=self.decision))

    def post(self, request, *args, **kwargs):
        form = DecisionForm(request.POST, instance=self.decision)
        # One transaction, so the form's locked check against a colleague's save holds until
        # the write.
        with transaction.atomic():
            if not form.is_valid():
                stale = form.has_error(NON_FIELD_ERRORS, "stale")
                return self.render(form, status=409 if stale else 200)
            form.instance.measure = self.measure
            form.save()
        messages.success(request, _("The council decision was saved."))
        return redirect(self.measure)


class DecisionDelete(MeasureDecisionGate, generic.View):
    template_name = "council/decision_confirm_delete.html"

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, {"object": self.decision})

    def post(self, request, *args, **kwargs):
        label = str(self.decision)
        self.decision.delete()
        messages.success(request, _("“%(object)s” was deleted.") % {"object": label})
        return redirect(self.measure)


class PaperLink(MeasureDecisionGate, generic.View):
    """Search the council information system's papers, or take a pasted address, and link
    the chosen paper's decisions to the measure."""

    template_name = "council/paper_link.html"

    def render(self, form, papers=None, status=200):
        context = {
            "form": form,
            "papers": papers,
            "measure": self.measure,
            "system_url": SiteProfile.current().oparl_system_url,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        if "query" not in request.GET:
            return self.render(PaperSearchForm())
        form = PaperSearchForm(request.GET)
        if not form.is_valid():
            return self.render(form)
        query = form.cleaned_data["query"]
        system_url = SiteProfile.current().oparl_system_url
        if system_url and query.startswith(("http://", "https://")):
            try:
                oparl.check_url(query, oparl.origin_of(system_url))
                papers = [oparl.paper_summary(oparl.get_object(query, "Paper"))]
            except oparl.OParlError as error:
                form.add_error("query", str(error))
                return self.render(form)
            return self.render(form, papers)
        if not system_url:
            form.add_error("query", NO_SYSTEM)
            return self.render(form)
        try:
            papers = oparl.search_papers(system_url, query)
        except oparl.OParlError as error:
            messages.error(request, str(error))
            return self.render(form)
        return self.render(form, papers)

    def post(self, request, *args, **kwargs):
        paper_url = request.POST.get("paper", "")
        system_url = SiteProfile.current().oparl_system_url
        try:
            if not system_url:
                raise oparl.OParlError(NO_SYSTEM)
            decisions = services.link_paper(
                measure=self.measure, paper_url=paper_url, system_url=system_url
            )
        except oparl.OParlError as error:
            messages.error(request, str(error))
            return self.render(PaperSearchForm())
        if decisions:
            count = len(decisions)
            messages.success(
                request,
                ngettext(
                    "%(count)s council decision from the council information system was saved.",
                    "%(count)s council decisions from the council information system were saved.",
                    count,
                )
                % {"count": count},
            )
        else:
            messages.warning(request, _("The paper has no consultation yet: nothing to link."))
        return redirect(self.measure)
