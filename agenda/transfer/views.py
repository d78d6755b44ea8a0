"""Staff downloads of the measures (CSV, XLSX, JSON) and of the indicator values (XLSX),
and the uploads that import them."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from agenda.transfer import indicator_values
from agenda.transfer.imports import MAX_BYTES, ImportRefused, import_measures
from measures.filters import MeasureFilter
from measures.models import Measure
from measures.views import measure_queryset
from strategy.forms import KernSubmit
from strategy.models import Indicator, IndicatorValue
from strategy.staff.views import StaffPermissionMixin


class MeasureExport(StaffPermissionMixin, generic.View):
    """The measures of the staff list, filtered and sorted like it, as a file."""

    model = Measure
    renderer = None  # render_csv, render_xlsx or render_json from agenda.exports

    def get(self, request):
        filterset = MeasureFilter(
            request.GET or None, queryset=measure_queryset().order_by("reference")
        )
        if filterset.is_bound and not filterset.is_valid():
            return HttpResponseBadRequest(_("The filter is not valid. Correct it in the list."))
        filename, content_type, content = self.renderer(filterset.qs)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("A CSV or XLSX file in the export format, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(KernSubmit("upload", gettext_lazy("Check and import")))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // 2**20}
            )
        return upload


class UploadImport(StaffPermissionMixin, generic.FormView):
    """An upload checked as a whole: its problems listed on the form page, or its result."""

    form_class = ImportForm

    def run(self, upload):
        raise NotImplementedError

    def done(self, result, upload):
        raise NotImplementedError

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            result = self.run(upload)
        except ImportRefused as refused:
            context = self.get_context_data(
                form=self.form_class(), problems=refused.problems, filename=upload.name
            )
            return render(self.request, self.template_name, context, status=400)
        return self.done(result, upload)


class MeasureImport(UploadImport):
    model = Measure
    template_name = "agenda/exports/import.html"

    def get_permission_required(self):
        return ["measures.add_measure", "measures.change_measure"]

    def run(self, upload):
        return import_measures(content=upload.read(), filename=upload.name, user=self.request.user)

    def done(self, result, upload):
        context = self.get_context_data(result=result, filename=upload.name)
        return render(self.request, "agenda/exports/import_done.html", context)


class IndicatorValuesExport(StaffPermissionMixin, generic.View):
    """Every indicator value as an XLSX table, the format the import reads back."""

    model = Indicator

    def get(self, request):
        filename, content_type, content = indicator_values.render_xlsx()
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class IndicatorValuesImport(UploadImport):
    model = IndicatorValue
    template_name = "agenda/exports/indicator_import.html"

    def get_permission_required(self):
        return ["strategy.add_indicatorvalue", "strategy.change_indicatorvalue"]

    def run(self, upload):
        return indicator_values.import_indicator_values(
            content=upload.read(), filename=upload.name, user=self.request.user
        )

    def done(self, result, upload):
        messages.success(
            self.request,
            _(
                "“%(name)s” was imported: %(created)d values added, %(updated)d changed, "
                "%(unchanged)d unchanged."
            )
            % {
                "name": upload.name,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            },
        )
        return redirect("strategy:indicator-list")
