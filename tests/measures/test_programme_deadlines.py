"""A funding programme's dated deadlines: edited with the programme, shown with it."""

import datetime

import pytest
from django.urls import reverse

from measures.models import FundingDeadline, FundingProgramme
from tests.factories import FundingProgrammeFactory

pytestmark = pytest.mark.django_db


def form_data(**extra):
    data = {
        "name": "Digitale Dörfer",
        "level": "state",
        "funding_rate": "80",
        "link": "",
        "note": "",
        "deadlines-TOTAL_FORMS": "2",
        "deadlines-INITIAL_FORMS": "0",
        "deadlines-0-kind": "application",
        "deadlines-0-date": "2027-03-31",
        "deadlines-0-note": "Stichtag",
        "deadlines-1-kind": "proof_of_use",
        "deadlines-1-date": "2028-06-30",
        "deadlines-1-note": "",
    }
    data.update(extra)
    return data


def test_a_programme_is_created_with_its_deadlines(editor_client):
    response = editor_client.post(reverse("measures:programme-create"), form_data())
    assert response.status_code == 302
    programme = FundingProgramme.objects.get()
    assert list(programme.deadlines.values_list("kind", "date")) == [
        ("application", datetime.date(2027, 3, 31)),
        ("proof_of_use", datetime.date(2028, 6, 30)),
    ]


def test_a_bad_deadline_saves_neither_programme_nor_deadlines(editor_client):
    response = editor_client.post(
        reverse("measures:programme-create"), form_data(**{"deadlines-1-date": "30.02.2028"})
    )
    assert response.status_code == 200
    assert "Digitale Dörfer" in response.content.decode()  # input kept
    assert not FundingProgramme.objects.exists()
    assert not FundingDeadline.objects.exists()


def test_deadlines_are_edited_and_deleted_with_the_programme(editor_client):
    programme = FundingProgrammeFactory(name="Alt")
    old = FundingDeadline.objects.create(
        programme=programme, kind="application", date=datetime.date(2027, 1, 1)
    )
    data = form_data(
        **{
            "deadlines-TOTAL_FORMS": "1",
            "deadlines-INITIAL_FORMS": "1",
            "deadlines-0-id": old.pk,
            "deadlines-0-programme": programme.pk,
            "deadlines-0-DELETE": "on",
        }
    )
    response = editor_client.post(reverse("measures:programme-update", args=[programme.pk]), data)
    assert response.status_code == 302
    assert not FundingDeadline.objects.exists()
    assert FundingProgramme.objects.get().name == "Digitale Dörfer"


def test_list_and_detail_show_the_next_deadline(editor_client):
    today = datetime.date.today()
    programme = FundingProgrammeFactory()
    FundingDeadline.objects.create(
        programme=programme, kind="application", date=today - datetime.timedelta(days=3)
    )
    FundingDeadline.objects.create(
        programme=programme, kind="proof_of_use", date=today + datetime.timedelta(days=40)
    )
    page = editor_client.get(reverse("measures:programme-list")).content.decode()
    next_date = (today + datetime.timedelta(days=40)).strftime("%d.%m.%Y")
    assert f"{next_date} (Verwendungsnachweis)" in page
    detail = editor_client.get(programme.get_absolute_url()).content.decode()
    assert next_date in detail and "vorbei" in detail


@pytest.mark.parametrize("count", [3, 30])
def test_the_programme_list_keeps_its_query_bound(
    editor_client, django_assert_max_num_queries, count
):
    for _ in range(count):
        p = FundingProgrammeFactory()
        FundingDeadline.objects.create(programme=p, kind="application", date=datetime.date.today())
    with django_assert_max_num_queries(8):
        assert editor_client.get(reverse("measures:programme-list")).status_code == 200
