"""The OParl client against a local server serving the spec-shaped demo files."""

import io
import json

import pytest

from agenda.council import demo, oparl, services
from agenda.council.models import Decision
from tests.factories import MeasureFactory
from tests.oparl_server import OParlServer

# Required keys per type, from OParl/spec schema/*.json (jsonschema is not installed).
REQUIRED = {
    "System": ["id", "type", "oparlVersion", "body"],
    "Body": ["id", "type", "name", "organization", "person", "meeting", "paper", "legislativeTerm"],
    "Paper": ["id", "type"],
    "Consultation": ["id", "type"],
    "AgendaItem": ["id", "type", "order"],
    "Meeting": ["id", "type"],
    "Organization": ["id", "type"],
    "LegislativeTerm": ["id", "type"],
}


@pytest.fixture
def server(settings):
    settings.OPARL_TIMEOUT_SECONDS = 0.3
    with OParlServer() as running:
        yield running


def objects_in(value):
    if isinstance(value, dict):
        if "type" in value and str(value["type"]).startswith("https://schema.oparl.org/1.1/"):
            yield value
        for item in value.values():
            yield from objects_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from objects_in(item)


def test_the_demo_files_carry_what_the_oparl_schema_requires():
    checked = 0
    for path in demo.DEMO_DIR.glob("*.json"):
        for obj in objects_in(json.loads(path.read_text(encoding="utf-8"))):
            kind = obj["type"].rsplit("/", 1)[-1]
            missing = [key for key in REQUIRED[kind] if key not in obj]
            assert not missing, (path.name, kind, missing)
            assert obj["id"].startswith("https://")
            checked += 1
    assert checked > 20


def test_a_search_follows_the_paper_lists_next_links(server):
    found = oparl.search_papers(server.url("system"), "e-akte")
    assert [p["reference"] for p in found] == ["DS/2026/021"]
    assert "/oparl/body/1/papers?page=2" in server.hits


def test_a_search_by_reference_finds_the_paper(server):
    found = oparl.search_papers(server.url("system"), "DS/2026/011")
    assert found[0]["id"] == server.url("paper/11")


def test_a_paper_is_fetched_with_its_consultations_results_and_bodies(server):
    fetched = oparl.fetch_paper(server.url("paper/21"))
    rows = services.decisions_from_paper(fetched)
    assert [(r["body"], r["result"]) for r in rows] == [
        ("Hauptausschuss Krempermarsch", Decision.Result.ADOPTED_AMENDED),
        ("Amtsausschuss Schenefeld", Decision.Result.PENDING),
    ]
    assert rows[0]["date"].isoformat() == "2026-04-09"
    assert "Schulungen" in rows[0]["resolution_text"]


def test_missing_optional_fields_are_tolerated(server):
    rows = services.decisions_from_paper(oparl.fetch_paper(server.url("broken/paper-sparse")))
    assert rows[0]["result"] == Decision.Result.PENDING
    assert rows[0]["body"] == "–" and rows[0]["date"] is None


def test_an_object_without_an_id_is_refused(server):
    with pytest.raises(oparl.OParlError, match="ohne|without"):
        oparl.fetch_paper(server.url("broken/no-id"))


def test_a_server_error_is_retried_and_then_reported(server):
    with pytest.raises(oparl.OParlError):
        oparl.get_json(server.url("broken/500"))
    assert server.hits.count("/oparl/broken/500") == 1 + oparl.RETRIES


def test_a_slow_answer_times_out(server):
    with pytest.raises(oparl.OParlError):
        oparl.get_json(server.url("broken/slow"))


def test_an_oversized_answer_is_not_read(server):
    with pytest.raises(oparl.OParlError, match="2 MB"):
        oparl.get_json(server.url("broken/huge"))


def test_an_answer_that_is_not_json_is_reported(server):
    with pytest.raises(oparl.OParlError, match="JSON"):
        oparl.get_json(server.url("broken/not-json"))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "javascript:x"])
def test_only_http_addresses_are_fetched(url):
    with pytest.raises(oparl.OParlError):
        oparl.get_json(url)


def test_a_server_that_is_down_gives_a_clear_message(settings):
    settings.OPARL_TIMEOUT_SECONDS = 0.3
    with OParlServer() as stopped:
        url = stopped.url("system")
    with pytest.raises(oparl.OParlError, match="erreichbar|reached"):
        oparl.get_json(url)


@pytest.mark.django_db
def test_linking_the_same_paper_again_updates_and_never_duplicates(server):
    measure = MeasureFactory()
    first = services.link_paper(measure=measure, paper_url=server.url("paper/21"))
    again = services.link_paper(measure=measure, paper_url=server.url("paper/21"))
    assert len(first) == 2
    assert [d.pk for d in first] == [d.pk for d in again]
    assert measure.decisions.count() == 2
    stored = measure.decisions.first()
    assert stored.oparl_paper_id == server.url("paper/21")
    assert stored.oparl_agenda_item_id == server.url("agendaitem/103")
    assert stored.link == "https://ris.example.org/vorlage/21"


@pytest.mark.django_db
def test_the_refresh_updates_a_pending_decision(server):
    measure = MeasureFactory()
    services.link_paper(measure=measure, paper_url=server.url("paper/21"))
    pending = measure.decisions.get(result=Decision.Result.PENDING)
    final = measure.decisions.exclude(pk=pending.pk).get()
    Decision.objects.filter(pk=final.pk).update(resolution_text="alt")
    Decision.objects.filter(pk=pending.pk).update(resolution_text="alt")
    assert services.refresh_open_decisions() == (1, 0)
    pending.refresh_from_db()
    assert pending.resolution_text == ""  # fetched again
    assert pending.fetched_at is not None


@pytest.mark.django_db
def test_the_refresh_task_survives_a_broken_server(settings):
    settings.OPARL_TIMEOUT_SECONDS = 0.3
    measure = MeasureFactory()
    Decision.objects.create(
        measure=measure,
        body="Kreistag",
        oparl_paper_id="http://127.0.0.1:9/oparl/paper/1",
        oparl_consultation_id="http://127.0.0.1:9/oparl/consultation/1",
    )
    assert services.refresh_open_decisions() == (0, 1)


@pytest.mark.django_db
def test_the_demo_command_loads_example_decisions_without_a_network(capsys):
    from django.core.management import call_command

    for reference in demo.DEMO_PAPERS:
        MeasureFactory(reference=reference)
    call_command("load_demo_council")
    call_command("load_demo_council")
    assert Decision.objects.count() == 5
    assert set(Decision.objects.values_list("is_example", flat=True)) == {True}
    assert "5 example council decisions" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_demo_agenda_gets_example_decisions_on_four_measures():
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    call_command("load_demo_council", stdout=io.StringIO())
    decided = Decision.objects.values_list("measure__reference", flat=True)
    assert set(decided) == set(demo.DEMO_PAPERS)


@pytest.mark.django_db
def test_the_refresh_command_says_what_it_did(server):
    from django.core.management import call_command

    measure = MeasureFactory()
    services.link_paper(measure=measure, paper_url=server.url("paper/21"))
    out = io.StringIO()
    call_command("refresh_decisions", stdout=out)
    assert out.getvalue().strip() == "1 papers refreshed, 0 failed."
