"""``/v1/events``: the filtered, paginated list in four formats, and one event by id."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any

from litestar import Request, Response, get
from litestar.concurrency import sync_to_thread
from litestar.params import PathParameter, QueryParameter
from litestar.response import Redirect, Stream

from api.db.reads import ECSV, EP, EV, EventRow, ReleaseInfo, Store
from api.errors import BadRequest, Gone, NotFound
from api.query.cursor import CursorError, decode_cursor, encode_cursor, query_digest
from api.query.filters import EventFilters
from api.routes import _params as p
from api.routes._common import (
    ERRORS,
    ReleaseParam,
    caching_headers,
    etag_for,
    json_bytes_response,
    names_etag,
    not_modified,
    page_response,
    problem_responses,
    store_of,
)
from api.routes._formats import MEDIA_TYPES, Format, geojson_feature, negotiate
from api.schemas.events import EventDetail, EventPage

__all__ = ["event_detail", "get_event", "list_events"]

_STREAM_BATCH = 5000
_UNBOUND = {"cursor", "limit", "format"}


def _page_params(request: Request[Any, Any, Any]) -> list[tuple[str, str]]:
    return [
        (k, v) for k, vs in request.query_params.dict().items() if k not in _UNBOUND for v in vs
    ]


def _after(store: Store, digest: str, cursor: str | None) -> tuple[dt.date, str] | None:
    if cursor is None:
        return None
    try:
        key = decode_cursor(store.cursor_secret, digest, cursor)
        return dt.date.fromisoformat(key[0]), key[1]
    except (CursorError, ValueError, IndexError) as exc:
        raise BadRequest.param("cursor", str(exc)) from exc


def _stream_rows(
    store: Store,
    release: ReleaseInfo,
    filters: EventFilters,
    descending: bool,
    after: tuple[dt.date, str] | None,
    limit: int | None,
    fmt: Format,
) -> Iterator[bytes]:
    """Chunks of a streamed format, one per keyset batch (no connection held while idle).

    Each batch is an index walk from the previous batch's last key, so memory stays flat and
    no batch costs more than the first. CSV rows are stored pre-encoded in list order
    (``event_csv``): a batch is one join that reads them in the order they sit.
    """
    if fmt == "csv":
        cols = [EV.c.event_id, EV.c.date_start, ECSV.c.csv_row]
    else:
        cols = [EV.c.event_id, EV.c.date_start, EP.c.body, EV.c.latitude, EV.c.longitude]
    sent = 0
    first = True
    while limit is None or sent < limit:
        want = _STREAM_BATCH if limit is None else min(_STREAM_BATCH, limit - sent)
        with store.connect() as conn:
            rows = list(
                store.list_events(
                    conn,
                    release,
                    filters,
                    descending=descending,
                    limit=want,
                    after=after,
                    columns=cols,
                )
            )
        if not rows:
            return
        if fmt == "csv":
            yield "".join([r[2] for r in rows]).encode()
        elif fmt == "ndjson":
            yield b"".join([bytes(r.body) + b"\n" for r in rows])
        else:
            features = [
                geojson_feature(r.event_id, r.latitude, r.longitude, bytes(r.body)) for r in rows
            ]
            yield (b"" if first else b",") + b",".join(features)
        first = False
        sent += len(rows)
        if len(rows) < want:
            return
        after = (rows[-1].date_start, rows[-1].event_id)


@get(
    "/v1/events",
    operation_id="listEvents",
    summary="List events",
    description="Active events of a release matching every given filter (repeated parameter: "
    "OR within the field), sorted by date with the id as tie-break, keyset-paginated. "
    "Formats: JSON envelope (default), NDJSON, CSV (the release's events.csv columns) and "
    "GeoJSON (every matching event; `geometry` is null where the event has no coordinates, "
    "and `properties.location` carries `place_name` and `geo_precision`), chosen by `format` "
    "or `Accept`. JSON pages default to 50 rows and say in `meta.total` how many events match "
    "in all; the other formats stream every match unless `limit` is given.",
    tags=["events"],
    responses=problem_responses(*ERRORS),
)
async def list_events(
    request: Request[Any, Any, Any],
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
    sort: Annotated[
        str,
        QueryParameter(
            name="sort",
            required=False,
            pattern=r"^-?date$",
            description="date (oldest first) or -date (newest first); ties by id.",
        ),
    ] = "date",
    limit: Annotated[
        int | None,
        QueryParameter(
            name="limit",
            required=False,
            ge=1,
            le=1000,
            description="Page size, 1-1000 (JSON default 50).",
        ),
    ] = None,
    cursor: Annotated[
        str | None,
        QueryParameter(
            name="cursor",
            required=False,
            max_length=512,
            description="Opaque cursor from `next_cursor` of the previous page.",
        ),
    ] = None,
    format: Annotated[
        Format | None,
        QueryParameter(
            name="format",
            required=False,
            description="json, ndjson, csv or geojson; overrides Accept.",
        ),
    ] = None,
) -> Response[EventPage]:
    """List events matching the filters."""
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
    store = store_of(request)
    fmt = negotiate(request, format)
    if store.reads_inline and "if-none-match" in request.headers:
        # A repeat of an earlier answer (its exact ETag) is a 304 without leaving the event
        # loop: the release pointer is one read of microseconds on the worker's connection.
        with store.reader() as reader:
            rel = store.resolve(reader, release)
        early = names_etag(request, etag_for(rel, request, fmt))
        if early is not None:
            return early  # type: ignore[return-value]
    return await sync_to_thread(
        _list_events, request, store, params, fmt, release, sort, limit, cursor
    )


def _list_events(
    request: Request[Any, Any, Any],
    store: Store,
    params: p.FilterParams,
    fmt: Format,
    release: str | None,
    sort: str,
    limit: int | None,
    cursor: str | None,
) -> Response[Any]:
    descending = sort == "-date"
    with store.connect() as conn:
        rel = store.resolve(conn, release)
        etag = etag_for(rel, request, fmt)
        early = names_etag(request, etag)
        if early is not None:
            return early
        filters = p.build_filters(store, conn, rel, params)
        digest = query_digest(rel.ordinal, _page_params(request))
        after = _after(store, digest, cursor)
        cached = not_modified(request, etag)
        if cached is not None:
            return cached
        if fmt == "json":
            size = limit or 50
            rows = list(
                store.list_events(
                    conn, rel, filters, descending=descending, limit=size + 1, after=after
                )
            )
            total = store.count_events(conn, rel, filters)
    headers = caching_headers(request, etag)
    if fmt != "json":
        body = _stream_rows(store, rel, filters, descending, after, limit, fmt)
        if fmt == "csv":
            body = _prepend(rel.csv_header.encode(), body)
        elif fmt == "geojson":
            body = _wrap(b'{"type":"FeatureCollection","features":[', body, b"]}")
        return Stream(
            body,
            media_type=MEDIA_TYPES[fmt],
            headers=headers,
        )
    more = len(rows) > size
    rows = rows[:size]
    next_cursor = None
    if more:
        last = rows[-1]
        next_cursor = encode_cursor(
            store.cursor_secret, digest, [last.date_start.isoformat(), last.event_id]
        )
    return page_response(
        request, rel, [bytes(r.body) for r in rows], total, size, next_cursor, etag, headers
    )


def _prepend(head: bytes, rows: Iterator[bytes]) -> Iterator[bytes]:
    yield head
    yield from rows


def _wrap(head: bytes, rows: Iterator[bytes], tail: bytes) -> Iterator[bytes]:
    yield head
    yield from rows
    yield tail


@get(
    "/v1/events/{event_id:str}",
    operation_id="getEvent",
    summary="Get an event",
    description="The full record with its reports and the sources they cite. A merged id "
    "answers 308 to the surviving event; a retracted id answers 410 with the tombstone.",
    tags=["events"],
    responses=problem_responses(400, 404, 410, 429, 503),
)
async def get_event(
    request: Request[Any, Any, Any],
    event_id: Annotated[
        str, PathParameter(description="Event id.", examples=[], pattern=r"^FL-[0-9]{6}$")
    ],
    release: ReleaseParam = None,
) -> Response[EventDetail]:
    """One event by id.

    Three one-row reads: on SQLite they take microseconds on the worker's own connection and
    run here on the event loop; on PostgreSQL they wait on the network, in a worker thread.
    """
    store = store_of(request)
    if store.reads_inline:
        return _event_answer(request, store, event_id, release)
    return await sync_to_thread(_event_answer, request, store, event_id, release)


def _event_answer(
    request: Request[Any, Any, Any], store: Store, event_id: str, release: str | None
) -> Response[Any]:
    with store.reader() as conn:
        rel = store.resolve(conn, release)
        etag = etag_for(rel, request)
        early = names_etag(request, etag)
        if early is not None:
            return early
        row = store.event(conn, rel, event_id)
        if row is None:
            raise NotFound(f"no event {event_id} in release {rel.version}", release=rel.version)
        if row.status == "merged":
            query = f"?release={release}" if release else ""
            return Redirect(
                f"/v1/events/{row.merged_into}{query}",
                status_code=308,
                headers={"Cache-Control": caching_headers(request, "")["Cache-Control"]},
            )
        if row.status == "retracted":
            raise Gone(
                f"event {event_id} was retracted in release {rel.version}",
                id=event_id,
                reason=row.status_reason,
                release=rel.version,
            )
        cached = not_modified(request, etag)
        if cached is not None:
            return cached
    return json_bytes_response(request, event_detail(rel, row), etag)


def event_detail(rel: ReleaseInfo, row: EventRow) -> bytes:
    """The body of ``GET /v1/events/{id}``: the record, its sources, the release named."""
    return b'{"data":' + row.body + b',"sources":' + row.sources + rel.detail_tail
