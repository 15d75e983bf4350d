"""The explorer's pages: each gathers its data from the API in-process and renders a template.

Handlers stay thin: they decide which API calls answer the page, run them concurrently and
hand plain values to a template. Pages declare no query parameters of their own: the query
string goes to the API as given, so a bad value gets the API's own message, shown on the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import parse_qsl

from litestar import Request, get
from litestar.params import PathParameter
from litestar.response import Redirect, Template

from api.web import _query as qs
from api.web._changelog import changelog_entry
from api.web._internal import ApiAnswer, query_string
from api.web._labels import Labels
from api.web._site import PageError, Site, change_entries, site_for
from api.web._words import date_phrase, place_phrase

__all__ = [
    "codebook_page",
    "coverage_page",
    "event_page",
    "events_page",
    "overview_page",
    "release_page",
    "releases_page",
    "source_page",
    "sources_page",
]

PathStr = Annotated[str, PathParameter()]
"""A path segment passed to the API as given (the API says what is valid)."""


def _params(request: Request[Any, Any, Any]) -> list[tuple[str, str]]:
    # In the order given, so the links a page shows read like the URL the user typed.
    raw = request.scope.get("query_string", b"").decode("utf-8", "replace")
    return qs.clean(parse_qsl(raw, keep_blank_values=True))


def _problem(answer: ApiAnswer) -> PageError:
    body = answer.body if isinstance(answer.body, dict) else {}
    return PageError(
        answer.status,
        str(body.get("title") or "Request refused"),
        str(body.get("detail") or f"The API answered {answer.status}."),
        answer,
    )


@dataclass(frozen=True, slots=True)
class EventRow:
    """What a table of events shows of one, in words, ready to print."""

    id: str
    when: str
    type: str
    title: str
    where: str
    verification: str


@dataclass(frozen=True, slots=True)
class FacetLink:
    """One value of a facet: its label and count, and the link toggling it (None: no value)."""

    value: str | None
    label: str
    count: int
    on: bool
    href: str | None


# Rows and facet links are worded here and handed over as slotted records: a call from a
# template costs several times a Python call, and a template reads an attribute at once where a
# dict key is looked up only after a failed attribute lookup. A page of 50 events and 80
# facet values made some 1,500 such calls and lookups.


def _event_rows(events: list[dict[str, Any]], labels: Labels) -> list[EventRow]:
    """The rows of a table of ``events`` (API records)."""
    label = labels.label
    return [
        EventRow(
            id=e["id"],
            when=date_phrase(
                e["date_start"], e.get("date_end"), e["date_precision"], e.get("date_basis")
            ),
            type=label("event_type", e["event_type"]),
            title=e["title"],
            where=place_phrase(e["location"], labels.countries, labels.admin1),
            verification=f"{label('verification', e['verification'])}, "
            f"{label('confidence', e['confidence']).lower()} confidence",
        )
        for e in events
    ]


def _facet_links(
    answer: dict[str, Any], params: list[tuple[str, str]], labels: Labels
) -> dict[str, list[FacetLink]]:
    """Per facet of a ``/v1/stats/facets`` answer, its values as links toggling each value in
    the page's query."""
    toggle = qs.Toggles(params)
    out: dict[str, list[FacetLink]] = {}
    for facet in answer["data"]:
        name = facet["facet"]
        chosen = set(qs.selected(params, name))
        out[name] = [
            FacetLink(
                value=v["value"],
                label=labels.label(name, v["value"]),
                count=v["count"],
                on=v["value"] in chosen,
                href=None if v["value"] is None else "/events?" + toggle(name, v["value"]),
            )
            for v in facet["values"]
        ]
    return out


def _listing(answer: ApiAnswer) -> tuple[PageError | None, dict[str, Any]]:
    """A list answer's error (None when it is OK) and its body, an empty page on error."""
    if answer.ok:
        return None, answer.body
    return _problem(answer), {"data": [], "meta": {}}


def _page(name: str, site: Site, status: int = 200, **values: Any) -> Template:
    return Template(template_name=name, context=site.context(**values), status_code=status)


@get("/", name="overview")
async def overview_page(request: Request[Any, Any, Any]) -> Template:
    """The dataset at a glance: counts, timeline, map, latest release, coverage."""
    site = await site_for(request)
    rel = site.release_params
    release, coverage = await site.immutable(f"/v1/releases/{site.version}", "/v1/coverage")
    years = await site.api.get("/v1/stats/events", [("group_by", "year"), *rel])
    for answer in (release, years, coverage):
        if not answer.ok:
            raise _problem(answer)
    year_rows = years.body["data"]
    return _page(
        "overview.html",
        site,
        release=release.body,
        years=[r["group"]["year"] for r in year_rows if r["count"]],
        year_rows=year_rows,
        coverage=coverage.body["data"],
        links=qs.api_links(rel),
        changelog=changelog_entry(request.app.state.settings.releases_dir, site.version),
    )


_FACETS = ("event_type", "actor", "campaign", "admin1")
"""The facets of the events page, in the order shown."""


@get("/events", name="events")
async def events_page(request: Request[Any, Any, Any]) -> Template:
    """Filter form, facets over the whole filtered set, one page of events, charts, links."""
    site = await site_for(request)
    params = _params(request)
    filters = qs.filters_only(params)
    listing, counted = await site.api.gather(
        ("/v1/events", params),
        ("/v1/stats/facets", [*(("facet", f) for f in ("year", *_FACETS)), *filters]),
    )
    error, page = _listing(listing)
    facets: dict[str, list[FacetLink]] = {}
    year_rows: list[dict[str, Any]] = []
    if error is None and counted.ok:
        facets = _facet_links(counted.body, params, site.labels)
        year_rows = [{"group": {"year": v.value}, "count": v.count} for v in facets.pop("year")]
    return _page(
        "events.html",
        site,
        status=error.status if error else 200,
        error=error,
        params=params,
        events=_event_rows(page["data"], site.labels),
        meta=page["meta"],
        facets=facets,
        year_rows=year_rows,
        total=page["meta"].get("total", 0),
        links=qs.api_links(params),
        sdk=qs.sdk_call(params),
        selected=lambda name: qs.selected(params, name),
        query_without=lambda *names: query_string(qs.without(params, *names)),
    )


@get("/events/{event_id:str}", name="event")
async def event_page(request: Request[Any, Any, Any], event_id: PathStr) -> Template | Redirect:
    """One event in plain words with its claim trail and history across releases."""
    site = await site_for(request)
    answer = await site.api.get(f"/v1/events/{event_id}", site.release_params)
    if answer.status == 308:
        survivor = answer.headers["location"].split("?")[0].rsplit("/", 1)[-1]
        query = f"?{query_string(site.release_params)}" if site.requested else ""
        return Redirect(f"/events/{survivor}{query}", status_code=308)
    if answer.status == 410:
        return _page("event_gone.html", site, status=410, tombstone=answer.body, event_id=event_id)
    if not answer.ok:
        raise _problem(answer)
    history = await _history(site, event_id)
    return _page(
        "event.html",
        site,
        event=answer.body["data"],
        sources={s["id"]: s for s in answer.body["sources"]},
        history=history,
    )


async def _history(site: Site, event_id: str) -> list[dict[str, Any]]:
    """What each release up to the shown one did to ``event_id`` (added, changed, ...).

    Each release's change list is asked for this one event (``?id=``): a first release's whole
    list names every event, which at a million events cost the page seconds and the process
    hundreds of MB to decode and index.
    """
    versions = [r["version"] for r in reversed(site.releases)]
    versions = versions[: versions.index(site.version) + 1]
    history = []
    for version in versions:
        answer = await site.api.get(f"/v1/releases/{version}/changes", [("id", event_id)])
        if not answer.ok:
            continue
        for kind in ("added", "changed", "merged", "retracted"):
            history += [
                {"version": version, "kind": kind, **entry}
                for entry in change_entries(answer.body, kind)
            ]
    return history


@get("/sources", name="sources")
async def sources_page(request: Request[Any, Any, Any]) -> Template:
    """Source documents, filterable by outlet type and language, keyset-paged."""
    site = await site_for(request)
    params = _params(request)
    error, page = _listing(await site.api.get("/v1/sources", params))
    return _page(
        "sources.html",
        site,
        status=error.status if error else 200,
        error=error,
        params=params,
        sources=page["data"],
        meta=page["meta"],
        selected=lambda name: qs.selected(params, name),
        query_without=lambda *names: query_string(qs.without(params, *names)),
        api_url="/v1/sources" + (f"?{query_string(params)}" if params else ""),
    )


@get("/sources/{source_id:str}", name="source")
async def source_page(request: Request[Any, Any, Any], source_id: PathStr) -> Template:
    """One source document and the events whose reports cite it."""
    site = await site_for(request)
    rel = site.release_params
    source, citing = await site.api.gather(
        (f"/v1/sources/{source_id}", rel),
        ("/v1/events", [("source", source_id), ("limit", "1000"), *rel]),
    )
    if not source.ok:
        raise _problem(source)
    return _page(
        "source.html",
        site,
        source=source.body["data"],
        events=_event_rows(citing.body["data"] if citing.ok else [], site.labels),
    )


@get("/codebook", name="codebook")
async def codebook_page(request: Request[Any, Any, Any]) -> Template:
    """Event types with definitions, includes and excludes; organisations; campaigns; terms."""
    site = await site_for(request)
    types, actors, campaigns = await site.immutable(
        "/v1/event-types", "/v1/actors", "/v1/campaigns"
    )
    for answer in (types, actors, campaigns):
        if not answer.ok:
            raise _problem(answer)
    return _page(
        "codebook.html",
        site,
        event_types=types.body["data"],
        actors=actors.body["data"],
        campaigns=campaigns.body["data"],
    )


@get("/coverage", name="coverage")
async def coverage_page(request: Request[Any, Any, Any]) -> Template:
    """What was searched, per period and source family, and what was and was not found."""
    site = await site_for(request)
    (answer,) = await site.immutable("/v1/coverage")
    if not answer.ok:
        raise _problem(answer)
    return _page("coverage.html", site, coverage=answer.body["data"])


@get("/releases", name="releases")
async def releases_page(request: Request[Any, Any, Any]) -> Template:
    """Every release with its date and counts."""
    site = await site_for(request)
    details = await site.immutable(*(f"/v1/releases/{r['version']}" for r in site.releases))
    manifests = {a.body["data"]["version"]: a.body["data"] for a in details if a.ok}
    return _page("releases.html", site, manifests=manifests)


@get("/releases/{version:str}", name="release")
async def release_page(request: Request[Any, Any, Any], version: PathStr) -> Template:
    """One release: counts, files with sizes and checksums, changes, citation."""
    site = await site_for(request)
    detail = await site.api.get_immutable(f"/v1/releases/{version}")
    changes = await site.api.get_immutable(f"/v1/releases/{version}/changes")
    if not detail.ok:
        raise _problem(detail)
    change_lists = {}
    if changes.ok:
        change_lists = {
            k: change_entries(changes.body, k) for k in ("added", "changed", "merged", "retracted")
        }
    return _page(
        "release.html",
        site,
        release=detail.body,
        manifest=detail.body["data"],
        changes=changes.body if changes.ok else None,
        change_lists=change_lists,
        changelog=changelog_entry(request.app.state.settings.releases_dir, version),
    )
