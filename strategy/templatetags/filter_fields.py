"""Filter form fields in KERN markup without a template per field.

`{{ form.q|filter_field }}` gives the markup of `|as_crispy_field` with the kern pack (same
wrapper, label, hint, error, ids, classes on the widget; tests compare the two), built in
Python: crispy renders a template with several includes per field, which made the filter
forms a third of the list pages' rendering time. Checkboxes, radio buttons, multi-widgets
and forms with a crispy helper still go through crispy.
"""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.utils.html import conditional_escape as escape
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

CRISPY_ONLY = (forms.CheckboxInput, forms.RadioSelect, forms.MultiWidget)
SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def html_attrs(attrs):
    """Django's widgets/attrs.html: ` name="value"`, a bare name for True, nothing for False."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def select_html(field):
    """Django's select.html and select_option.html in Python (the same markup, one option per
    line); a select with many goals made a template include per option. None if the widget
    has templates of its own."""
    widget = field.field.widget
    if widget.template_name != SELECT or widget.option_template_name != OPTION:
        return None
    attrs = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    parts = [f'<select name="{escape(context["name"])}"{html_attrs(context["attrs"])}>']
    for group_name, options, _index in context["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{escape(group_name)}">')
        parts.extend(
            f'\n  <option value="{escape(str(option["value"]))}"{html_attrs(option["attrs"])}>'
            f"{escape(option['label'])}</option>"
            for option in options
        )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    # Every name, value and label above went through conditional_escape(), as in the template.
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703


def add_classes(widget, classes):
    """What crispy's {% crispy_field %} does to the widget: its class name, then ours."""
    name = widget.__class__.__name__.lower()
    css = widget.attrs.get("class", "")
    css = (css + f" {name}" if name not in css else css) if css else name
    for extra in classes:
        if extra not in css.split():
            css += f" {extra}"
    widget.attrs["class"] = css


def label(field):
    if not field.label:
        return ""
    target = format_html('for="{}" ', field.id_for_label) if field.id_for_label else ""
    required = field.field.required
    return format_html(
        '<label {}class="kern-label{}">{}{}</label>',
        target,
        " requiredField" if required else "",
        field.label,
        # A constant string, nothing from input.
        mark_safe('<span class="asteriskField">*</span>') if required else "",  # noqa: S308  # nosec B308 B703
    )


def hint(field):
    if not field.help_text:
        return ""
    ident = format_html('id="{}_helptext" ', field.auto_id) if field.auto_id else ""
    # crispy's template prints help texts unescaped too (|safe): they are ours, not input.
    return format_html('<div {}class="kern-hint">{}</div>', ident, mark_safe(field.help_text))  # noqa: S308  # nosec B308 B703


def errors(field):
    if not field.errors:
        return ""
    return format_html(
        '<p id="{}_error" class="kern-error" role="alert">'
        '<span class="kern-icon kern-icon--danger" aria-hidden="true"></span><span>{}</span></p>',
        field.auto_id,
        format_html_join(" ", "{}", ((error,) for error in field.errors)),
    )


@register.filter
def filter_field(field):
    widget = field.field.widget
    if field.is_hidden or isinstance(widget, CRISPY_ONLY) or hasattr(field.form, "helper"):
        return as_crispy_field(field)
    select = isinstance(widget, forms.Select) and not widget.allow_multiple_selected
    base = "kern-form-input__select" if select else "kern-form-input__input"
    add_classes(widget, [base, f"{base}--error"] if field.errors else [base])
    control = (select and select_html(field)) or str(field)
    if select:
        control = format_html('<div class="kern-form-input__select-wrapper">{}</div>', control)
    extra = field.css_classes()
    return format_html(
        '<div id="div_{}" class="kern-form-input kern-mb-md{}{}">{}{}{}{}</div>',
        field.auto_id,
        " kern-form-input--error" if field.errors else "",
        f" {extra}" if extra else "",
        label(field),
        hint(field),
        errors(field),
        control,
    )
