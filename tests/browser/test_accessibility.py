"""axe-core (WCAG 2.1 A/AA rules) and our own text contrast check in the system Chromium."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from agenda.models import ReminderDigest
from measures.models import StaffProfile
from participation.models import Idea
from tests.browser.conftest import log_in
from tests.browser.contrast import contrast_problems
from tests.browser.waits import OUTCOME_MS
from tests.factories import (
    ActorFactory,
    IdeaFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ProgressReportFactory,
    answered_idea,
    measure_with_parts,
    overridden_with_draft,
)
from tests.plans import in_days

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def violations(page):
    results = Axe().run(page, options=WCAG)
    found = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]
    # axe files a 1:1 contrast under "incomplete"; this check fails on it.
    return found + contrast_problems(page)


def ideas_in_every_state():
    """One idea per state, so that every state badge is on the pages."""
    measure = measure_with_parts()
    ideas = {}
    for state in Idea.State.values:
        ideas[state] = answered_idea(
            title=f"Idee im Zustand {state}",
            state=state,
            name="Anna",
            publish_name=True,
            measure=measure if state == Idea.State.PROMOTED else None,
        )
    ideas[Idea.State.DUPLICATE].duplicate_of = ideas[Idea.State.ACCEPTED]
    ideas[Idea.State.DUPLICATE].save()
    return ideas


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/intern/anmelden/",
        "/ideen/",
        "/ideen/neu/",
        "/impressum/",
        "/datenschutz/",
        "/barrierefreiheit/",
    ],
)
def test_public_pages_have_no_wcag_violations(page, path):
    answered_idea(title="Beantwortete Idee", measure=measure_with_parts())
    page.goto(path)
    assert violations(page) == []


def test_idea_pages_have_no_wcag_violations(page):
    ideas = ideas_in_every_state()
    paths = ["/ideen/"] + [idea.get_status_url() for idea in ideas.values()]
    paths += [idea.get_public_url() for idea in ideas.values() if idea.is_public]
    found = {}
    for path in paths:
        page.goto(path)
        if problems := violations(page):
            found[path] = problems
    assert found == {}


def test_the_idea_form_with_errors_has_no_wcag_violations(page):
    page.goto("/ideen/neu/")
    page.get_by_role("textbox", name="E-Mail", exact=True).fill("keine-adresse")
    page.get_by_role("button", name="Idee absenden").click()
    page.wait_for_selector("#form-errors", timeout=OUTCOME_MS)
    # The error summary takes the focus, so a screen reader reads it first.
    assert page.evaluate("document.activeElement.id") == "form-errors"
    assert violations(page) == []


def test_login_with_errors_has_no_wcag_violations(page):
    page.goto("/intern/anmelden/")
    page.get_by_role("button", name="Anmelden").click()
    assert violations(page) == []


def test_main_staff_pages_have_no_wcag_violations(page, editor):
    measure = measure_with_parts(
        contact_person=editor,
        status="in_progress",
        light_override="at_risk",
        override_reason="Lieferverzug",
        override_until=in_days(30),
    )
    # A draft with problems and next steps, for the measure page and the release queue.
    ProgressReportFactory(
        measure=measure, released_at=None, problems="Lieferverzug", next_steps="Mahnung"
    )
    idea = IdeaFactory(action_field=measure.action_field, responsible_unit=ActorFactory())
    StaffProfile.objects.create(user=editor, unit=idea.responsible_unit)
    ReminderDigest.objects.create(user=editor, item_count=2)
    ideas_in_every_state()
    indicator = IndicatorFactory(goal=measure.goals.first())
    value = IndicatorValueFactory(indicator=indicator)
    log_in(page, editor.username)
    found = {}
    for path in [
        "/intern/",
        "/intern/massnahmen/",
        measure.get_absolute_url(),
        f"/intern/massnahmen/{measure.pk}/bearbeiten/",
        f"/intern/massnahmen/{measure.pk}/ampel/",
        "/intern/sachstaende/freigabe/",
        "/intern/handlungsfelder/",
        f"/intern/handlungsfelder/{measure.action_field_id}/",
        "/intern/ziele/",
        "/intern/leitlinien/",
        f"/intern/leitlinien/{measure.principles.first().pk}/",
        f"/intern/ziele/{measure.goals.first().pk}/",
        "/intern/akteure/",
        "/intern/foerderprogramme/",
        "/intern/foerderprogramme/neu/",
        "/intern/aufgaben/",
        "/intern/mein-profil/",
        "/intern/erinnerungen/",
        f"/intern/ideen/{idea.pk}/antworten/",
        "/intern/ideen/",
        f"/intern/ideen/{idea.pk}/",
        f"/intern/ideen/uebernehmen/?idee={idea.pk}",
        "/intern/ideen/neu/",
        "/intern/seiten/datenschutz/",
        "/intern/kennzahlen/",
        indicator.get_absolute_url(),
        f"/intern/kennzahlen/{indicator.pk}/bearbeiten/",
        f"/intern/kennzahlen/{indicator.pk}/werte/neu/",
        f"/intern/kennzahlen/werte/{value.pk}/bearbeiten/",
        f"/intern/ziele/{indicator.goal_id}/",
        "/intern/export/kennzahlen/import/",
    ]:
        page.goto(path)
        if problems := violations(page):
            found[path] = problems
    assert found == {}


def test_public_agenda_pages_have_no_wcag_violations(page):
    measure = measure_with_parts(figures_are_examples=True, summary="Kurzbeschreibung")
    answered_idea(title="Aus der Bürgerschaft", state="promoted", measure=measure)
    measure_with_parts(action_field=measure.action_field, status="in_progress")
    indicator = IndicatorFactory(goal=measure.goals.first(), values_are_examples=True)
    IndicatorValueFactory(indicator=indicator, comment="Stand laut Statistik")
    # A light set by hand shows its reason and expiry; the lists filter and sort by light.
    overridden_with_draft(measure)
    found = {}
    for path in [
        "/",
        "/agenda/",
        "/agenda/massnahmen/?light=at_risk&o=-light",
        f"/agenda/handlungsfelder/{measure.action_field.slug}/",
        "/agenda/massnahmen/",
        "/agenda/massnahmen/?status=erfunden&q=Ma",
        f"/agenda/massnahmen/{measure.reference}/",
        "/agenda/zeitplan-und-budget/",
        f"/agenda/handlungsfelder/{measure.action_field.slug}/zeitplan/",
        "/agenda/fassungen/",
        f"/agenda/kennzahlen/{indicator.pk}/",
        "/agenda/ampel/",
    ]:
        page.goto(path)
        if problems := violations(page):
            found[path] = problems
    assert found == {}


def test_federation_pages_have_no_wcag_violations(page):
    from measures.models import MeasureOrganisation
    from tests.factories import OrganisationFactory

    root = OrganisationFactory(name="Verbund", slug="verbund", kind="verbund", parent=None)
    wilster = OrganisationFactory(name="Amt Wilstermarsch", slug="wilstermarsch", parent=root)
    schenefeld = OrganisationFactory(name="Amt Schenefeld", slug="schenefeld", parent=root)
    measure = measure_with_parts(lead_organisation=wilster, status="in_progress")
    MeasureOrganisation.objects.create(measure=measure, organisation=schenefeld)
    measure_with_parts(action_field=measure.action_field, lead_organisation=schenefeld)
    answered_idea(organisation=wilster, action_field=measure.action_field)
    field = measure.action_field.slug
    found = {}
    for path in [
        "/agenda/",
        "/agenda/massnahmen/?organisation=schenefeld",
        "/agenda/?organisation=schenefeld",
        f"/agenda/handlungsfelder/{field}/?organisation=schenefeld",
        f"/agenda/handlungsfelder/{field}/zeitplan/?organisation=wilstermarsch",
        "/agenda/zeitplan-und-budget/?organisation=wilstermarsch",
        "/ideen/?organisation=wilstermarsch",
        # An unknown value: the message by the field must be accessible too.
        "/agenda/?organisation=gibt-es-nicht",
        "/ideen/?organisation=gibt-es-nicht",
        "/agenda/koerperschaften/",
        "/agenda/koerperschaften/schenefeld/",
        "/agenda/koerperschaften/wilstermarsch/",
    ]:
        page.goto(path)
        if problems := violations(page):
            found[path] = problems
    assert found == {}


def test_edition_report_and_export_pages_have_no_wcag_violations(page, editor, settings):
    from agenda.models import Decision, Edition, Report
    from agenda.report.snapshot import build_snapshot

    measure_with_parts()
    edition = Edition.objects.create(
        title="Fassung 2027",
        reporting_date="2026-06-01",
        adoption=Decision.objects.create(body="Kreistag", date="2026-06-20", result="adopted"),
        snapshot=build_snapshot(),
    )
    report = Report.objects.create(edition=edition, status="running", progress=40)
    log_in(page, editor.username)
    found = {}
    for path in [
        "/intern/fassungen/",
        f"/intern/fassungen/{edition.pk}/",
        "/intern/fassungen/neu/",
        f"/intern/fassungen/vergleich/?von={edition.pk}&bis=heute",
        f"/intern/berichte/{report.pk}/",
        "/intern/profil/",
        "/intern/export/import/",
    ]:
        page.goto(path)
        if problems := violations(page):
            found[path] = problems
    assert found == {}


def council_priority_and_dependency_measure():
    """A measure with decisions (final and open), dependencies (one flagged) and scores."""
    from tests.factories import DecisionFactory, DependencyFactory, score_measure

    measure = measure_with_parts(reference="4.1-4", title="E-Akte einführen")
    DecisionFactory(measure=measure)
    DecisionFactory(measure=measure, result="postponed", body="Hauptausschuss", link="")
    # A prerequisite overdue and not completed: the dependant is flagged.
    late = measure_with_parts(
        action_field=measure.action_field,
        reference="4.1-1",
        status="in_progress",
        planned_end=in_days(-30),
    )
    DependencyFactory(prerequisite=late, dependant=measure, note="Erst das Netz")
    DependencyFactory(
        prerequisite=measure, dependant=measure_with_parts(action_field=measure.action_field)
    )
    score_measure(measure, {"Wirkung auf die Ziele": 3, "Dringlichkeit": 2, "Aufwand": 1})
    score_measure(late, {"Wirkung auf die Ziele": 1, "Dringlichkeit": 3, "Aufwand": 3})
    return measure, late


def test_council_priority_and_dependency_pages_have_no_wcag_violations(page, editor):
    from agenda.models import SiteProfile
    from measures.priorities.services import publish_scores
    from tests.oparl_server import OParlServer

    measure, late = council_priority_and_dependency_measure()
    decision = measure.decisions.first()
    idea = answered_idea(title="Digitale Akte", state="promoted", measure=measure)
    publish_scores(measure=measure, publish=True)
    log_in(page, editor.username)
    found = {}

    def check(label):
        if problems := violations(page):
            found[label] = problems

    for path in [
        f"/intern/massnahmen/{measure.pk}/",
        "/intern/prioritaeten/",
        "/intern/prioritaeten/?q=Akte",
        "/intern/prioritaeten/kriterien/",
        f"/intern/prioritaeten/massnahmen/{measure.pk}/",
        f"/intern/massnahmen/{measure.pk}/beschluesse/neu/",
        f"/intern/beschluesse/{decision.pk}/bearbeiten/",
        f"/intern/massnahmen/{measure.pk}/abhaengigkeiten/neu/",
    ]:
        page.goto(path)
        check(path)

    # The scoring form with an error: a reason without a value.
    page.goto(f"/intern/prioritaeten/massnahmen/{late.pk}/")
    group = page.get_by_role("group", name="Dringlichkeit")
    group.get_by_label("Dringlichkeit").select_option("")
    group.get_by_label("Begründung").fill("Ohne Wert")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_selector(".kern-error, [aria-invalid=true]", timeout=OUTCOME_MS)
    check("score form with an error")

    # The dependency form with a cycle: the measure's dependant as its prerequisite.
    dependant = measure.dependant_links.first().dependant
    page.goto(f"/intern/massnahmen/{measure.pk}/abhaengigkeiten/neu/")
    page.get_by_label("Setzt voraus").select_option(str(dependant.pk))
    page.get_by_role("button", name="Abhängigkeit hinzufügen").click()
    page.wait_for_selector(".kern-error, [aria-invalid=true]", timeout=OUTCOME_MS)
    check("dependency form with a cycle")

    link = f"/intern/massnahmen/{measure.pk}/beschluesse/ratsinfo/"
    with OParlServer() as server:
        SiteProfile.objects.update_or_create(
            pk=1, defaults={"name": "Ämterverbund", "oparl_system_url": server.url("system")}
        )
        page.goto(f"{link}?query=E-Akte")
        assert page.get_by_role("button", name=re.compile("Diese Vorlage verknüpfen")).count()
        check("OParl search with results")
    # Nothing listens there any more: the "server down" message.
    page.goto(f"{link}?query=E-Akte")
    check("OParl search, server down")

    page.context.clear_cookies()
    for path in [f"/agenda/massnahmen/{measure.reference}/", idea.get_status_url()]:
        page.goto(path)
        check(path)
    assert found == {}
