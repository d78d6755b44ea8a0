"""The crispy template pack "kern": portal forms render KERN markup, errors sit next to their
field with the accessibility Bootstrap's pack gave, and no Bootstrap form class is left."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from tests.factories import ActionFieldFactory
from tests.measures.test_views import measure_post
from tests.participation.conftest import idea_data

pytestmark = pytest.mark.django_db

# Bootstrap's form classes, as whole class names (a hyphen is part of a name).
BOOTSTRAP = re.compile(
    r'class="(?:[^"]*\s)?(form-control|form-select|form-check|form-check-input|form-check-label|'
    r'form-label|form-text|invalid-feedback|is-invalid|mb-3|col-md(?:-\d+)?)(?=[\s"])'
)


def tag_of(html, element_id):
    match = re.search(rf'<(input|select|textarea)\b[^>]*\bid="{element_id}"[^>]*>', html)
    assert match, f"no field #{element_id}"
    return match.group(0)


def error_of(html, element_id):
    match = re.search(
        rf'<p id="{element_id}_error" class="kern-error" role="alert">(.*?)</p>', html
    )
    assert match, f"no KERN error for #{element_id}"
    return match.group(1)


def assert_error_next_to(html, element_id, message):
    """The error is a KERN error with its icon, inside the field's wrapper before the input,
    and the input points at it, is marked invalid and carries KERN's error outline."""
    error = error_of(html, element_id)
    assert 'class="kern-icon kern-icon--danger" aria-hidden="true"' in error
    assert message in error
    tag = tag_of(html, element_id)
    assert 'aria-invalid="true"' in tag
    described = re.search(r'aria-describedby="([^"]*)"', tag).group(1).split()
    assert f"{element_id}_error" in described
    assert re.search(
        r'class="[^"]*\bkern-form-input__(input|select) kern-form-input__\1--error"', tag
    )
    wrapper = html[html.rindex(f'id="div_{element_id}"', 0, html.index(tag)) :]
    assert wrapper.index("kern-error") < wrapper.index(tag)
    assert wrapper.index('class="kern-label') < wrapper.index("kern-error")


def crispy(form):
    """What the pack renders for a form, without the page's own markup around it."""
    return Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))


def assert_no_bootstrap(html):
    """No form inside the page's main content (the header's language switch is the base's)
    carries a class of Bootstrap's form pack."""
    if "<main" not in html:
        assert not BOOTSTRAP.search(html), BOOTSTRAP.search(html).group(0)
        return
    main = html[html.index("<main") : html.rindex("</main>")]
    forms = re.findall(r"<form\b.*?</form>", main, re.S)
    assert forms
    for form in forms:
        assert not BOOTSTRAP.search(form), BOOTSTRAP.search(form).group(0)


def test_the_public_idea_form_explains_a_missing_title_next_to_the_field(client):
    data = idea_data(client, title="", place="Wilster-Nord")
    response = client.post(reverse("participation:idea-create"), data)
    assert response.status_code == 400  # the public form answers a refused input with 400
    html = response.content.decode()
    assert_error_next_to(html, "id_title", "Dieses Feld ist zwingend erforderlich.")
    # What the citizen typed is still there.
    assert 'value="Wilster-Nord"' in tag_of(html, "id_place")
    assert "Im Wartebereich gibt es kein Netz." in html
    # The title's label is tied to its input and says it is required.
    assert re.search(r'<label for="id_title" class="kern-label requiredField">', html)
    # The kinds are KERN radios in a KERN fieldset with its legend.
    assert 'class="kern-form-check__radio"' in html
    assert re.search(r'<fieldset id="div_id_kind" class="kern-fieldset[^"]*"', html)
    assert_no_bootstrap(crispy(response.context["form"]))


def test_the_empty_idea_form_has_no_error_and_no_bootstrap(client):
    response = client.get(reverse("participation:idea-create"))
    html = response.content.decode()
    assert "kern-error" not in html
    assert "aria-invalid" not in html
    assert re.search(r'class="[^"]*\bkern-form-input__input"', html)
    assert "kern-form-input__select-wrapper" in html
    assert_no_bootstrap(crispy(response.context["form"]))


def test_the_measure_form_explains_a_bad_number_and_keeps_the_input(editor_client):
    data = measure_post(ActionFieldFactory())
    data["one_off_cost"] = "zwölf"
    response = editor_client.post(reverse("measures:measure-create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert_error_next_to(html, "id_one_off_cost", "Bitte eine Zahl eingeben.")
    assert 'value="zwölf"' in tag_of(html, "id_one_off_cost")
    assert 'value="Dorffunk für alle Gemeinden"' in tag_of(html, "id_title")
    # Layout: KERN rows and columns, goals and principles as KERN checkboxes.
    assert 'class="kern-row"' in html
    assert 'class="kern-col-md-3"' in html
    assert re.search(r'<fieldset id="div_id_goals" class="kern-fieldset', html)
    assert re.search(r'<div id="div_id_milestones-0-done" class="kern-form-check', html)
    assert re.search(
        r'class="[^"]*\bkern-form-check__checkbox"[^>]*id="id_milestones-0-done"', html
    )
    assert_no_bootstrap(crispy(response.context["form"]))
    for formset in response.context["formsets"].values():
        for form in formset:
            assert_no_bootstrap(crispy(form))


def test_a_bad_row_of_a_formset_gets_its_error_in_the_row(editor_client):
    data = measure_post(ActionFieldFactory())
    data["milestones-0-due_date"] = "31.02.2027"
    html = editor_client.post(reverse("measures:measure-create"), data).content.decode()
    assert_error_next_to(html, "id_milestones-0-due_date", "Bitte ein gültiges Datum eingeben.")
    assert 'value="31.02.2027"' in tag_of(html, "id_milestones-0-due_date")


def test_the_staff_forms_submit_button_is_a_kern_button(editor_client):
    html = editor_client.get(reverse("strategy:principle-create")).content.decode()
    assert re.search(
        r'<button type="submit" name="save" value="Speichern" '
        r'class="kern-btn kern-btn--primary"[^>]*><span class="kern-label">Speichern</span>',
        html,
    )
    assert_no_bootstrap(html)


def test_the_login_form_explains_a_missing_password_and_keeps_the_user_name(client):
    response = client.post(reverse("login"), {"username": "rita", "password": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert_error_next_to(html, "id_password", "Dieses Feld ist zwingend erforderlich.")
    assert 'value="rita"' in tag_of(html, "id_username")
    assert_no_bootstrap(html)


def test_the_import_form_has_a_kern_file_input_and_button(editor_client):
    html = editor_client.get(reverse("exports:import")).content.decode()
    assert re.search(
        r'<input type="file" name="file"[^>]*class="[^"]*\bkern-form-input__input"', html
    )
    assert re.search(r'class="kern-btn kern-btn--primary" id="submit-id-upload"', html)
    assert_no_bootstrap(html)


def test_a_multiple_select_is_not_squeezed_into_kerns_one_line_select_box():
    """KERN's select wrapper is 48 px high: a list box of several rows goes without it."""
    from django import forms as django_forms

    class Choose(django_forms.Form):
        one = django_forms.ChoiceField(choices=[("a", "A"), ("b", "B")])
        many = django_forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")])

    html = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(
        Context({"form": Choose()})
    )
    one = html[html.index('id="div_id_one"') : html.index('id="div_id_many"')]
    many = html[html.index('id="div_id_many"') :]
    assert "kern-form-input__select-wrapper" in one
    assert "kern-form-input__select-wrapper" not in many
    select = re.search(r"<select[^>]*>", many).group(0)
    assert "kern-form-input__input" in select.split('class="')[1].split('"')[0]
    assert " multiple" in select
