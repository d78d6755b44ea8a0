import unicodedata

from crispy_forms import layout
from crispy_forms.helper import FormHelper
from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from strategy.models import ActionField, Goal, GuidingPrinciple
from strategy.organisations.forms import SHARED_GOAL, offer_organisations

# Django 6.1's new blank-choice label has no German in Django's own catalogue yet; ours
# carries it (project catalogues take precedence). Referenced so makemessages keeps it.
BLANK_CHOICE_LABEL = _("- Select an option -")


# Controls, format characters (zero-width, bidi controls), separators, unassigned code
# points and combining marks on their own: none of them shows anything.
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"}
# Letters and symbols that render as blank space.
BLANK_LOOKALIKES = set("\u115f\u1160\u3164\uffa0\u2800")


def has_visible_character(text):
    return any(
        unicodedata.category(char) not in INVISIBLE_CATEGORIES and char not in BLANK_LOOKALIKES
        for char in text
    )


def validate_visible(text):
    """Text made only of invisible characters would show as nothing, or turn the page around."""
    if not has_visible_character(text):
        raise forms.ValidationError(
            _("Please enter visible text: invisible or control characters alone are not enough."),
            code="invisible",
        )


def require_visible_text(fields):
    """Every text field of a form takes only input with at least one visible character."""
    for field in fields.values():
        if isinstance(field, forms.CharField) and validate_visible not in field.validators:
            field.validators.append(validate_visible)


class KernSubmit(layout.Submit):
    """crispy's submit button with KERN's primary button classes in place of Bootstrap's."""

    field_classes = "kern-btn kern-btn--primary"


class StaffModelForm(forms.ModelForm):
    """A ModelForm rendered by crispy with one save button; strips surrounding blanks.

    Text fields refuse input without a visible character (empty input is left to `required`).
    """

    submit_label = _("Save")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(KernSubmit("save", self.submit_label))
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.strip = True
        require_visible_text(self.fields)


class GuidingPrincipleForm(StaffModelForm):
    class Meta:
        model = GuidingPrinciple
        fields = ["title", "text"]


class ActionFieldForm(StaffModelForm):
    class Meta:
        model = ActionField
        fields = ["code", "title", "slug", "perspective", "situation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Leave empty to derive it from the title.")

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or slugify(self.data.get(self.add_prefix("title"), ""))
        if not slug:
            raise forms.ValidationError(_("Enter a short name or a title it can be derived from."))
        clash = ActionField.objects.filter(slug=slug).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Another action field already uses this short name."))
        return slug


class GoalForm(StaffModelForm):
    takes_user = True

    class Meta:
        model = Goal
        fields = ["action_field", "organisation", "title", "text"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        offer_organisations(self, "organisation", user, shared_label=SHARED_GOAL)


def german_decimal(field):
    """Accept and show German number format (1.234,56) in a decimal field."""
    field.localize = True
    field.widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    field.widget.is_localized = True
