from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Fieldset, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from measures.models import Actor
from measures.priorities.forms import add_publish_field
from participation import captcha
from participation.models import NAME_MAX, PLACE_MAX, TEXT_MAX, TITLE_MAX, Idea
from strategy.forms import StaffModelForm, require_visible_text
from strategy.organisations.forms import offer_organisations
from strategy.organisations.models import Organisation
from strategy.staff.fields import SafeModelChoiceField, SafeModelMultipleChoiceField

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ALL_ORGANISATIONS = _("All (the whole federation)")


def limit_hint(limit):
    return _("At most %(limit)s characters.") % {"limit": limit}


class IdeaContentMixin:
    """Limits shown before they are hit; an address only with consent, a name only if given."""

    consent_message = _("Please agree to the processing, or leave the e-mail address empty.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email") and not cleaned.get("consent_processing"):
            self.add_error("consent_processing", self.consent_message)
        if not cleaned.get("name"):
            cleaned["publish_name"] = False
        return cleaned

    def show_limits(self):
        for name, limit in (
            ("title", TITLE_MAX),
            ("description", TEXT_MAX),
            ("place", PLACE_MAX),
            ("name", NAME_MAX),
        ):
            if name in self.fields:
                field = self.fields[name]
                field.max_length = limit
                field.widget.attrs["maxlength"] = limit
                field.widget.attrs["data-limit"] = limit
                hint = limit_hint(limit)
                field.help_text = f"{field.help_text} {hint}".strip() if field.help_text else hint


class IdeaForm(IdeaContentMixin, forms.ModelForm):
    """The public form: no account, little personal data, spam kept out without tracking."""

    # A field people do not see; bots that fill every field give themselves away.
    website = forms.CharField(label=_("Website (please leave empty)"), required=False)
    altcha = forms.CharField(label=_("Anti-spam check"), required=False)

    class Meta:
        model = Idea
        fields = [
            "kind",
            "title",
            "description",
            "action_field",
            "organisation",
            "place",
            "name",
            "email",
            "consent_processing",
            "publish_name",
        ]
        field_classes = {"action_field": SafeModelChoiceField, "organisation": SafeModelChoiceField}
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 8}),
        }
        labels = {"kind": _("What would you like to hand in?")}
        help_texts = {
            "title": _("A short headline."),
            "description": _("What is it about, and what would you suggest?"),
            "action_field": _("Optional: which part of the agenda it concerns."),
            "place": _("Optional: where it applies."),
            "name": _("Optional."),
            "email": _(
                "Optional: we write to you when your idea is answered. "
                "You first confirm the address by a link we send you."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Idea.Kind.choices
        self.fields["action_field"].empty_label = _("No particular field")
        self.offer_members()
        self.fields["consent_processing"].label = _(
            "I agree that my name and e-mail address are processed to answer my idea "
            "(required if you give an e-mail address)."
        )
        self.fields["publish_name"].label = _("My name may be shown with my idea on this site.")
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.show_limits()
        # The same rule as the staff forms: no title or name made of invisible characters only.
        require_visible_text({n: self.fields[n] for n in ("title", "description", "place", "name")})
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field("kind"),
            "title",
            "description",
            *(["organisation"] if "organisation" in self.fields else []),
            Row(
                Column("action_field", css_class="kern-col-md-6"),
                Column("place", css_class="kern-col-md-6"),
            ),
            Fieldset(
                _("If you would like an answer"),
                Row(
                    Column("name", css_class="kern-col-md-6"),
                    Column("email", css_class="kern-col-md-6"),
                ),
                "consent_processing",
                "publish_name",
            ),
        )

    def offer_members(self):
        """Optionally address the idea to a member; only where there are several bodies."""
        if not Organisation.objects.several():
            del self.fields["organisation"]
            return
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.members().order_by("order", "name")
        field.required = False
        field.empty_label = _("No answer / all")
        field.label = _("Which municipality or Amt does your idea concern?")
        field.help_text = _("Optional: your idea then goes straight to its administration.")

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(
                _("Your submission could not be accepted. Please leave this field empty.")
            )
        return ""

    def clean(self):
        cleaned = super().clean()
        # The captcha is checked last, so that a valid solution is not used up by a typo.
        if not self.errors:
            try:
                captcha.verify(self.data.get("altcha", ""))
            except captcha.CaptchaError as error:
                self.add_error("altcha", captcha.MESSAGES[str(error)])
        return cleaned


class StaffIdeaForm(IdeaContentMixin, StaffModelForm):
    """Ideas that came in through a workshop, a letter or the phone, typed in by staff."""

    takes_user = True

    consent_message = _("Record the consent, or leave the e-mail address empty.")

    class Meta:
        model = Idea
        fields = [
            "channel",
            "received_on",
            "kind",
            "title",
            "description",
            "action_field",
            "organisation",
            "place",
            "name",
            "email",
            "consent_processing",
            "publish_name",
        ]
        field_classes = {"action_field": SafeModelChoiceField, "organisation": SafeModelChoiceField}
        widgets = {"received_on": DATE_WIDGET, "description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        offer_organisations(self, "organisation", user, shared_label=ALL_ORGANISATIONS)
        self.fields["channel"].choices = [
            c for c in Idea.Channel.choices if c[0] != Idea.Channel.ONLINE
        ]
        self.fields["channel"].initial = Idea.Channel.WORKSHOP
        self.show_limits()

    def clean_received_on(self):
        received = self.cleaned_data["received_on"]
        if received > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return received


class ModerationForm(StaffModelForm):
    takes_user = True

    class Meta:
        model = Idea
        fields = [
            "organisation",
            "state",
            "public_answer",
            "duplicate_of",
            "responsible_unit",
            "answer_by",
            "internal_note",
            "is_hidden",
        ]
        field_classes = {
            "organisation": SafeModelChoiceField,
            "duplicate_of": SafeModelChoiceField,
            "responsible_unit": SafeModelChoiceField,
        }
        widgets = {
            "answer_by": DATE_WIDGET,
            "public_answer": forms.Textarea(attrs={"rows": 5}),
            "internal_note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "public_answer": _(
                "Shown on the public idea page and the submitter's status link; "
                "required when rejecting."
            ),
            "duplicate_of": _("Required for the state “Duplicate”."),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Redaktion of the root may pass an idea on to a member; a member's keeps its own.
        offer_organisations(self, "organisation", user, shared_label=ALL_ORGANISATIONS)
        promoted = self.instance.state == Idea.State.PROMOTED
        self.fields["state"].choices = [
            c for c in Idea.State.choices if promoted or c[0] != Idea.State.PROMOTED
        ]
        if promoted:
            self.fields["state"].disabled = True
            self.fields["state"].help_text = _("The idea became a measure; its state is fixed.")
        ideas = Idea.objects.for_staff(user) if user is not None else Idea.objects.all()
        self.fields["duplicate_of"].queryset = ideas.exclude(pk=self.instance.pk).exclude(
            state=Idea.State.DUPLICATE
        )
        self.fields["duplicate_of"].widget.attrs["inputmode"] = "numeric"
        self.fields["responsible_unit"].queryset = Actor.objects.filter(
            kind=Actor.Kind.ADMINISTRATION
        )
        self.fields["public_answer"].widget.attrs["maxlength"] = TEXT_MAX
        add_publish_field(self)

    def clean(self):
        cleaned = super().clean()
        state = cleaned.get("state")
        if state == Idea.State.REJECTED and not cleaned.get("public_answer"):
            self.add_error("public_answer", _("Give the public reason for the rejection."))
        if state == Idea.State.DUPLICATE and not cleaned.get("duplicate_of"):
            self.add_error("duplicate_of", _("Choose the idea this one duplicates."))
        if state != Idea.State.DUPLICATE:
            cleaned["duplicate_of"] = None
        return cleaned


class UnitAnswerForm(StaffModelForm):
    """The answer of the unit an idea is routed to: state and public answer, nothing else."""

    STATES = [Idea.State.IN_REVIEW, Idea.State.ACCEPTED, Idea.State.REJECTED]

    class Meta:
        model = Idea
        fields = ["state", "public_answer"]
        widgets = {"public_answer": forms.Textarea(attrs={"rows": 5})}
        help_texts = ModerationForm.Meta.help_texts

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.state in (Idea.State.NEW, *self.STATES):
            allowed = {self.instance.state, *self.STATES}
            self.fields["state"].choices = [c for c in Idea.State.choices if c[0] in allowed]
        else:
            # Merged or promoted by Redaktion: the unit may still word the public answer.
            self.fields["state"].disabled = True
        self.fields["public_answer"].widget.attrs["maxlength"] = TEXT_MAX
        add_publish_field(self)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("state") == Idea.State.REJECTED and not cleaned.get("public_answer"):
            self.add_error("public_answer", _("Give the public reason for the rejection."))
        return cleaned


class BulkForm(forms.Form):
    ACTIONS = [
        ("in_review", _("Set to “in review”")),
        ("accepted", _("Accept")),
        ("rejected", _("Reject")),
        ("hide", _("Hide from the public")),
        ("show", _("Show publicly again")),
        ("promote", _("Promote into one measure")),
    ]

    ideas = SafeModelMultipleChoiceField(
        queryset=Idea.objects.all(),
        label=_("Ideas"),
        error_messages={"required": _("Select at least one idea.")},
    )
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    public_answer = forms.CharField(
        label=_("Public answer for all selected ideas"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["ideas"].queryset = Idea.objects.for_staff(user)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "rejected" and not cleaned.get("public_answer"):
            self.add_error("public_answer", _("Give the public reason for the rejection."))
        return cleaned


class SupportForm(forms.Form):
    """A support costs the same proof of work as an idea: a script cannot fake it cheaply."""

    altcha = forms.CharField(label=_("Anti-spam check"), required=False)

    def clean(self):
        cleaned = super().clean()
        try:
            captcha.verify(self.data.get("altcha", ""))
        except captcha.CaptchaError as error:
            self.add_error("altcha", captcha.MESSAGES[str(error)])
        return cleaned
