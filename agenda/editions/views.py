"""Editions, reports and the comparison, for staff; adopted editions for everyone."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import generic
from django.views.decorators.http import require_GET

from agenda.editions import services
from agenda.editions.forms import EditionForm, EditionMetaForm, ReportForm, SiteProfileForm
from agenda.models import Edition, Report, SiteProfile
from agenda.report import members
from agenda.report.diff import compare
from agenda.report.render import choice_labels
from agenda.report.snapshot import all_measures, build_snapshot, select
from strategy.models import Organisation
from strategy.organisations.rules import may_edit_for
from strategy.staff.views import EditObjectMixin, FormUserMixin, StaffPermissionMixin

REPORT_FIELDS = [
    "id",
    "edition_id",
    "field_code",
    "include_unpublished",
    "audience",
    "extent",
    "organisation",
    "status",
    "progress",
    "stage",
    "heartbeat_at",
    "page_count",
    "render_seconds",
    "created_at",
    "finished_at",
]


def reports():
    """Reports without their PDF bytes: lists never load the documents."""
    return Report.objects.only(*REPORT_FIELDS).select_related("edition", "organisation")


def staff_reports():
    """As `reports()`, after giving up on reports whose worker died: staff see what happened."""
    Report.objects.fail_stale()
    return reports()


class EditionList(StaffPermissionMixin, generic.ListView):
    model = Edition
    template_name = "agenda/editions/edition_list.html"

    def get_queryset(self):
        return (
            Edition.objects.defer("snapshot")
            .select_related("organisation", "adoption")
            .prefetch_related(Prefetch("reports", queryset=staff_reports().order_by("-created_at")))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["current_reports"] = reports().filter(edition=None)[:10]
        context["report_form"] = ReportForm(user=self.request.user)
        context["several"] = Organisation.objects.several()
        context["can_request"] = self.request.user.has_perm("agenda.add_report")
        return context


class EditionCreate(FormUserMixin, StaffPermissionMixin, generic.CreateView):
    model = Edition
    action = "add"
    form_class = EditionForm
    template_name = "staff/object_form.html"

    def form_valid(self, form):
        self.check_object(form.instance)
        edition = services.freeze_edition(form=form, user=self.request.user)
        messages.success(
            self.request,
            _("The agenda was frozen as “%(edition)s”. Its report is being prepared.")
            % {"edition": edition},
        )
        return redirect(edition)


class EditionDetail(StaffPermissionMixin, generic.DetailView):
    model = Edition
    template_name = "agenda/editions/edition_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reports"] = staff_reports().filter(edition=self.object)
        context["report_form"] = ReportForm(user=self.request.user, edition=self.object)
        context["can_request"] = self.request.user.has_perm("agenda.add_report")
        context["previous"] = self.object.previous()
        measures = all_measures(self.object.snapshot)
        if self.object.organisation_id:  # a member's edition: its own and joint measures
            slug = self.object.organisation.slug
            measures = [m for m in measures if members.takes_part(m, slug)]
        context["measure_count"] = len(measures)
        return context


class EditionUpdate(EditObjectMixin, StaffPermissionMixin, generic.UpdateView):
    model = Edition
    action = "change"
    form_class = EditionMetaForm
    template_name = "staff/object_form.html"

    def form_valid(self, form):
        edition = services.update_edition(form=form)
        messages.success(self.request, _("“%(object)s” was saved.") % {"object": edition})
        return redirect(edition)


class ReportCreate(StaffPermissionMixin, generic.View):
    model = Report
    action = "add"
    http_method_names = ["post"]

    def post(self, request, pk=None):
        edition = get_object_or_404(Edition.objects.defer("snapshot"), pk=pk) if pk else None
        if edition is not None and edition.organisation_id:
            # Another member's edition: its reports are that member's business.
            self.check_object(edition)
        form = ReportForm(request.POST, user=request.user, edition=edition)
        if not form.is_valid():
            refused = (
                form.errors.get("organisation")
                or form.errors.get("extent")
                or form.non_field_errors()
            )
            messages.error(
                request, refused[0] if refused else _("Please choose a valid scope for the report.")
            )
            return redirect(edition or "editions:edition-list")
        organisation = form.cleaned_data.get("organisation")
        if not may_edit_for(request.user, organisation.pk if organisation else None):
            raise PermissionDenied
        report = services.request_report(
            user=request.user,
            edition=edition,
            organisation=organisation,
            field_code=form.cleaned_data["field_code"],
            include_unpublished=form.cleaned_data["include_unpublished"],
            audience=form.cleaned_data["audience"],
            extent=form.cleaned_data["extent"],
        )
        return redirect(report)


class ReportDetail(StaffPermissionMixin, generic.DetailView):
    model = Report
    template_name = "agenda/editions/report_detail.html"

    def get_queryset(self):
        return staff_reports()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_request"] = self.request.user.has_perm("agenda.add_report")
        return context


class ReportRetry(StaffPermissionMixin, generic.View):
    """Start a failed report again, with the same options."""

    model = Report
    action = "add"
    http_method_names = ["post"]

    def post(self, request, pk):
        report = self.check_object(get_object_or_404(staff_reports(), pk=pk))
        if not report.is_failed:
            messages.info(request, _("This report has not failed; it is not started again."))
            return redirect(report)
        return redirect(services.retry_report(report=report, user=request.user))


class ReportStatus(StaffPermissionMixin, generic.View):
    model = Report
    http_method_names = ["get", "head"]

    def get(self, request, pk):
        report = get_object_or_404(staff_reports(), pk=pk)
        return JsonResponse(
            {
                "status": report.status,
                "status_label": report.get_status_display(),
                "progress": report.progress,
                "stage": _(report.stage) if report.stage else "",
                "pages": report.page_count,
                "done": report.status == Report.Status.DONE,
                "failed": report.status == Report.Status.FAILED,
            }
        )


def _pdf_response(report):
    response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
    return response


class ReportPdf(StaffPermissionMixin, generic.View):
    model = Report
    http_method_names = ["get", "head"]

    def get(self, request, pk):
        report = get_object_or_404(
            Report.objects.select_related("edition"), pk=pk, status=Report.Status.DONE
        )
        return _pdf_response(report)


class Compare(StaffPermissionMixin, generic.TemplateView):
    """Any two editions, or an edition and today: the same list the report shows."""

    model = Edition
    template_name = "agenda/editions/compare.html"

    def _side(self, value):
        if value in (None, "", "heute"):
            return None
        if not (str(value).isascii() and str(value).isdigit()):
            raise Http404
        return get_object_or_404(Edition, pk=value)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        editions = list(Edition.objects.defer("snapshot"))
        first = self._side(self.request.GET.get("von") or (editions[0].pk if editions else None))
        second = self._side(self.request.GET.get("bis"))
        unpublished = self.request.GET.get("entwuerfe") == "1"
        old = select(first.snapshot, include_unpublished=unpublished) if first else None
        new = select(
            second.snapshot if second else build_snapshot(), include_unpublished=unpublished
        )
        context.update(
            {
                "editions": editions,
                "first": first,
                "second": second,
                "unpublished": unpublished,
                "changes": compare(old, new) if old is not None else None,
                "labels": choice_labels(),
            }
        )
        return context


class SiteProfileEdit(StaffPermissionMixin, generic.UpdateView):
    model = SiteProfile
    action = "change"
    form_class = SiteProfileForm
    template_name = "agenda/editions/site_profile.html"

    def get_object(self, queryset=None):
        return SiteProfile.current()

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("The site profile was saved."))
        return redirect("editions:site-profile")


def full_public_reports(queryset=None):
    """The public download is the full report: a compact edition made later never replaces it."""
    queryset = reports() if queryset is None else queryset
    return queryset.public_in_scope().filter(extent=Report.Extent.FULL)


def adopted_editions(request):
    editions = Edition.objects.defer("snapshot").adopted()
    editions = editions.select_related("organisation")
    public = {r.edition_id: r for r in full_public_reports().filter(edition__in=editions)}
    rows = [(edition, public.get(edition.pk)) for edition in editions]
    return render(request, "agenda/editions/public_list.html", {"rows": rows})


@require_GET
def adopted_pdf(request, pk):
    report = (
        full_public_reports(Report.objects)
        .select_related("edition", "organisation")
        .filter(edition_id=pk)
        .order_by("-finished_at")
        .first()
    )
    if report is None:
        raise Http404
    return _pdf_response(report)
