"""Staff downloads of the measures (CSV, XLSX, JSON) and the upload that imports them."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from agenda.transfer.imports import MAX_BYTES, ImportRefused, import_measures
from measures.filters import MeasureFilter
from measures.models import Measure
from measures.views import measure_queryset
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
        self.helper.add_input(Submit("upload", gettext_lazy("Check and import")))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // 2**20}
            )
        return upload


class MeasureImport(StaffPermissionMixin, generic.FormView):
    model = Measure
    form_class = ImportForm
    template_name = "agenda/exports/import.html"

    def get_permission_required(self):
        return ["measures.add_measure", "measures.change_measure"]

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            result = import_measures(
                content=upload.read(), filename=upload.name, user=self.request.user
            )
        except ImportRefused as refused:
            context = self.get_context_data(
                form=self.form_class(), problems=refused.problems, filename=upload.name
            )
            return render(self.request, self.template_name, context, status=400)
        context = self.get_context_data(result=result, filename=upload.name)
        return render(self.request, "agenda/exports/import_done.html", context)
