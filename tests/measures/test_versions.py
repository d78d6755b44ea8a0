"""Every way of saving a measure refuses a version a colleague has moved on from."""

import pytest
from django.urls import reverse
from django.utils import translation

from measures.models import Measure
from measures.services import EditConflict
from tests.factories import MeasureFactory, measure_with_parts

pytestmark = pytest.mark.django_db


def admin_post_data(response):
    """What the admin change form would send back unchanged, inlines included."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            key = form.add_prefix(name)
            if isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            elif value is True:
                data[key] = "on"
            else:
                data[key] = str(getattr(value, "pk", value))
    return data


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(user)
    return client


def change_url(measure):
    return reverse("admin:measures_measure_change", args=[measure.pk])


def test_an_admin_form_saves_a_measure_with_its_inlines(superuser_client):
    measure = measure_with_parts()
    data = admin_post_data(superuser_client.get(change_url(measure)))
    data["title"] = "Im Admin geändert"
    response = superuser_client.post(change_url(measure), data)
    assert response.status_code == 302
    stored = Measure.objects.get(pk=measure.pk)
    assert stored.title == "Im Admin geändert"
    assert stored.version == measure.version + 1
    assert stored.milestones.count() == 2
    assert stored.funding_lines.count() == 2
    assert stored.participations.count() == 2


def test_a_stale_admin_form_is_refused_and_the_colleagues_change_stays(superuser_client):
    measure = measure_with_parts(title="Alt")
    data = admin_post_data(superuser_client.get(change_url(measure)))
    colleague = Measure.objects.get(pk=measure.pk)
    colleague.title = "Titel der Kollegin"
    colleague.save()
    data["summary"] = "Meine Zusammenfassung"
    with translation.override("de"):
        response = superuser_client.post(change_url(measure), data, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    content = response.content.decode()
    assert "wurde von jemand anderem geändert, während Sie die Maßnahme" in content
    assert "Ihre Eingaben wurden nicht gespeichert" in content
    # What the user typed is kept in the form.
    assert "Meine Zusammenfassung" in content
    stored = Measure.objects.get(pk=measure.pk)
    assert stored.title == "Titel der Kollegin"
    assert stored.summary != "Meine Zusammenfassung"


def test_a_stale_script_save_raises_and_writes_nothing():
    mine = MeasureFactory(title="Alt")
    colleague = Measure.objects.get(pk=mine.pk)
    colleague.title = "Titel der Kollegin"
    colleague.save()
    mine.title = "Mein Titel"
    with pytest.raises(EditConflict):
        mine.save()
    stored = Measure.objects.get(pk=mine.pk)
    assert stored.title == "Titel der Kollegin"
    assert stored.history.count() == 2
    # The refused object still holds the version it was loaded with.
    assert mine.version == 1


def test_a_stale_save_of_some_fields_raises_too():
    mine = MeasureFactory(title="Alt")
    Measure.objects.get(pk=mine.pk).save()
    mine.title = "Mein Titel"
    with pytest.raises(EditConflict):
        mine.save(update_fields=["title"])
    assert Measure.objects.get(pk=mine.pk).title == "Alt"


def test_saves_in_turn_each_move_the_version_on():
    measure = MeasureFactory()
    measure.title = "Eins"
    measure.save()
    measure.title = "Zwei"
    measure.save(update_fields=["title"])
    stored = Measure.objects.get(pk=measure.pk)
    assert (stored.title, stored.version, measure.version) == ("Zwei", 3, 3)


def test_a_refreshed_measure_saves_after_a_colleagues_change():
    mine = MeasureFactory()
    Measure.objects.get(pk=mine.pk).save()
    mine.refresh_from_db()
    mine.title = "Neu geladen"
    mine.save()
    assert Measure.objects.get(pk=mine.pk).title == "Neu geladen"


def test_reverting_to_an_earlier_version_in_the_admin_still_works(superuser_client):
    measure = MeasureFactory(title="Erster Titel")
    measure.title = "Zweiter Titel"
    measure.save()
    first = measure.history.order_by("history_date").first()
    url = reverse("admin:measures_measure_simple_history", args=[measure.pk, first.history_id])
    data = admin_post_data(superuser_client.get(url))
    assert data["title"] == "Erster Titel"
    response = superuser_client.post(url, data)
    assert response.status_code == 302
    stored = Measure.objects.get(pk=measure.pk)
    assert (stored.title, stored.version) == ("Erster Titel", 3)


def test_a_bulk_update_makes_loaded_copies_stale():
    mine = MeasureFactory()
    Measure.objects.filter(pk=mine.pk).update(status=Measure.Status.COMPLETED)
    mine.title = "Mein Titel"
    with pytest.raises(EditConflict):
        mine.save()
