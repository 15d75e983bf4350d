"""``/v1/sources``: source documents, and one source with the events citing it."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Request, Response, get
from litestar.params import PathParameter, QueryParameter
from msgspec import Meta

from api.errors import BadRequest, NotFound
from api.query.cursor import CursorError, decode_cursor, encode_cursor, query_digest
from api.records import OutletType
from api.routes._common import (
    ReleaseParam,
    caching_headers,
    etag_for,
    json_bytes_response,
    not_modified,
    page_response,
    problem_responses,
    store_of,
)
from api.schemas.events import SourceDetail, SourcePage

__all__ = ["get_source", "list_sources"]


@get(
    "/v1/sources",
    operation_id="listSources",
    summary="List sources",
    tags=["sources"],
    description="Sources of a release in id order, keyset-paginated.",
    sync_to_thread=True,
    responses=problem_responses(400, 404, 429, 503),
)
def list_sources(
    request: Request[Any, Any, Any],
    release: ReleaseParam = None,
    outlet_type: Annotated[
        list[OutletType] | None,
        QueryParameter(name="outlet_type", required=False, description="Outlet type(s)."),
    ] = None,
    language: Annotated[
        list[Annotated[str, Meta(pattern=r"^[a-z]{2}$")]] | None,
        QueryParameter(name="language", required=False, description="ISO 639-1 code(s)."),
    ] = None,
    limit: Annotated[
        int,
        QueryParameter(
            name="limit", required=False, ge=1, le=1000, description="Page size, 1-1000."
        ),
    ] = 50,
    cursor: Annotated[
        str | None,
        QueryParameter(
            name="cursor", required=False, max_length=512, description="Cursor from `next_cursor`."
        ),
    ] = None,
) -> Response[SourcePage]:
    """List sources."""
    store = store_of(request)
    with store.connect() as conn:
        rel = store.resolve(conn, release)
        bound = [
            (k, v)
            for k, vs in request.query_params.dict().items()
            if k not in {"cursor", "limit"}
            for v in vs
        ]
        digest = query_digest(rel.ordinal, bound)
        after = None
        if cursor is not None:
            try:
                after = decode_cursor(store.cursor_secret, digest, cursor)[0]
            except (CursorError, IndexError) as exc:
                raise BadRequest.param("cursor", str(exc)) from exc
        etag = etag_for(rel, request)
        cached = not_modified(request, etag)
        if cached is not None:
            return cached  # type: ignore[return-value]
        types, languages = [str(o) for o in outlet_type or []], list(language or [])
        rows = store.list_sources(
            conn, rel, outlet_type=types, language=languages, limit=limit + 1, after=after
        )
        total = store.count_sources(conn, rel, types, languages)
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(store.cursor_secret, digest, [rows[-1].source_id]) if more else None
    return page_response(
        request,
        rel,
        [bytes(r.body) for r in rows],
        total,
        limit,
        next_cursor,
        etag,
        caching_headers(request, etag),
    )


@get(
    "/v1/sources/{source_id:str}",
    operation_id="getSource",
    summary="Get a source",
    tags=["sources"],
    description="A source and the ids of the active events citing it.",
    sync_to_thread=True,
    responses=problem_responses(400, 404, 429, 503),
)
def get_source(
    request: Request[Any, Any, Any],
    source_id: Annotated[str, PathParameter(description="Source id.", pattern=r"^SRC-[0-9]{6}$")],
    release: ReleaseParam = None,
) -> Response[SourceDetail]:
    """One source."""
    store = store_of(request)
    with store.connect() as conn:
        rel = store.resolve(conn, release)
        etag = etag_for(rel, request)
        cached = not_modified(request, etag)
        if cached is not None:
            return cached  # type: ignore[return-value]
        body = store.source(conn, rel, source_id)
        if body is None:
            raise NotFound(f"no source {source_id} in release {rel.version}", release=rel.version)
        events = store.events_citing(conn, rel, source_id)
    meta = msgspec.json.encode({"release": rel.version, "schema_version": rel.schema_version})
    out = (
        b'{"data":' + body + b',"events":' + msgspec.json.encode(events) + b',"meta":' + meta + b"}"
    )
    return json_bytes_response(request, out, etag)
