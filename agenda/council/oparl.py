"""A small OParl 1.1 client: timeouts, a size limit, retries, paging, validated objects.

Every failure raises OParlError with a German message for staff; callers show it and go on.
"""

import datetime
import json
import logging
import time
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

MAX_BYTES = 2 * 1024 * 1024
CHUNK = 64 * 1024
RETRIES = 2
PAGE_CAP = 20
SEARCH_CAP = 20
USER_AGENT = "DigitaleAgenda-OParl/1.0"


class OParlError(Exception):
    """The council information system could not be read; the message is for staff."""


def timeout():
    return getattr(settings, "OPARL_TIMEOUT_SECONDS", 5.0)


def origin_of(url):
    parts = urllib.parse.urlsplit(url or "")
    return parts.scheme, parts.netloc.lower()


def check_url(url, origin=None):
    """An http(s) address; with `origin`, one on that scheme and host only.

    The portal fetches what staff paste and what the server links to. Pinned to the council
    system's host, neither can make it read an address inside the county's network."""
    parts = urllib.parse.urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise OParlError(_("The address “%(url)s” is not an http or https address.") % {"url": url})
    if origin is not None and origin_of(url) != origin:
        raise OParlError(
            _(
                "The address “%(url)s” is not on the council information system set in the "
                "site profile (%(host)s)."
            )
            % {"url": url, "host": origin[1]}
        )
    return url


def _read_limited(response):
    chunks, size = [], 0
    while True:
        chunk = response.read(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_BYTES:
            raise OParlError(
                _(
                    "The council information system sent an answer larger than 2 MB; "
                    "it was not read."
                )
            )
        chunks.append(chunk)


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http and https only (urllib would also follow ftp)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_url(newurl, origin_of(req.full_url))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


# Only http and https handlers: file:, ftp: and data: addresses cannot be opened at all.
_OPENER = urllib.request.OpenerDirector()
for _handler in (
    urllib.request.HTTPHandler(),
    urllib.request.HTTPSHandler(),
    urllib.request.HTTPDefaultErrorHandler(),
    urllib.request.HTTPErrorProcessor(),
    _HttpOnlyRedirects(),
):
    _OPENER.add_handler(_handler)


def _fetch_once(url):
    request = urllib.request.Request(  # noqa: S310 - the opener only knows http and https
        url, headers={"Accept": "application/json", "User-Agent": USER_AGENT}
    )
    with _OPENER.open(request, timeout=timeout()) as response:
        return _read_limited(response)


def get_json(url, source=None):
    """One OParl object as a dict, with RETRIES retries for server errors and timeouts.

    `source` (an address -> bytes) replaces the network, e.g. for the demo's local files."""
    check_url(url)
    for attempt in range(RETRIES + 1):
        try:
            body = (source or _fetch_once)(url)
            break
        except urllib.error.HTTPError as error:
            if error.code < 500 or attempt == RETRIES:
                logger.info("OParl %s: HTTP %s", url, error.code)
                raise OParlError(
                    _("The council information system answered with error %(code)s.")
                    % {"code": error.code}
                ) from error
        except (TimeoutError, urllib.error.URLError, ConnectionError, OSError) as error:
            if attempt == RETRIES:
                logger.info("OParl %s: %s", url, error)
                raise OParlError(
                    _(
                        "The council information system cannot be reached or does not answer "
                        "in time. Please try again later."
                    )
                ) from error
        time.sleep(0.2 * 2**attempt)
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise OParlError(
            _("The council information system sent an answer that is not valid JSON.")
        ) from error
    if not isinstance(data, dict):
        raise OParlError(_("The council information system sent an unexpected answer."))
    return data


def validate(obj, expected_type=None):
    """Required: id and type (an OParl type URL); the type, if given, must match."""
    if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
        raise OParlError(_("The council information system sent an object without an id."))
    kind = obj.get("type")
    if not isinstance(kind, str) or not kind.startswith("https://schema.oparl.org/1."):
        raise OParlError(_("The council information system sent an object without a type."))
    if expected_type and not kind.rstrip("/").endswith("/" + expected_type):
        raise OParlError(
            _("Expected an OParl object of type %(type)s, got another.") % {"type": expected_type}
        )
    check_url(obj["id"])
    return obj


def get_object(url, expected_type=None, source=None):
    return validate(get_json(url, source), expected_type)


def iter_list(url, page_cap=PAGE_CAP, source=None):
    """The objects of a paged OParl list, following links.next up to page_cap pages."""
    seen = set()
    for _page in range(page_cap):
        if url in seen:
            return
        seen.add(url)
        data = get_json(url, source)
        items = data.get("data")
        if not isinstance(items, list):
            raise OParlError(_("The council information system sent a list without data."))
        for item in items:
            if isinstance(item, dict):
                yield item
        origin = origin_of(url)
        url = (data.get("links") or {}).get("next") if isinstance(data.get("links"), dict) else None
        if not url:
            return
        check_url(url, origin)


def _bodies(system_url, source=None):
    system = get_object(system_url, "System", source)
    bodies = system.get("body")
    if not isinstance(bodies, str):
        raise OParlError(_("The OParl system names no list of bodies."))
    for body in iter_list(check_url(bodies, origin_of(system_url)), page_cap=2, source=source):
        yield validate(body, "Body")


def search_papers(system_url, query, cap=SEARCH_CAP, source=None):
    """Papers whose reference or name contains the query, from every body's paper list.

    OParl 1.1 has no search: the lists are read (paged, capped) and filtered here.
    """
    needle = query.strip().casefold()
    found = []
    for body in _bodies(system_url, source):
        paper_list = body.get("paper")
        if not isinstance(paper_list, str):
            continue
        for paper in iter_list(check_url(paper_list, origin_of(system_url)), source=source):
            if not isinstance(paper.get("id"), str):
                continue
            text = f"{paper.get('reference') or ''} {paper.get('name') or ''}".casefold()
            if needle in text:
                found.append(paper_summary(paper))
                if len(found) >= cap:
                    return found
    return found


def _day(value):
    try:
        return datetime.date.fromisoformat(value[:10]) if isinstance(value, str) else None
    except ValueError:
        return None


def paper_summary(paper):
    return {
        "id": paper["id"],
        "address": paper["id"],
        "reference": str(paper.get("reference") or ""),
        "name": str(paper.get("name") or ""),
        "date": _day(paper.get("date")),
        "web": paper.get("web") if isinstance(paper.get("web"), str) else "",
    }


def _embedded_or_fetched(value, expected_type, source, origin):
    if isinstance(value, dict):
        return validate(value, expected_type)
    if isinstance(value, str):
        return get_object(check_url(value, origin), expected_type, source)
    return None


def fetch_paper(paper_url, source=None, system_url=None):
    """The paper with its consultations, each with its agenda item (result, resolutionText),
    meeting (date) and organisation (the body's name) where the server names them.

    With `system_url`, the paper must be on that system's host; what the paper links to must
    always be on the paper's own host."""
    origin = origin_of(paper_url)
    check_url(paper_url, origin_of(system_url) if system_url else None)
    paper = get_object(paper_url, "Paper", source)
    consultations = []
    entries = paper.get("consultation")
    for entry in entries if isinstance(entries, list) else []:
        consultation = _embedded_or_fetched(entry, "Consultation", source, origin)
        if consultation is None:
            continue
        item = _embedded_or_fetched(consultation.get("agendaItem"), "AgendaItem", source, origin)
        meeting = _embedded_or_fetched(
            consultation.get("meeting") or (item or {}).get("meeting"), "Meeting", source, origin
        )
        organisations = consultation.get("organization")
        organisation = None
        if isinstance(organisations, list) and organisations:
            organisation = _embedded_or_fetched(organisations[0], "Organization", source, origin)
        consultations.append(
            {
                "consultation": consultation,
                "agenda_item": item,
                "meeting": meeting,
                "organization": organisation,
            }
        )
    return {"paper": paper, "consultations": consultations}
