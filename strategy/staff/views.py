"""Generic building blocks for the staff workspace: permission-checked CRUD views.

Every staff view derives the permission it needs from its model and action, so the rule
"which role may do what" lives in the role definitions alone (strategy/staff/roles.py).
"""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import ProtectedError
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic

from strategy.staff.signals import bulk_changed


def permission_name(model, action):
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


class StaffPermissionMixin(PermissionRequiredMixin):
    """Anonymous users go to the login; logged-in users without the right get 403."""

    model = None
    action = "view"

    def get_permission_required(self):
        return [permission_name(self.model, self.action)]

    def has_permission(self):
        """The model permission, and for writes the model's own rule: what belongs to the
        whole federation (`may_be_written_by`, e.g. principles, the site profile) is written
        by the root's staff only (strategy/organisations/rules.py)."""
        if not super().has_permission():
            return False
        rule = getattr(self.model, "may_be_written_by", None)
        return self.action == "view" or rule is None or rule(self.request.user)

    def check_object(self, obj):
        """Object-level rule on top of the model permission: objects that know who may edit
        them (`can_be_edited_by`, e.g. a member's goal or measure) refuse everyone else."""
        rule = getattr(obj, "can_be_edited_by", None)
        if rule is not None and not rule(self.request.user):
            raise PermissionDenied
        return obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        opts = self.model._meta
        context["opts"] = opts
        # Buttons only for what the user may do: the permission, the model's rule (things of
        # the whole federation are the root's) and, on an object's page, the object's rule.
        user = self.request.user
        rule = getattr(self.model, "may_be_written_by", None)
        may_write = rule is None or rule(user)
        may_change = may_write
        obj = getattr(self, "object", None)
        if may_change and obj is not None and obj.pk and hasattr(obj, "can_be_edited_by"):
            may_change = obj.can_be_edited_by(user)
        perm = user.has_perm
        context["can_add"] = may_write and perm(permission_name(self.model, "add"))
        context["can_change"] = may_change and perm(permission_name(self.model, "change"))
        context["can_delete"] = may_change and perm(permission_name(self.model, "delete"))
        return context


class StaffListView(StaffPermissionMixin, generic.ListView):
    paginate_by = 50


class StaffDetailView(StaffPermissionMixin, generic.DetailView):
    pass


class FormUserMixin:
    """Forms that depend on who edits (`takes_user = True`) receive the user."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if getattr(self.get_form_class(), "takes_user", False):
            kwargs["user"] = self.request.user
        return kwargs


class EditObjectMixin:
    """Update, delete and move views check the object they act on (see check_object)."""

    def get_object(self, queryset=None):
        return self.check_object(super().get_object(queryset))


class StaffCreateView(FormUserMixin, StaffPermissionMixin, generic.CreateView):
    action = "add"
    template_name = "staff/object_form.html"

    def form_valid(self, form):
        self.check_object(form.instance)
        response = super().form_valid(form)
        messages.success(self.request, _("“%(object)s” was created.") % {"object": self.object})
        return response


class StaffUpdateView(FormUserMixin, EditObjectMixin, StaffPermissionMixin, generic.UpdateView):
    action = "change"
    template_name = "staff/object_form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("“%(object)s” was saved.") % {"object": self.object})
        return response


class StaffDeleteView(EditObjectMixin, StaffPermissionMixin, generic.DeleteView):
    action = "delete"
    template_name = "staff/object_confirm_delete.html"
    success_list = None

    def get_success_url(self):
        return reverse(self.success_list)

    def form_valid(self, form):
        label = str(self.object)
        try:
            with transaction.atomic():
                self.object.delete()
        except ProtectedError as error:
            used_by = sorted({str(obj) for obj in error.protected_objects})[:5]
            messages.error(
                self.request,
                _("“%(object)s” cannot be deleted because it is still used by: %(used)s.")
                % {"object": label, "used": ", ".join(used_by)},
            )
            return HttpResponseRedirect(self.object.get_absolute_url())
        messages.success(self.request, _("“%(object)s” was deleted.") % {"object": label})
        return HttpResponseRedirect(self.get_success_url())


class MoveView(StaffPermissionMixin, generic.View):
    """Move an ordered object one place up or down among its siblings (POST only)."""

    action = "change"
    http_method_names = ["post"]
    success_list = None

    def post(self, request, pk):
        direction = request.POST.get("direction")
        if direction not in ("up", "down"):
            return HttpResponseBadRequest(_("Choose “up” or “down”."))
        obj = self.check_object(get_object_or_404(self.model, pk=pk))
        with transaction.atomic():
            # Locked, so two moves at the same moment cannot lose or double a position.
            siblings = list(obj.siblings().select_for_update().order_by("order", "id"))
            index = next(i for i, item in enumerate(siblings) if item.pk == obj.pk)
            other = index - 1 if direction == "up" else index + 1
            if 0 <= other < len(siblings):
                siblings[index], siblings[other] = siblings[other], siblings[index]
                for position, item in enumerate(siblings, start=1):
                    item.order = position
                type(obj).objects.bulk_update(siblings, ["order"])
                bulk_changed.send(sender=type(obj), using=obj._state.db)
        return redirect(reverse(self.success_list) + f"#row-{obj.pk}")
