"""``/v1/stats/events``: counts and sums of best estimates by one or two dimensions;
``/v1/stats/facets``: counts by value of several dimensions at once (the explorer's facets)."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Request, Response, get
from litestar.params import QueryParameter

from api.db.reads import ReleaseInfo
from api.errors import BadRequest
from api.query.stats import TIME, Dimension, facet_counts, fill_time_buckets, grouped_stats
from api.routes import _params as p
from api.routes._common import (
    ERRORS,
    ReleaseParam,
    etag_for,
    json_bytes_response,
    not_modified,
    problem_responses,
    release_ref,
    store_of,
)
from api.schemas.events import Facet, FacetsPage, FacetValue, StatsPage, StatsRow

__all__ = ["event_facets", "event_stats"]


@get(
    "/v1/stats/events",
    operation_id="getEventStats",
    summary="Event statistics",
    tags=["stats"],
    sync_to_thread=True,
    responses=problem_responses(*ERRORS),
    description="Counts of the active events matching the filters (same as the list) and "
    "sums of their best estimates, grouped by one or two of year, month, event_type, actor, "
    "admin1, campaign. Grouping by actor counts an event under each of its organisations. "
    "Each sum covers only the events that have a best estimate: `<field>_known` says how "
    "many, and the sum is null when none has one. Grouped by year or month, every bucket "
    "from the window's start to its end is present, with count 0 when it has no event: the "
    "window is date_from/date_to limited to the span of the release's events, or without "
    "them the first to the last bucket with events (for each value of the other dimension).",
)
def event_stats(
    request: Request[Any, Any, Any],
    group_by: Annotated[
        list[Dimension],
        QueryParameter(
            name="group_by",
            description="One or two distinct dimensions; repeat the parameter for two.",
            min_items=1,
            max_items=2,
        ),
    ],
    release: ReleaseParam = None,
    event_type: p.EventTypeP = None,
    actor: p.ActorP = None,
    country: p.CountryP = None,
    admin1: p.Admin1P = None,
    campaign: p.CampaignP = None,
    source: p.SourceP = None,
    verification: p.VerificationP = None,
    min_confidence: p.MinConfidenceP = None,
    date_from: p.DateFromP = None,
    date_to: p.DateToP = None,
    date_match: p.DateMatchP = "overlaps",
    q: p.QP = None,
) -> Response[StatsPage]:
    """Grouped event statistics."""
    params = p.FilterParams(
        event_type=event_type,
        actor=actor,
        country=country,
        admin1=admin1,
        campaign=campaign,
        source=source,
        verification=verification,
        min_confidence=min_confidence,
        date_from=date_from,
        date_to=date_to,
        date_match=date_match,
        q=q,
    )
    if not 1 <= len(group_by) <= 2 or len(set(group_by)) != len(group_by):
        raise BadRequest.param("group_by", "give one or two distinct dimensions")
    store = store_of(request)
    with store.connect() as conn:
        rel = store.resolve(conn, release)
        filters = p.build_filters(store, conn, rel, params)
        etag = etag_for(rel, request)
        cached = not_modified(request, etag)
        if cached is not None:
            return cached  # type: ignore[return-value]

        def compute() -> bytes:
            dims = list(group_by)
            rows = grouped_stats(conn, filters, rel.ordinal, store.pg, dims, rel.max_span_days)
            if "year" in dims or "month" in dims:
                span = store.event_span(conn, rel)
                rows = fill_time_buckets(rows, dims, (filters.date_from, filters.date_to), span)
            return _encode(rows, rel, dims)

        body = store.cached_body(etag, compute)
    return json_bytes_response(request, body, etag)


def _int(value: Any) -> int | None:
    # PostgreSQL sums integers as numeric (Decimal).
    return None if value is None else int(value)


def _encode(rows: list[dict[str, Any]], rel: ReleaseInfo, group_by: list[Dimension]) -> bytes:
    data = [
        StatsRow(
            group={d: r[d] for d in group_by},
            count=r["count"],
            participants_best=_int(r["participants_best"]),
            participants_known=int(r["participants_known"]),
            cases_best=_int(r["cases_best"]),
            cases_known=int(r["cases_known"]),
            killed_best=_int(r["killed_best"]),
            killed_known=int(r["killed_known"]),
            arrested_best=_int(r["arrested_best"]),
            arrested_known=int(r["arrested_known"]),
        )
        for r in rows
    ]
    page = StatsPage(data=data, meta=release_ref(rel), group_by=list[str](group_by))
    return msgspec.json.encode(page)


@get(
    "/v1/stats/facets",
    operation_id="getEventFacets",
    summary="Event facet counts",
    tags=["stats"],
    sync_to_thread=True,
    responses=problem_responses(*ERRORS),
    description="For each requested dimension (year, month, event_type, actor, admin1, "
    "campaign), the number of active events matching the filters (same as the list) under "
    "each of its values, counted over the whole filtered set in one request: what a "
    "filter form shows beside each choice. A value of null counts the events without one "
    "(no campaign, no province). Values come largest count first, or in time order for "
    "year and month with every bucket of the window present (as in /v1/stats/events). An "
    "event counts once under each organisation among its actors.",
)
def event_facets(
    request: Request[Any, Any, Any],
    facet: Annotated[
        list[Dimension],
        QueryParameter(
            name="facet",
            description="Dimensions to count, distinct; repeat the parameter for several.",
            min_items=1,
            max_items=6,
        ),
    ],
    release: ReleaseParam = None,
    event_type: p.EventTypeP = None,
    actor: p.ActorP = None,
    country: p.CountryP = None,
    admin1: p.Admin1P = None,
    campaign: p.CampaignP = None,
    source: p.SourceP = None,
    verification: p.VerificationP = None,
    min_confidence: p.MinConfidenceP = None,
    date_from: p.DateFromP = None,
    date_to: p.DateToP = None,
    date_match: p.DateMatchP = "overlaps",
    q: p.QP = None,
) -> Response[FacetsPage]:
    """Facet counts."""
    params = p.FilterParams(
        event_type=event_type,
        actor=actor,
        country=country,
        admin1=admin1,
        campaign=campaign,
        source=source,
        verification=verification,
        min_confidence=min_confidence,
        date_from=date_from,
        date_to=date_to,
        date_match=date_match,
        q=q,
    )
    if len(set(facet)) != len(facet):
        raise BadRequest.param("facet", "give each dimension once")
    store = store_of(request)
    with store.connect() as conn:
        rel = store.resolve(conn, release)
        filters = p.build_filters(store, conn, rel, params)
        etag = etag_for(rel, request)
        cached = not_modified(request, etag)
        if cached is not None:
            return cached  # type: ignore[return-value]

        def compute() -> bytes:
            dims = list(facet)
            counts = facet_counts(conn, filters, rel.ordinal, store.pg, dims, rel.max_span_days)
            data = []
            for name in facet:
                if name in TIME:
                    rows = [{name: k, "count": n} for k, n in counts[name].items()]
                    span = store.event_span(conn, rel)
                    window = (filters.date_from, filters.date_to)
                    filled = fill_time_buckets(rows, [name], window, span)
                    values = [FacetValue(value=r[name], count=r["count"]) for r in filled]
                else:
                    ranked = sorted(
                        counts[name].items(),
                        key=lambda kv: (-kv[1], kv[0] is not None, kv[0] or ""),
                    )
                    values = [FacetValue(value=k, count=n) for k, n in ranked]
                data.append(Facet(facet=name, values=values))
            return msgspec.json.encode(FacetsPage(data=data, meta=release_ref(rel)))

        body = store.cached_body(etag, compute)
    return json_bytes_response(request, body, etag)
