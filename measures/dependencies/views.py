from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import generic

from measures.dependencies.forms import DependencyForm
from measures.dependencies.models import Dependency
from measures.dependencies.services import add_dependency, remove_dependency
from measures.models import Measure
from strategy.staff.views import StaffPermissionMixin


class DependencyCreate(StaffPermissionMixin, generic.View):
    """Add a prerequisite to a measure: for those who may edit the measure."""

    model = Measure
    template_name = "dependencies/dependency_form.html"

    def has_permission(self):
        if not super().has_permission():
            return False
        self.measure = get_object_or_404(Measure, pk=self.kwargs["pk"])
        return self.measure.can_be_edited_by(self.request.user)

    def render(self, form):
        return render(self.request, self.template_name, {"form": form, "object": self.measure})

    def get(self, request, *args, **kwargs):
        return self.render(DependencyForm(dependant=self.measure))

    def post(self, request, *args, **kwargs):
        form = DependencyForm(request.POST, dependant=self.measure)
        if not form.is_valid():
            return self.render(form)
        try:
            link = add_dependency(
                prerequisite=form.cleaned_data["prerequisite"],
                dependant=self.measure,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            # A colleague closed the cycle between the form's check and the locked one.
            form.add_error(None, error)
            return self.render(form)
        messages.success(request, _("“%(object)s” was created.") % {"object": link})
        return redirect(self.measure)


class DependencyDelete(StaffPermissionMixin, generic.View):
    model = Measure
    template_name = "staff/object_confirm_delete.html"

    def has_permission(self):
        if not super().has_permission():
            return False
        self.object = get_object_or_404(
            Dependency.objects.select_related("prerequisite", "dependant"), pk=self.kwargs["pk"]
        )
        return self.object.dependant.can_be_edited_by(self.request.user)

    def get(self, request, *args, **kwargs):
        context = {"object": self.object, "opts": Dependency._meta}
        return render(request, self.template_name, context)

    def post(self, request, *args, **kwargs):
        measure = self.object.dependant
        label = str(self.object)
        remove_dependency(dependency=self.object)
        messages.success(request, _("“%(object)s” was deleted.") % {"object": label})
        return redirect(measure)
