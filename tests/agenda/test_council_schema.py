"""The local OParl server's objects have the shape of the OParl 1.1 specification's schema
(tests/oparl_schema, copied from OParl/spec), and the client reads what the schema names."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from agenda.council import oparl
from agenda.council.demo import DEMO_DIR, local_source

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "oparl_schema"
TYPES = ["System", "Body", "Paper", "Consultation", "AgendaItem", "Meeting", "Organization"]


def schema(kind):
    return json.loads((SCHEMA_DIR / f"{kind}.json").read_text(encoding="utf-8"))


def type_of(obj):
    return obj["type"].rsplit("/", 1)[-1]


def problems(obj):
    """Schema errors of an object and of every object embedded in it, by its own type."""
    found = [
        f"{obj.get('id')}: {error.message}"
        for error in Draft4Validator(schema(type_of(obj))).iter_errors(obj)
    ]
    for value in obj.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and "type" in item and type_of(item) in TYPES:
                found += problems(item)
    return found


def objects():
    """Every object in the demo files: the files themselves, and the items of list pages."""
    for path in sorted(DEMO_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "data" in data:
            yield from ((path.name, item) for item in data["data"])
        else:
            yield path.name, data


def test_the_schema_files_are_the_specifications():
    for kind in TYPES:
        assert schema(kind)["required"][:2] == ["id", "type"]
        assert kind in schema(kind)["properties"]["type"]["pattern"]


@pytest.mark.parametrize("name,obj", list(objects()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_object_the_local_server_serves_is_valid_oparl(name, obj):
    assert problems(obj) == [], name


def test_the_validator_sees_a_broken_object():
    paper = {"id": "https://ris.example.org/oparl/paper/1", "type": "x", "date": 5}
    broken = {**paper, "type": "https://schema.oparl.org/1.1/Paper"}
    assert problems(broken)  # a date must be a string
    assert problems({**broken, "date": "2026-01-01", "consultation": "nicht eine Liste"})


def test_what_the_client_reads_comes_from_the_schemas_fields():
    fetched = oparl.fetch_paper(
        "https://ris.example.org/oparl/paper/21", source=lambda url: local_source(url)
    )
    paper = fetched["paper"]
    assert problems(paper) == []
    for entry in fetched["consultations"]:
        for key in ("consultation", "agenda_item", "meeting", "organization"):
            if entry[key] is not None:
                assert problems(entry[key]) == [], key
    item = fetched["consultations"][0]["agenda_item"]
    # The decision's result and text are the AgendaItem's own fields in the specification.
    assert {"result", "resolutionText"} <= set(schema("AgendaItem")["properties"])
    assert item["result"] and item["resolutionText"]
