"""The imprint, privacy notice and accessibility statement, and their staff editor."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import generic

from agenda.models import LegalPage
from strategy.forms import StaffModelForm
from strategy.staff.views import StaffPermissionMixin


def legal_page(request, slug):
    context = {
        "title": LegalPage.Slug(slug).label,
        "body": LegalPage.text_for(slug),
        "slug": slug,
    }
    return render(request, "agenda/legal_page.html", context)


class LegalPageForm(StaffModelForm):
    class Meta:
        model = LegalPage
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 24})}


class LegalPageEdit(StaffPermissionMixin, generic.FormView):
    model = LegalPage
    action = "change"
    form_class = LegalPageForm
    template_name = "staff/object_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        slug = self.kwargs["slug"]
        instance = LegalPage.objects.filter(slug=slug).first()
        kwargs["instance"] = instance or LegalPage(slug=slug, body=LegalPage.default_body(slug))
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit “%(page)s”") % {
            "page": LegalPage.Slug(self.kwargs["slug"]).label
        }
        return context

    def form_valid(self, form):
        page = form.save(commit=False)
        page.updated_by = self.request.user
        page.save()
        messages.success(self.request, _("“%(object)s” was saved.") % {"object": page})
        return redirect(page)
