from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agenda.brand import LOGO_MAX_BYTES, clean_accent, clean_logo
from agenda.council.forms import AdoptionFieldsMixin
from agenda.models import Edition, Report, SiteProfile
from strategy.forms import StaffModelForm
from strategy.models import ActionField
from strategy.organisations.forms import offer_organisations
from strategy.organisations.rules import member_scope
from strategy.staff.fields import SafeModelChoiceField

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
WHOLE_FEDERATION = _("The whole federation")
NOT_YOUR_ORGANISATION = _(
    "You may only freeze editions and request reports for your own organisation."
)


def offer_scope(form, user):
    """The organisation choice (a member or the whole federation), only where there are
    several organisations; a member's staff get their own as the only choice and any other
    id posted is refused."""
    if "organisation" not in form.fields:
        return
    if offer_organisations(form, "organisation", user, shared_label=WHOLE_FEDERATION):
        field = form.fields["organisation"]
        if user is not None and member_scope(user) is not None:
            # A member's own is the only choice: nothing to explain about the others.
            field.error_messages["invalid_choice"] = NOT_YOUR_ORGANISATION
        else:
            field.help_text = _("Empty: the whole federation. A member's report shows its part.")


class EditionForm(AdoptionFieldsMixin, StaffModelForm):
    submit_label = _("Freeze the agenda now")
    takes_user = True
    field_order = [
        "title",
        "organisation",
        "reporting_date",
        *AdoptionFieldsMixin.ADOPTION_FIELDS,
        "include_unpublished",
    ]

    class Meta:
        model = Edition
        fields = ["title", "organisation", "reporting_date", "include_unpublished"]
        field_classes = {"organisation": SafeModelChoiceField}
        widgets = {"reporting_date": DATE_WIDGET}
        help_texts = {
            "title": _("For example “Digitale Agenda 2027 – Beschlussvorlage”."),
            "reporting_date": _("The day the edition describes (Stichtag)."),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        offer_scope(self, user)
        if "reporting_date" in self.fields:
            self.fields["reporting_date"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        decided, reported = cleaned.get("decision_date"), cleaned.get("reporting_date")
        if decided and reported and decided < reported:
            self.add_error(
                "decision_date", _("The council cannot decide before the reporting date.")
            )
        return cleaned


class EditionMetaForm(EditionForm):
    """After freezing only the description changes; the content stays as frozen."""

    submit_label = _("Save")

    field_order = ["title", *AdoptionFieldsMixin.ADOPTION_FIELDS]

    class Meta(EditionForm.Meta):
        fields = ["title"]

    def clean(self):
        cleaned = forms.ModelForm.clean(self)
        decided = cleaned.get("decision_date")
        if decided and decided < self.instance.reporting_date:
            self.add_error(
                "decision_date", _("The council cannot decide before the reporting date.")
            )
        return cleaned


class ReportForm(forms.ModelForm):
    field_code = forms.ChoiceField(label=_("Scope"), required=False)

    class Meta:
        model = Report
        fields = ["organisation", "field_code", "include_unpublished", "audience", "extent"]
        field_classes = {"organisation": SafeModelChoiceField}
        widgets = {"audience": forms.RadioSelect, "extent": forms.RadioSelect}
        labels = {"extent": _("Extent")}
        error_messages = {
            "extent": {"invalid_choice": _("Please choose the full report or the compact edition.")}
        }

    def __init__(self, *args, user=None, edition=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        if edition is not None and edition.organisation_id:
            del self.fields["organisation"]  # a member's edition reports on that member only
        offer_scope(self, user)
        # Optional: a request without it (an older page still open) gets the full report.
        self.fields["extent"].required = False
        self.fields["field_code"].choices = [("", _("The whole agenda"))] + [
            (f.code, f"{f.code} {f.title}") for f in ActionField.objects.order_by("order", "id")
        ]

    def clean_extent(self):
        return self.cleaned_data.get("extent") or Report.Extent.FULL

    def clean(self):
        """A member's part of an edition needs the member in the edition's snapshot: an edition
        frozen before the member existed (or before organisations) has nothing to show of it."""
        cleaned = super().clean()
        edition = self.edition
        organisation = cleaned.get("organisation") or (edition.organisation if edition else None)
        if edition is not None and organisation is not None and not organisation.is_root:
            frozen = {o.get("slug") for o in edition.snapshot.get("organisations", [])}
            if organisation.slug not in frozen:
                raise forms.ValidationError(
                    _(
                        "This edition was frozen before %(name)s was part of the agenda: it "
                        "holds no part of its own. Freeze a new edition for it."
                    ),
                    params={"name": organisation},
                )
        return cleaned


class SiteProfileForm(StaffModelForm):
    logo_file = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_(
            "PNG or JPEG, at most 1 MB. Stored as PNG of at most 1000 × 1000 pixels. Shown in "
            "the header and on the report's cover."
        ),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = SiteProfile
        fields = [
            "name",
            "accent_colour",
            "report_title",
            "introduction",
            "update_interval_days",
            "oparl_system_url",
        ]
        # A browser without a colour picker shows a text field; the hex value works in both.
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 8}),
            "accent_colour": forms.TextInput(
                attrs={"type": "color", "class": "agenda-colour-input"}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "accent_colour" in self.fields:
            self.fields["accent_colour"].required = False

    def clean_accent_colour(self):
        return clean_accent(self.cleaned_data.get("accent_colour"))

    def clean_logo_file(self):
        upload = self.cleaned_data.get("logo_file")
        if not upload:
            return None
        if upload.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("The logo is larger than 1 MB."))
        return clean_logo(upload.read(LOGO_MAX_BYTES + 1)), "image/png"

    def save(self, commit=True):
        profile = super().save(commit=False)
        if self.cleaned_data.get("remove_logo"):
            profile.logo, profile.logo_type = None, ""
        if logo := self.cleaned_data.get("logo_file"):
            profile.logo, profile.logo_type = logo
        if commit:
            profile.save()
        return profile
