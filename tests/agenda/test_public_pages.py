"""The public agenda: overview, fields, measures, open data and the start page."""

import datetime
import json

import pytest
from django.urls import reverse

from measures.models import FundingLine, Measure
from participation.models import Idea
from strategy.models import ActionField
from tests.factories import (
    ActionFieldFactory,
    ActorFactory,
    FundingLineFactory,
    FundingProgrammeFactory,
    GoalFactory,
    GuidingPrincipleFactory,
    MeasureFactory,
    UserFactory,
    answered_idea,
    measure_with_parts,
    overridden_with_draft,
)

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("public:overview")
LIST = reverse("public:measure-list")
DATA = reverse("public:open-data")


def measure_url(measure):
    return reverse("public:measure-detail", args=[measure.reference])


def field_url(field):
    return reverse("public:field-detail", args=[field.slug])


def html(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def open_data(client):
    response = client.get(DATA)
    assert response.status_code == 200
    return json.loads(response.content)


def measures_in(data):
    """Every measure in the open data, wherever the format nests it."""
    if isinstance(data, dict):
        if "reference" in data:
            yield data
        for value in data.values():
            yield from measures_in(value)
    elif isinstance(data, list):
        for item in data:
            yield from measures_in(item)


# --- what is shown ----------------------------------------------------------------------


def test_the_overview_shows_principles_with_text_and_fields_by_perspective(client):
    GuidingPrincipleFactory(title="Gemeinsam gestalten", text="Wir beteiligen alle.")
    inside = ActionFieldFactory(title="Digitale Verwaltung", perspective="internal")
    outside = ActionFieldFactory(title="Bildung", perspective="external")
    MeasureFactory.create_batch(2, action_field=outside, status=Measure.Status.IN_PROGRESS)
    MeasureFactory(action_field=outside, status=Measure.Status.COMPLETED)
    response = client.get(OVERVIEW)
    page = response.content.decode()
    assert "Gemeinsam gestalten" in page
    assert "Wir beteiligen alle." in page
    assert page.index("Digitale Verwaltung") < page.index("Bildung")
    groups = {g["value"]: g["fields"] for g in response.context["groups"]}
    assert groups["internal"] == [inside]
    (field,) = groups["external"]
    assert field.published_count == 3
    assert [(value, count) for value, _label, count in field.status_counts] == [
        ("in_progress", 2),
        ("completed", 1),
    ]
    assert field_url(outside) in page
    assert client.head(OVERVIEW).status_code == 200


def test_a_field_page_shows_its_situation_goals_and_published_measures(client):
    field = ActionFieldFactory(situation="Schulen haben kaum WLAN.")
    GoalFactory(action_field=field, title="Alle Schulen am Netz")
    measure = measure_with_parts(action_field=field, title="WLAN für Schulen")
    MeasureFactory(action_field=field, title="Geheime Planung", is_published=False)
    page = html(client, field_url(field))
    assert "Schulen haben kaum WLAN." in page
    assert "Alle Schulen am Netz" in page
    assert "WLAN für Schulen" in page
    assert measure_url(measure) in page
    assert '<progress class="progress-native" value="40"' in page
    assert "Geheime Planung" not in page
    assert 'scope="col"' in page
    assert "<caption" in page


def test_an_unknown_field_is_404(client):
    assert client.get(reverse("public:field-detail", args=["gibt-es-nicht"])).status_code == 404


def test_a_measure_page_shows_state_timeline_actors_funding_and_the_latest_report(client):
    measure = measure_with_parts(
        title="Digitales Bürgerbüro",
        status=Measure.Status.IN_PROGRESS,
        actual_start=datetime.date(2026, 2, 1),
        responsible_unit=ActorFactory(name="Amt für Digitales"),
    )
    FundingLineFactory(
        measure=measure,
        source="eu",
        amount=2500,
        status=FundingLine.Status.APPLIED,
        programme=FundingProgrammeFactory(name="EFRE Digital", level="eu"),
    )
    FundingLineFactory(measure=measure, source="federal", amount=999, status="rejected")
    page = html(client, measure_url(measure))
    assert "Digitales Bürgerbüro" in page
    assert '<progress class="progress-native" value="40"' in page
    assert "01.01.2026" in page and "30.06.2027" in page and "01.02.2026" in page
    assert "Amt für Digitales" in page
    assert "Stellt Personal." in page
    assert "Meilenstein" in page
    assert "15.000\u00a0€" in page  # total cost: one-off 10.000 + external 5.000
    assert "7.000\u00a0€" in page  # own share: 15.000 − 8.000 granted by the state
    assert "8.000\u00a0€" in page
    assert "2.500\u00a0€" in page and "EFRE Digital" in page
    assert "999\u00a0€" not in page  # rejected funding is no funding
    assert "Ausschreibung läuft." in page
    for goal in measure.goals.all():
        assert goal.title in page
    assert measure.principles.get().title in page


def test_the_example_values_badge_shows_only_for_invented_figures(client):
    invented = MeasureFactory(figures_are_examples=True)
    planned = MeasureFactory(action_field=invented.action_field)
    assert "example-badge" in html(client, measure_url(invented))
    assert "example-badge" not in html(client, measure_url(planned))
    list_page = html(client, LIST)
    assert list_page.count('class="kern-badge example-badge"') == 1


def test_a_measure_is_found_by_its_number_and_sent_to_its_reference(client):
    measure = MeasureFactory(reference="5.1-3")
    response = client.get(reverse("public:measure-detail", args=[str(measure.pk)]))
    assert response.status_code == 301
    assert response["Location"] == "/agenda/massnahmen/5.1-3/"


def test_a_reference_with_a_slash_has_its_page(client):
    measure = MeasureFactory(reference="A/2", title="Mit Schrägstrich")
    assert measure_url(measure) == "/agenda/massnahmen/A/2/"
    assert "Mit Schrägstrich" in html(client, measure_url(measure))


@pytest.mark.parametrize("key", ["gibt-es-nicht", "999999", "99999999999999999999", "5%00"])
def test_unknown_or_broken_measure_addresses_are_404(client, key):
    MeasureFactory(reference="5.1-3")
    assert client.get(f"/agenda/massnahmen/{key}/").status_code == 404


# --- only what is published, never what is internal --------------------------------------


def test_unpublished_measures_are_404_and_never_listed(client):
    field = ActionFieldFactory()
    hidden = MeasureFactory(action_field=field, title="Nicht öffentlich", is_published=False)
    MeasureFactory(action_field=field, title="Öffentlich")
    assert client.get(measure_url(hidden)).status_code == 404
    assert client.get(reverse("public:measure-detail", args=[str(hidden.pk)])).status_code == 404
    for url in [LIST, field_url(field), OVERVIEW, "/"]:
        assert "Nicht öffentlich" not in html(client, url)
    assert "Nicht öffentlich" not in html(client, LIST, q="öffentlich")
    assert [m["title"] for m in measures_in(open_data(client))] == ["Öffentlich"]
    home = client.get("/")
    assert home.context["measure_total"] == 1


def test_no_contact_person_feasibility_notes_or_actor_contacts_are_public(client):
    contact = UserFactory(first_name="Kontakt", last_name="Geheimperson")
    unit = ActorFactory(name="Hauptamt", contact="geheim@example.org, 04821 123")
    measure = measure_with_parts(
        contact_person=contact,
        feasibility_text="Vertraulich: Haushaltssperre droht.",
        responsible_unit=unit,
    )
    FundingLineFactory(measure=measure, note="Interne Notiz zum Antrag")
    pages = [
        html(client, url)
        for url in [measure_url(measure), LIST, field_url(measure.action_field), "/"]
    ]
    pages.append(client.get(DATA).content.decode())
    for page in pages:
        assert "Geheimperson" not in page
        assert "Haushaltssperre" not in page
        assert "geheim@example.org" not in page
        assert "Interne Notiz" not in page


def test_origin_ideas_are_shown_only_when_public(client):
    measure = MeasureFactory()
    shown = answered_idea(title="Bürgeridee Funkloch", state=Idea.State.PROMOTED, measure=measure)
    answered_idea(title="Versteckte Idee", is_hidden=True, measure=measure)
    answered_idea(title="Offene Idee", state=Idea.State.IN_REVIEW, measure=measure)
    page = html(client, measure_url(measure))
    assert "Bürgeridee Funkloch" in page
    assert shown.get_public_url() in page
    assert "Versteckte Idee" not in page
    assert "Offene Idee" not in page
    assert "citizen-badge" in page
    assert "citizen-badge" in html(client, LIST)


def test_a_measure_without_public_ideas_has_no_origin(client):
    measure = MeasureFactory()
    answered_idea(title="Versteckte Idee", is_hidden=True, measure=measure)
    page = html(client, measure_url(measure))
    assert "citizen-badge" not in page
    assert "origin-h" not in page


# --- the list and its filters --------------------------------------------------------------


def test_the_list_filters_by_field_goal_status_principle_and_words(client):
    field = ActionFieldFactory()
    goal = GoalFactory(action_field=field)
    principle = GuidingPrincipleFactory()
    wanted = MeasureFactory(
        action_field=field, status=Measure.Status.IN_PROGRESS, title="Glasfaser für Höfe"
    )
    wanted.goals.set([goal])
    wanted.principles.set([principle])
    other_status = MeasureFactory(action_field=field, title="Glasfaser geplant")
    other_status.goals.set([goal])
    other_status.principles.set([principle])
    MeasureFactory(status=Measure.Status.IN_PROGRESS, title="Glasfaser woanders")
    params = {
        "action_field": field.pk,
        "goal": goal.pk,
        "status": "in_progress",
        "principle": principle.pk,
        "q": "glasfaser höfe",
    }
    response = client.get(LIST, params)
    assert list(response.context["object_list"]) == [wanted]
    found = client.get(LIST, {"q": "Glasfaser"}).context["object_list"]
    assert {m.title for m in found} == {
        "Glasfaser für Höfe",
        "Glasfaser geplant",
        "Glasfaser woanders",
    }


def test_filters_stay_in_the_url_of_the_next_page(client):
    field = ActionFieldFactory()
    MeasureFactory.create_batch(30, action_field=field, status=Measure.Status.PLANNED)
    page = html(client, LIST, action_field=field.pk, status="planned")
    assert f'href="?action_field={field.pk}&amp;status=planned&amp;page=2"' in page
    second = client.get(LIST, {"action_field": field.pk, "status": "planned", "page": 2})
    assert len(second.context["object_list"]) == 5
    assert f'<option value="{field.pk}" selected>' in second.content.decode()


def test_a_bad_filter_value_shows_a_message_not_an_error(client):
    MeasureFactory()
    response = client.get(LIST, {"status": "erfunden", "action_field": "abc"})
    assert response.status_code == 200
    assert list(response.context["object_list"]) == []
    assert "kern-error" in response.content.decode()


def test_the_list_refuses_unpublished_measures_even_when_searched_by_reference(client):
    MeasureFactory(reference="7.7-7", is_published=False)
    assert list(client.get(LIST, {"q": "7.7-7"}).context["object_list"]) == []


# --- open data -----------------------------------------------------------------------------


def test_daten_json_parses_and_holds_only_the_published_agenda(client):
    GuidingPrincipleFactory(title="Für alle", text="Niemand bleibt zurück.")
    measure = measure_with_parts(reference="3.1-1", title="Öffnungszeiten online")
    MeasureFactory(reference="3.1-2", action_field=measure.action_field, is_published=False)
    response = client.get(DATA)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    text = response.content.decode("utf-8")
    assert "Öffnungszeiten online" in text  # not escaped as \u00d6
    data = json.loads(text)
    assert [m["reference"] for m in measures_in(data)] == ["3.1-1"]
    (entry,) = measures_in(data)
    assert entry["title"] == "Öffnungszeiten online"
    assert entry["status"] == "planned"
    assert entry["planned_start"] == "2026-01-01"
    assert entry["planned_end"] == "2027-06-30"
    for value in ["Für alle", "Niemand bleibt zurück.", measure.action_field.code]:
        assert value in text
    for goal in measure.goals.all():
        assert goal.title in text


# --- start page and links from elsewhere ---------------------------------------------------


def test_the_start_page_shows_fields_status_counts_and_the_idea_section(client):
    field = ActionFieldFactory(title="Mobilität")
    MeasureFactory.create_batch(2, action_field=field, status=Measure.Status.COMPLETED)
    MeasureFactory(action_field=field, status=Measure.Status.PLANNED, is_published=False)
    response = client.get("/")
    page = response.content.decode()
    assert "Mobilität" in page
    assert field_url(field) in page
    assert [(v, n) for v, _label, n in response.context["by_status"]] == [("completed", 2)]
    assert f"{LIST}?status=completed" in page
    assert f'href="{OVERVIEW}"' in page
    assert reverse("participation:idea-create") in page


def test_every_page_links_to_the_agenda_in_the_main_navigation(client):
    page = html(client, reverse("participation:idea-list"))
    nav = page[page.index('id="main-nav"') : page.index("</ul>", page.index('id="main-nav"'))]
    assert f'href="{OVERVIEW}"' in nav


def test_idea_pages_link_to_the_measure_only_when_it_is_published(client):
    published = MeasureFactory(reference="1.1-1")
    draft = MeasureFactory(reference="1.1-2", is_published=False)
    with_published = answered_idea(state=Idea.State.PROMOTED, measure=published)
    with_draft = answered_idea(state=Idea.State.PROMOTED, measure=draft, email="a@example.org")
    assert measure_url(published) in html(client, with_published.get_public_url())
    assert measure_url(published) in html(client, reverse("participation:idea-list"))
    # The submitter's own status page names the draft measure, but there is no page to link.
    status_page = html(client, with_draft.get_status_url())
    assert "1.1-2" in status_page
    assert measure_url(draft) not in status_page


# --- queries do not grow with the number of measures -------------------------------------


def agenda_of(rows):
    """`rows` published measures with all their parts in two fields, half from citizens."""
    fields = [ActionFieldFactory(perspective=p) for p in ActionField.Perspective.values]
    measures = []
    for i in range(rows):
        measure = measure_with_parts(
            action_field=fields[i % 2], status=Measure.Status.values[i % 6]
        )
        if i % 2:
            answered_idea(state=Idea.State.PROMOTED, measure=measure)
        if i % 3 == 0:
            overridden_with_draft(measure)  # lights of every kind, a draft waiting
        measures.append(measure)
    MeasureFactory(action_field=fields[0], is_published=False)
    first = measures[0]
    for _ in range(rows):
        answered_idea(state=Idea.State.PROMOTED, measure=first)
    return fields[0], first


@pytest.mark.parametrize("rows", [3, 40])
@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("home", 7),  # the latest progress reports and answered ideas (+2)
        # Overview and list ask whether there are several organisations (+1).
        ("overview", 4),
        ("field", 7),  # the roll-ups (+2), the goals' indicators and their values (+2)
        ("list", 6),
        ("list-filtered", 7),
        ("list-by-light", 7),
        ("measure", 11),  # organisations (+1), dependencies (+1), council decisions (+1)
        ("open-data", 12),  # the participating organisations (+1), council decisions (+1)
    ],
)
def test_public_pages_need_the_same_queries_for_3_or_40_measures(
    client, django_assert_max_num_queries, rows, name, limit
):
    field, measure = agenda_of(rows)
    goal = measure.goals.first()
    url = {
        "home": "/",
        "overview": OVERVIEW,
        "field": field_url(field),
        "list": LIST,
        "list-filtered": f"{LIST}?q=Ma&status={measure.status}&goal={goal.pk}&page=1",
        "list-by-light": f"{LIST}?light=at_risk&o=-light&page=1",
        "measure": measure_url(measure),
        "open-data": DATA,
    }[name]
    with django_assert_max_num_queries(limit):
        response = client.get(url)
    assert response.status_code == 200


def test_the_figures_page_shows_the_reports_charts_with_their_numbers(client):
    from django.core.cache import cache

    from tests.factories import measure_with_parts

    measure = measure_with_parts(title="Öffentlich")
    measure_with_parts(title="Entwurf", is_published=False, one_off_cost=999999)
    cache.clear()
    page = client.get(reverse("public:figures")).content.decode()
    main = page[page.index("<main") : page.index("</main>")]  # the header's flag is an SVG too
    assert main.count("<svg") == 4
    assert 'role="img"' in page and "<desc" in page
    assert "<caption>" in page
    assert "999.999" not in page  # drafts are not counted
    response = client.get(reverse("public:field-figures", args=[measure.action_field.slug]))
    assert response.status_code == 200
    assert measure.reference in response.content.decode()


def test_the_figures_page_needs_no_queries_once_cached(client, django_assert_max_num_queries):
    from tests.factories import measure_with_parts

    measure_with_parts()
    client.get(reverse("public:figures"))
    with django_assert_max_num_queries(0):
        client.get(reverse("public:figures"))
