from django import forms
from django.utils.translation import gettext_lazy as _

from measures.dependencies.models import Dependency
from strategy.forms import StaffModelForm


class DependencyForm(StaffModelForm):
    """Choose the measure that the given one needs first; the model refuses cycles."""

    submit_label = _("Add dependency")

    class Meta:
        model = Dependency
        fields = ["prerequisite", "note"]
        widgets = {"note": forms.TextInput()}

    def __init__(self, *args, dependant, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.dependant = dependant
        field = self.fields["prerequisite"]
        field.queryset = field.queryset.model.objects.exclude(pk=dependant.pk).only(
            "reference", "title"
        )
        field.help_text = _("The measure that has to be finished before this one can start.")
