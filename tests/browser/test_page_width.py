"""Whatever users type, no page scrolls sideways and user text never turns the page around.

Every user-editable text field holds hostile text: a right-to-left override, a word of up to
5,000 letters and a letter with 60 stacked combining marks. Every page of the URL conf that
shows HTML is visited at a phone's and a desktop's width.
"""

import datetime

import pytest
from django.core.cache import cache
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from agenda.models import (
    BRAND_CACHE_KEY,
    Decision,
    Edition,
    LegalPage,
    ReminderDigest,
    Report,
    SiteProfile,
)
from measures.dependencies.models import Dependency
from measures.models import (
    Actor,
    FundingLine,
    FundingProgramme,
    Measure,
    MeasureActor,
    MeasureOrganisation,
    Milestone,
    ProgressReport,
    StaffProfile,
)
from measures.priorities.models import Criterion, Score
from measures.priorities.services import publish_scores
from participation import mails
from participation.models import Idea
from strategy.models import (
    ActionField,
    Goal,
    GuidingPrinciple,
    Indicator,
    IndicatorValue,
    Organisation,
)
from tests.browser.conftest import log_in
from tests.factories import (
    DecisionFactory,
    DependencyFactory,
    FundingProgrammeFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    OrganisationFactory,
    ProgressReportFactory,
    answered_idea,
    measure_with_parts,
    score_measure,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RLO = "\u202e"
STACKED = "Z" + "\u0301\u0336" * 30
LONGEST_WORD = 5000
# Identifiers with their own validation, and fields no user types.
NOT_FREE_TEXT = {"reference", "code", "slug", "field_code", "stage", "error", "decision_reference"}
# Addresses the OParl server gives, not typed by anyone.
NOT_FREE_TEXT |= {"oparl_paper_id", "oparl_agenda_item_id", "oparl_consultation_id"}
MODELS = [
    GuidingPrinciple,
    ActionField,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    Milestone,
    FundingLine,
    FundingProgramme,
    Actor,
    MeasureActor,
    ProgressReport,
    Idea,
    Edition,
    SiteProfile,
    LegalPage,
    Organisation,
    # Issue 13: council decisions, prioritisation criteria and scores, dependencies.
    Decision,
    Criterion,
    Score,
    Dependency,
]


def hostile(number, max_length=None):
    """Right-to-left override first, then the longest unbroken word the field takes."""
    head = f"{RLO}{number}"
    room = min(max_length or LONGEST_WORD + 100, LONGEST_WORD + 100) - len(head) - 2
    if room > len(STACKED) + 20:
        return f"{head} {'W' * (room - len(STACKED) - 1)} {STACKED}"
    return f"{head} {'W' * room}"


def free_text_fields(model):
    for field in model._meta.get_fields():
        if (
            isinstance(field, (models.CharField, models.TextField))
            and field.editable
            and not field.choices
            and not isinstance(field, (models.EmailField, models.URLField, models.SlugField))
            and field.name not in NOT_FREE_TEXT
        ):
            yield field


def fill_with_hostile_text():
    number = 0
    for model in MODELS:
        for pk in model.objects.values_list("pk", flat=True):
            values = {}
            for field in free_text_fields(model):
                number += 1
                values[field.name] = hostile(number, field.max_length)
            model.objects.filter(pk=pk).update(**values)


def seed(editor=None):
    """The agenda with hostile text everywhere; returns the URL kwargs per route name."""
    from agenda.report.snapshot import build_snapshot

    # Several organisations, so the federation's pages exist and every choice shows. The root
    # first: a measure saved without one would make its own.
    root = OrganisationFactory(name="Verbund", slug="verbund", kind="verbund", parent=None)
    member = OrganisationFactory(slug="amt-wilstermarsch", parent=root)
    measure = measure_with_parts(
        summary="x",
        description="x",
        feasibility_text="x",
        light_override="at_risk",
        override_reason="x",
        override_until=datetime.date(2090, 1, 1),
        lead_organisation=member,
    )
    MeasureOrganisation.objects.create(
        measure=measure, organisation=OrganisationFactory(parent=root)
    )
    # A draft, so the release queue and the measure page show one.
    ProgressReportFactory(measure=measure, released_at=None, problems="x", next_steps="x")
    measure.funding_lines.update(programme=FundingProgrammeFactory(note="x"))
    indicator = IndicatorFactory(goal=measure.goals.first(), description="x")
    value = IndicatorValueFactory(indicator=indicator, comment="x")
    # Issue 13: a decision, scores (published with the idea's answer) and dependencies, one
    # of them flagged (its prerequisite is overdue).
    decision = DecisionFactory(measure=measure)
    late = measure_with_parts(
        action_field=measure.action_field,
        lead_organisation=member,
        status="in_progress",
        planned_end=datetime.date(2026, 1, 31),
    )
    dependency = DependencyFactory(prerequisite=late, dependant=measure, note="x")
    DependencyFactory(prerequisite=measure, dependant=measure_with_parts(lead_organisation=member))
    score_measure(measure, {"Wirkung auf die Ziele": 3, "Dringlichkeit": 2, "Aufwand": 1})
    score_measure(late, {"Wirkung auf die Ziele": 1, "Dringlichkeit": 3, "Aufwand": 3})
    publish_scores(measure=measure, publish=True)
    MeasureActor.objects.update(contribution="x")
    ideas = {
        state: answered_idea(
            state=state,
            name="x",
            publish_name=True,
            place="x",
            email="anna@example.org",
            consent_processing=True,
            internal_note="x",
            measure=measure if state == Idea.State.PROMOTED else None,
        )
        for state in Idea.State.values
    }
    ideas[Idea.State.DUPLICATE].duplicate_of = ideas[Idea.State.ACCEPTED]
    ideas[Idea.State.DUPLICATE].save()
    SiteProfile.objects.get_or_create(pk=1, defaults={"name": "x"})
    for slug in LegalPage.Slug.values:
        LegalPage.objects.update_or_create(slug=slug, defaults={"body": "x"})
    fill_with_hostile_text()
    edition = Edition.objects.create(
        title="x",
        reporting_date=datetime.date(2026, 6, 1),
        adoption=Decision.objects.create(
            body="Kreistag", date=datetime.date(2026, 6, 20), result="adopted"
        ),
        snapshot=build_snapshot(),
    )
    fill_with_hostile_text()
    report = Report.objects.create(edition=edition, status="failed", error="x")
    # The header shows the site profile's name from the cache; the hostile one, now.
    cache.delete(BRAND_CACHE_KEY)
    # A name made only of zero-width characters, as one may already be in the database.
    Idea.objects.filter(state=Idea.State.NEW).update(name="\u200b\u200b")
    idea = ideas[Idea.State.PROMOTED]
    new_idea = ideas[Idea.State.NEW]
    if editor is not None:
        # The editor's worklist and profile with every kind of row, in hostile text too.
        Measure.objects.filter(pk=measure.pk).update(contact_person=editor, status="in_progress")
        unit = Actor.objects.first()
        StaffProfile.objects.update_or_create(user=editor, defaults={"unit": unit})
        Idea.objects.filter(pk=new_idea.pk).update(responsible_unit=unit)
        ReminderDigest.objects.create(user=editor, item_count=3)
    field = measure.action_field
    return {
        "strategy:principle": {"pk": measure.principles.first().pk},
        "strategy:field": {"pk": field.pk},
        "strategy:goal": {"pk": measure.goals.first().pk},
        "strategy:indicator": {"pk": indicator.pk},
        "strategy:indicator-value-create": {"pk": indicator.pk},
        "strategy:indicator-value": {"pk": value.pk},
        "public:indicator": {"pk": indicator.pk},
        "measures:measure": {"pk": measure.pk},
        "measures:progress": {"pk": measure.pk},
        "measures:light": {"pk": measure.pk},
        "measures:actor": {"pk": Actor.objects.first().pk},
        "measures:programme": {"pk": FundingProgramme.objects.first().pk},
        "measures:priority-score": {"pk": measure.pk},
        "measures:dependency": {"pk": dependency.pk},
        "council:measure-decision": {"pk": measure.pk},
        "council:decision": {"decision": decision.pk},
        "participation:idea-public": {"pk": idea.pk},
        "participation:idea-status": {"token": new_idea.token},
        "participation:confirm-email": {"token": mails.confirmation_token(new_idea)},
        "participation:idea-moderate": {"pk": new_idea.pk},
        "participation:idea-answer": {"pk": new_idea.pk},
        "editions:edition": {"pk": edition.pk},
        "editions:report": {"pk": report.pk},
        "public:field": {"slug": field.slug},
        "public:organisation": {"slug": member.slug},
        "public:measure": {"key": measure.reference},
        "legal-page": {"slug": "datenschutz"},
        "extra": [
            f"/intern/ideen/uebernehmen/?idee={idea.pk}",
            f"/intern/fassungen/vergleich/?von={edition.pk}&bis=heute",
            *[i.get_status_url() for i in ideas.values()],
            *[i.get_public_url() for i in ideas.values() if i.is_public],
            # The public pages narrowed to one member.
            *[
                f"{path}?organisation={member.slug}"
                for path in (
                    "/agenda/",
                    f"/agenda/handlungsfelder/{field.slug}/",
                    f"/agenda/handlungsfelder/{field.slug}/zeitplan/",
                    "/agenda/zeitplan-und-budget/",
                    "/ideen/",
                )
            ],
            "/agenda/?organisation=gibt-es-nicht",
            # The ranked list narrowed by a search.
            "/intern/prioritaeten/?q=W",
        ],
    }


# Routes that answer with something other than an HTML page for a GET, or only take POSTs.
NOT_PAGES = {
    "healthz",
    "brand-css",
    "brand-logo",
    "logout",
    "participation:captcha",
    "measures:priority-set",
    "participation:idea-support",
    "participation:idea-bulk",
    "participation:erase-my-data",
    "editions:report-status",
    "editions:report-pdf",
    "editions:adopted-pdf",
    "editions:edition-report-create",
    "editions:report-create",
    "editions:report-retry",
    "public:open-data",
    "exports:measures-csv",
    "exports:measures-xlsx",
    "exports:measures-json",
    "exports:indicators-xlsx",
}
MOVES = "-move"


def route_names(patterns=None, namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin" or pattern.urlconf_name == "django.conf.urls.i18n":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def all_pages(kwargs_by_route):
    """Every HTML page of the URL conf, with the seeded objects as arguments."""
    paths = []
    for name, pattern in route_names():
        if name in NOT_PAGES or name.endswith(MOVES):
            continue
        needed = pattern.pattern.regex.groupindex
        kwargs = {}
        if needed:
            key = next(
                (k for k in sorted(kwargs_by_route, key=len, reverse=True) if name.startswith(k)),
                None,
            )
            assert key, f"no seeded object for {name}: add it to seed()"
            kwargs = kwargs_by_route[key]
        paths.append(reverse(name, kwargs=kwargs))
    return paths + kwargs_by_route["extra"]


WIDTH_JS = "[document.documentElement.scrollWidth, window.innerWidth]"

# A right-to-left override may only turn the user's own text: it must sit in an isolate
# (<bdi>, dir="auto", or the Unicode isolates FSI … PDI) in which only the user's text follows it.
ISOLATION_JS = r"""
() => {
  const userText = /^\u202e\d+ W*(?: Z[\u0301\u0336]*)?[\s….]*$/;
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.includes('\u202e')) continue;
    const parent = node.parentElement;
    if (['OPTION', 'TEXTAREA', 'SCRIPT', 'STYLE', 'TEMPLATE'].includes(parent.tagName)) continue;
    // Each SVG text is a bidi paragraph of its own, with the user's title last.
    if (parent.closest('svg')) continue;
    const isolate = parent.closest('bdi, [dir="auto"]');
    const text = (isolate || parent).textContent;
    for (let i = text.indexOf('\u202e'); i >= 0; i = text.indexOf('\u202e', i + 1)) {
      const next = text.indexOf('\u202e', i + 1);
      let tail = null;
      if (text.lastIndexOf('\u2068', i) > text.lastIndexOf('\u2069', i)) {
        tail = text.slice(i, text.indexOf('\u2069', i));
      } else if (isolate) tail = text.slice(i, next < 0 ? undefined : next);
      if (tail === null || !userText.test(tail)) {
        found.push((isolate || parent).tagName.toLowerCase() + ': ' + text.trim().slice(0, 50));
        break;
      }
    }
  }
  return found;
}
"""


def visit(browser, live_server, editor, width, check):
    """Visits every page logged in as an editor; returns what `check` finds, by path."""
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    pages = all_pages(seed(editor))
    log_in(page, editor.username)
    found = {}
    try:
        for path in pages:
            response = page.goto(path)
            assert response.status == 200, f"{path}: {response.status}"
            if problem := check(page):
                found[path] = problem
    finally:
        context.close()
    return found


# The portal's own labels in the header, navigation and buttons: a word split over two lines
# ("Star/t", "Abmelde/n") has two line boxes. User text inside them (<bdi>) may break anywhere.
BROKEN_LABELS_JS = r"""
() => {
  const broken = [];
  const selector = '.site-header a, .site-header button, .agenda-staff-nav__link, .kern-btn';
  for (const element of document.querySelectorAll(selector)) {
    if (!element.offsetParent) continue;
    // A navigation link wider than its navigation runs under the content next to it.
    const links = '.agenda-nav__link, .agenda-staff-nav__link';
    const nav = element.matches(links) && element.closest('nav');
    if (nav && element.getBoundingClientRect().right > nav.getBoundingClientRect().right + 1) {
      broken.push(element.textContent.trim().slice(0, 40) + ' (wider than its navigation)');
    }
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('bdi')) continue;
      for (const match of node.textContent.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}
"""


def too_wide_or_broken(page):
    scroll_width, window_width = page.evaluate(WIDTH_JS)
    if scroll_width > window_width + 1:
        return scroll_width
    return page.evaluate(BROKEN_LABELS_JS) or None


# 320 px: the narrowest phone, tables stacked; 992 px: the header is expanded on one line with
# the least room; 1,920 px: a wide desktop.
@pytest.mark.parametrize("width", [320, 390, 768, 992, 1280, 1920])
def test_no_page_is_wider_than_the_window_whatever_users_type(browser, live_server, editor, width):
    assert visit(browser, live_server, editor, width, too_wide_or_broken) == {}


def test_user_text_with_a_right_to_left_override_is_isolated_on_every_page(
    browser, live_server, editor
):
    found = visit(browser, live_server, editor, 1280, lambda page: page.evaluate(ISOLATION_JS))
    assert found == {}
