"""Setting a measure's light by hand: reason and expiry required, version-checked, recorded."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import formats

from measures import forms
from measures.history import measure_history
from measures.models import Measure
from tests.factories import MeasureFactory
from tests.measures.test_views import edit_data
from tests.plans import LONG_AGO, in_days

pytestmark = pytest.mark.django_db


def url(measure):
    return reverse("measures:light-override", args=[measure.pk])


def post_data(measure, **overrides):
    data = {
        "light_override": "on_track",
        "override_reason": "Verzug durch Lieferanten ist aufgeholt, Bericht folgt.",
        "override_until": in_days(60).isoformat(),
        "version": str(measure.version),
    }
    data.update(overrides)
    return data


@pytest.fixture
def late():
    return MeasureFactory(status="in_progress", title="Schulnetz", **LONG_AGO)


def light_of(measure):
    return Measure.objects.with_light().get(pk=measure.pk)


def test_an_editor_sets_the_light_by_hand_with_reason_and_expiry(editor_client, late):
    response = editor_client.post(url(late), post_data(late))
    assert response.status_code == 302
    assert response["Location"] == late.get_absolute_url()
    current = light_of(late)
    assert current.light == "on_track"
    assert current.computed_light == "delayed"
    assert current.override_until == in_days(60)
    assert current.version == late.version + 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("override_reason", "", "Bitte begründen Sie, warum Sie die Ampel von Hand setzen."),
        ("override_reason", "\u200b\u200b", "sichtbaren Text"),
        ("override_until", "", "Bitte geben Sie an, bis wann diese Ampel gelten soll."),
        ("override_until", "2020-01-01", "Das Datum darf nicht in der Vergangenheit liegen."),
        ("override_until", "31.02.2027", "Bitte ein gültiges Datum eingeben."),
        ("light_override", "purple", "Bitte eine gültige Auswahl treffen"),
        ("light_override", "unrated", "Bitte eine gültige Auswahl treffen"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_nothing_changes(
    editor_client, late, field, value, message
):
    data = post_data(late, **{field: value})
    response = editor_client.post(url(late), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    if field != "override_reason":
        assert "Verzug durch Lieferanten" in html  # the input is kept
    assert len(response.context["form"].errors[field]) == 1  # one clear message, not two
    late.refresh_from_db()
    assert late.light_override == ""
    assert light_of(late).light == "delayed"


def test_today_is_the_earliest_expiry(editor_client, late):
    response = editor_client.post(url(late), post_data(late, override_until=in_days(0)))
    assert response.status_code == 302
    assert light_of(late).light == "on_track"


def test_an_empty_light_removes_the_override_with_its_reason_and_date(editor_client, late):
    editor_client.post(url(late), post_data(late))
    late.refresh_from_db()
    response = editor_client.post(
        url(late),
        post_data(late, light_override="", override_reason="Egal", override_until="kaputt"),
    )
    assert response.status_code == 302
    late.refresh_from_db()
    assert (late.light_override, late.override_reason, late.override_until) == ("", "", None)
    assert light_of(late).light == "delayed"


def test_a_stale_version_gives_the_conflict_and_keeps_the_input(editor_client, editor, late):
    opened = late.version
    late.title = "Schulnetz 2.0"
    late.save()  # a colleague saved meanwhile
    response = editor_client.post(
        url(late), post_data(late, version=str(opened), override_reason="Meine Begründung")
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Nicht gespeichert" in html
    assert "Schulnetz 2.0" in html  # the colleague's change is listed
    assert "Meine Begründung" in html
    late.refresh_from_db()
    assert late.light_override == ""
    # Saving again from the conflict page goes through.
    current = re.search(r'name="version" value="(\d+)"', html).group(1)
    response = editor_client.post(
        url(late), post_data(late, version=current, override_reason="Meine Begründung")
    )
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.override_reason == "Meine Begründung"


def test_a_missing_version_is_a_conflict_not_a_500(editor_client, late):
    response = editor_client.post(url(late), post_data(late, version="abc"))
    assert response.status_code == 409
    late.refresh_from_db()
    assert late.light_override == ""


def test_the_history_records_who_set_the_light_and_why(client, editor, late):
    client.force_login(editor)
    client.post(url(late), post_data(late))
    entry = measure_history(late)[0]
    assert entry.user == editor
    changes = {c.label: (c.old, c.new) for c in entry.changes}
    assert changes["Ampel von Hand gesetzt"] == ("–", "Im Plan")
    assert changes["Begründung der Ampel"][1].startswith("Verzug durch Lieferanten")
    assert changes["Ampel von Hand gesetzt bis"][1] == formats.localize(in_days(60))
    html = client.get(late.get_absolute_url()).content.decode()
    assert "Ampel von Hand gesetzt" in html


def test_a_department_member_overrides_only_their_own_measure(client, department):
    own = MeasureFactory(contact_person=department, **LONG_AGO)
    foreign = MeasureFactory(**LONG_AGO)
    client.force_login(department)
    assert client.post(url(own), post_data(own)).status_code == 302
    assert client.post(url(foreign), post_data(foreign)).status_code == 403
    foreign.refresh_from_db()
    assert foreign.light_override == ""


def test_a_measure_whose_override_expired_can_still_be_edited(editor_client, late):
    Measure.objects.filter(pk=late.pk).update(
        light_override="at_risk", override_reason="Alt", override_until=datetime.date(2021, 1, 1)
    )
    late.refresh_from_db()
    response = editor_client.post(
        reverse("measures:measure-update", args=[late.pk]), edit_data(late, title="Neu")
    )
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.title == "Neu"
    assert late.override_reason == "Alt"  # the expired override stays on record


def test_the_form_checks_the_expiry_against_the_given_day():
    measure = MeasureFactory()
    data = post_data(measure, override_until="2026-03-01")
    assert forms.LightOverrideForm(
        data, instance=measure, today=datetime.date(2026, 3, 1)
    ).is_valid()
    late_form = forms.LightOverrideForm(data, instance=measure, today=datetime.date(2026, 3, 2))
    assert not late_form.is_valid()
