"""User text in the council report is isolated, so an override cannot turn the report's text."""

import re

import pytest

from agenda.report.render import render_html
from agenda.report.snapshot import build_snapshot
from participation.models import Idea
from tests.factories import OrganisationFactory, answered_idea, measure_with_parts

pytestmark = pytest.mark.django_db

RLO = "\u202e"


def test_titles_and_names_with_a_right_to_left_override_sit_in_bdi_in_the_report():
    measure = measure_with_parts(title=f"{RLO}Maßnahme", summary=f"{RLO}Kurz")
    measure.action_field.title = f"{RLO}Feld"
    measure.action_field.save()
    answered_idea(title=f"{RLO}Idee", state=Idea.State.PROMOTED, measure=measure)
    html = render_html(build_snapshot(), audience="public")
    assert html.count(RLO) >= 4
    assert outside_isolation(html) == []


def outside_isolation(html):
    """Every right-to-left override in `html` that sits neither in <bdi> nor in FSI … PDI."""
    outside = []
    for found in re.finditer(RLO, html):
        before = html[: found.start()]
        # Directly in a <bdi>: the override ends with it, nothing of ours follows inside.
        in_bdi = before.rfind("<") == before.rfind("<bdi>") >= 0
        # Titles inside our own sentences (chart captions) are isolated by FSI … PDI.
        in_isolates = before.rfind("\u2068") > before.rfind("\u2069")
        if not (in_bdi or in_isolates):
            outside.append(html[found.start() - 40 : found.end() + 10])
    return outside


def test_organisation_names_with_an_override_sit_in_bdi_in_a_federations_report():
    root = OrganisationFactory(name=f"{RLO}Verbund", slug="verbund", kind="verbund", parent=None)
    lead = OrganisationFactory(name=f"{RLO}Amt Eins", slug="eins", parent=root)
    partner = OrganisationFactory(name=f"{RLO}Amt Zwei", slug="zwei", parent=root)
    other = OrganisationFactory(name=f"{RLO}Amt Drei", slug="drei", parent=root)
    measure = measure_with_parts(lead_organisation=lead)
    for organisation in (partner, other):
        measure.organisation_shares.create(organisation=organisation)
    snapshot = build_snapshot()
    for organisation in ("", "zwei"):
        html = render_html(snapshot, audience="public", organisation=organisation)
        assert html.count(RLO) >= 3, organisation
        assert outside_isolation(html) == [], organisation
