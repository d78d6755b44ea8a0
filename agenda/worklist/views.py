"""“Meine Aufgaben”: what is due for the logged-in user, and one form to report on it all."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import generic

from agenda.models import ReminderDigest, SiteProfile
from agenda.worklist import services
from agenda.worklist.forms import StaffProfileForm, build_formset
from agenda.worklist.items import due_items, sections
from measures.models import Measure, StaffProfile
from strategy.staff.views import StaffPermissionMixin


class Worklist(StaffPermissionMixin, generic.View):
    model = Measure
    action = "view"
    template_name = "agenda/worklist/index.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.today = timezone.localdate()

    def formset(self, data=None):
        interval = SiteProfile.current().update_interval_days
        return build_formset(user=self.request.user, today=self.today, data=data, interval=interval)

    def render(self, formset, status=200):
        found = sections(due_items(self.request.user, self.today), self.today)
        context = {
            "sections": found,
            "total": sum(s["count"] for s in found),
            "formset": formset,
            "today": self.today,
            "releases": self.request.user.has_perm("measures.release_progressreport"),
            "has_errors": formset.is_bound and formset.total_error_count() > 0,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        return self.render(self.formset())

    def post(self, request):
        formset = self.formset(request.POST)
        if not formset.is_valid():
            return self.render(formset)
        rows = formset.touched_rows()
        if not rows:
            messages.info(request, _("Nothing was saved: no row was changed."))
            return redirect("worklist:index")
        try:
            reports = services.update_measures(user=request.user, rows=rows)
        except services.EditConflict as conflict:
            return self.conflict(conflict)
        count = len(reports)
        messages.success(
            request,
            ngettext(
                "%(count)d progress report was saved.",
                "%(count)d progress reports were saved.",
                count,
            )
            % {"count": count},
        )
        if reports and reports[0].released_at is None:
            messages.info(request, _("Your reports are drafts until Redaktion releases them."))
        return redirect("worklist:index")

    def conflict(self, conflict):
        """Nothing was stored; the row that met a colleague's change says so, input kept."""
        current = Measure.objects.get(pk=conflict.measure.pk)
        data = self.request.POST.copy()
        formset = self.formset(data)
        formset.is_valid()
        for form in formset.forms:
            if form.target is not None and form.target.pk == current.pk:
                # Saving again knowingly builds on the colleague's version.
                data[form.add_prefix("version")] = current.version
                form.add_error(
                    None,
                    _(
                        "Not saved: “%(measure)s” was changed by someone else meanwhile "
                        "(status now: %(status)s). Nothing of this form was stored; check "
                        "your input and save again."
                    )
                    % {"measure": current, "status": current.get_status_display()},
                )
        return self.render(formset, status=409)


class ProfileSettings(StaffPermissionMixin, generic.UpdateView):
    """The user's own reminder settings, their unit and the last reminders sent to them."""

    model = Measure
    action = "view"
    form_class = StaffProfileForm
    template_name = "agenda/worklist/settings.html"

    def get_object(self, queryset=None):
        return StaffProfile.for_user(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["profile"] = self.object
        context["digests"] = ReminderDigest.objects.filter(user=self.request.user)[:10]
        return context

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("Your settings were saved."))
        return redirect("worklist:settings")
