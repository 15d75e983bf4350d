"""Helpers shared by the route modules: store access, release parameter, ETag and caching."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Annotated, Any
from urllib.parse import urlencode

import msgspec
from litestar import Request, Response
from litestar.params import QueryParameter

from api.db.reads import ReleaseInfo, Store
from api.errors import PROBLEM_MEDIA_TYPE, Problem
from api.schemas.common import Links, Meta_, ReleaseRef

__all__ = [
    "ERRORS",
    "ReleaseParam",
    "etag_for",
    "etag_of",
    "json_bytes_response",
    "names_etag",
    "not_modified",
    "problem_responses",
    "release_ref",
    "store_of",
]

ReleaseParam = Annotated[
    str | None,
    QueryParameter(
        name="release",
        description="Release version to answer from (as-of query), or `latest` (the default).",
        examples=[],
        pattern=r"^(latest|\d+\.\d+\.\d+)$",
        max_length=64,
        required=False,
    ),
]


def store_of(request: Request[Any, Any, Any]) -> Store:
    """The app's ``Store``."""
    store: Store = request.app.state.store
    return store


def release_ref(release: ReleaseInfo) -> ReleaseRef:
    """Envelope metadata naming the release."""
    return ReleaseRef(release=release.version, schema_version=release.schema_version)


def etag_for(release: ReleaseInfo, request: Request[Any, Any, Any], variant: str = "") -> str:
    """Strong ETag: data is immutable per release, so release + URL + variant identify it."""
    query = "&".join(
        f"{k}={v}" for k, vs in sorted(request.query_params.dict().items()) for v in sorted(vs)
    )
    return etag_of(release.version, request.url.path, query, variant)


def etag_of(version: str, path: str, query: str = "", variant: str = "") -> str:
    """The strong ETag of ``etag_for`` from its parts (``query``: sorted ``k=v`` joined by
    ``&``)."""
    raw = f"{version}|{path}|{query}|{variant}"
    return '"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"'


def _cache_control(request: Request[Any, Any, Any]) -> str:
    if request.query_params.get("release", "latest") != "latest":
        return "public, max-age=86400"
    return "public, max-age=60"


def caching_headers(request: Request[Any, Any, Any], etag: str) -> dict[str, str]:
    """ETag, Cache-Control and Vary for a data response."""
    return {
        "ETag": etag,
        "Cache-Control": _cache_control(request),
        "Vary": "Accept, Accept-Encoding",
    }


def not_modified(request: Request[Any, Any, Any], etag: str) -> Response[bytes] | None:
    """A 304 when ``If-None-Match`` names ``etag`` (or ``*``), else None."""
    header = request.headers.get("if-none-match")
    if not header:
        return None
    tags = {t.strip().removeprefix("W/") for t in header.split(",")}
    if etag in tags or "*" in tags:
        return Response(content=b"", status_code=304, headers=caching_headers(request, etag))
    return None


def names_etag(request: Request[Any, Any, Any], etag: str) -> Response[bytes] | None:
    """A 304 when ``If-None-Match`` names ``etag`` exactly (``*`` does not count), else None.

    Checked before the parameters are validated and before any query: an exact ETag comes
    from an earlier 200 for the same release and URL, and a release is immutable.
    """
    header = request.headers.get("if-none-match")
    if not header or etag not in header:
        return None
    tags = {t.strip().removeprefix("W/") for t in header.split(",")}
    if etag in tags:
        return Response(content=b"", status_code=304, headers=caching_headers(request, etag))
    return None


def json_bytes_response(
    request: Request[Any, Any, Any],
    body: bytes,
    etag: str,
    *,
    media_type: str = "application/json",
    headers: dict[str, str] | None = None,
) -> Response[Any]:
    """A 200 with a pre-encoded body and the caching headers."""
    return Response(
        content=body,
        media_type=media_type,
        headers={**caching_headers(request, etag), **(headers or {})},
    )


def problem_responses(*statuses: int) -> dict[int, Any]:
    """``responses=`` entries documenting problem+json errors for the given statuses.

    414 and 431 (request limits, ``api.routes._middleware``) can answer any request, so every
    operation documents them.
    """
    from litestar.openapi.datastructures import ResponseSpec

    text = {
        304: "Not modified (If-None-Match matched the ETag).",
        400: "Invalid parameter or cursor.",
        404: "Not found.",
        410: "Gone: the event was retracted; the body is the tombstone.",
        414: "Request target too long (limit: 32 KiB).",
        416: "Range not satisfiable.",
        431: "Request headers too large (limit: 16 KiB in all).",
        429: "Too many requests; retry after Retry-After seconds (when rate limiting is on).",
        503: "Database unreachable or no release loaded.",
    }
    out: dict[int, Any] = {}
    for status in sorted({*statuses, 414, 431}):
        out[status] = ResponseSpec(
            data_container=Problem,
            description=text.get(status, "Error."),
            media_type=PROBLEM_MEDIA_TYPE,
            generate_examples=False,
        )
    return out


ERRORS = (400, 404, 429, 503)
"""Statuses every data endpoint can return (404: unknown `release`)."""


def next_page_url(request: Request[Any, Any, Any], cursor: str) -> str:
    """This request's URL with ``cursor`` replaced: the link to the next page."""
    params = [(k, v) for k, vs in request.query_params.dict().items() if k != "cursor" for v in vs]
    params.append(("cursor", cursor))
    return f"{request.url.path}?{urlencode(params)}"


def page_response(
    request: Request[Any, Any, Any],
    release: ReleaseInfo,
    bodies: Sequence[bytes],
    total: tuple[int, bool],
    limit: int,
    next_cursor: str | None,
    etag: str,
    headers: dict[str, str],
) -> Response[Any]:
    """The one list envelope, ``{data, meta, links}``, from pre-encoded records.

    The records are already JSON (stored per version at ingest), so they are joined as bytes
    rather than decoded and encoded again; ``Link: rel="next"`` mirrors ``links.next``.
    """
    query = request.url.query
    links = Links(
        self=str(request.url.path) + ("?" + query if query else ""),
        next=next_page_url(request, next_cursor) if next_cursor else None,
    )
    meta = Meta_(
        release=release.version,
        schema_version=release.schema_version,
        count=len(bodies),
        total=total[0],
        total_exact=total[1],
        limit=limit,
        next_cursor=next_cursor,
    )
    payload = b"".join(
        (
            b'{"data":[',
            b",".join(bodies),
            b'],"meta":',
            msgspec.json.encode(meta),
            b',"links":',
            msgspec.json.encode(links),
            b"}",
        )
    )
    if links.next:
        headers["Link"] = f'<{links.next}>; rel="next"'
    return json_bytes_response(request, payload, etag, headers=headers)
