"""Completes the generated OpenAPI document with what handler signatures cannot say.

Alternative media types of the events list, the 308 redirect, 304 / 206 responses, caching
and pagination headers, and links between operations (events list -> event -> source,
releases -> release -> files / changes).
"""

from __future__ import annotations

from litestar import Litestar
from litestar.openapi.spec import (
    Link,
    OpenAPIHeader,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Schema,
)

__all__ = ["enrich_openapi"]

_STR = Schema(type=OpenAPIType.STRING)
_ETAG = OpenAPIHeader(description="Strong validator of the representation.", schema=_STR)
_CACHE = OpenAPIHeader(description="Caching policy.", schema=_STR)
_FILE_MEDIA_TYPES = (
    "application/octet-stream",
    "application/json",
    "application/x-ndjson",
    "text/csv",
    "application/vnd.apache.parquet",
    "application/vnd.sqlite3",
)


def _ops(app: Litestar) -> dict[str, Operation]:
    out: dict[str, Operation] = {}
    for item in (app.openapi_schema.paths or {}).values():
        if item.get is not None and item.get.operation_id:
            out[item.get.operation_id] = item.get
    return out


def _ok(op: Operation) -> OpenAPIResponse:
    resp = (op.responses or {})["200"]
    assert isinstance(resp, OpenAPIResponse)
    return resp


def enrich_openapi(app: Litestar) -> None:
    """Mutate the app's cached OpenAPI document in place (served and exported alike)."""
    ops = _ops(app)
    for op_id, op in ops.items():
        if op_id in {"getHealth", "getReadiness"}:
            continue
        ok = _ok(op)
        ok.headers = {**(ok.headers or {}), "ETag": _ETAG, "Cache-Control": _CACHE}
        assert op.responses is not None
        op.responses["304"] = OpenAPIResponse(
            description="Not modified: `If-None-Match` matched the current ETag.",
            headers={"ETag": _ETAG},
        )
    events = ops["listEvents"]
    ok = _ok(events)
    ok.content = {
        **(ok.content or {}),
        "application/x-ndjson": OpenAPIMediaType(
            schema=Schema(type=OpenAPIType.STRING, description="One event record per line.")
        ),
        "text/csv": OpenAPIMediaType(
            schema=Schema(
                type=OpenAPIType.STRING,
                description="The release's events.csv columns, one row per event.",
            )
        ),
        "application/geo+json": OpenAPIMediaType(
            schema=Schema(
                type=OpenAPIType.OBJECT,
                description="FeatureCollection of the events with coordinates; each "
                "feature's properties are the event record.",
            )
        ),
    }
    ok.headers = {
        **(ok.headers or {}),
        "Link": OpenAPIHeader(
            description='`<url>; rel="next"` when there is a next page.', schema=_STR
        ),
    }
    ok.links = {
        "GetEventById": Link(
            operation_id="getEvent",
            parameters={"event_id": "$response.body#/data/0/id"},
            description="The first event of the page.",
        )
    }
    get_event = ops["getEvent"]
    assert get_event.responses is not None
    get_event.responses["308"] = OpenAPIResponse(
        description="The event was merged; `Location` is the surviving event.",
        headers={"Location": OpenAPIHeader(description="Surviving event.", schema=_STR)},
    )
    _ok(get_event).links = {
        "GetSourceById": Link(
            operation_id="getSource",
            parameters={"source_id": "$response.body#/sources/0/id"},
            description="The first source cited by the event's reports.",
        )
    }
    _ok(ops["listReleases"]).links = {
        "GetReleaseByVersion": Link(
            operation_id="getRelease",
            parameters={"version": "$response.body#/data/0/version"},
            description="The newest release.",
        )
    }
    _ok(ops["getRelease"]).links = {
        "GetReleaseChanges": Link(
            operation_id="getReleaseChanges",
            parameters={"version": "$request.path.version"},
            description="The release's change list.",
        ),
        "GetManifestFile": Link(
            operation_id="getReleaseFile",
            parameters={"version": "$request.path.version", "name": "manifest.json"},
            description="The release's manifest file.",
        ),
    }
    files = ops["getReleaseFile"]
    # The media type follows the file's suffix (see routes/releases.py), so list them all.
    file_bytes = OpenAPIMediaType(
        schema=Schema(type=OpenAPIType.STRING, format=None, description="File bytes.")
    )
    _ok(files).content = {m: file_bytes for m in _FILE_MEDIA_TYPES}
    assert files.responses is not None
    files.responses["206"] = OpenAPIResponse(
        description="Partial content for a single `Range: bytes=` request.",
        headers={"Content-Range": OpenAPIHeader(description="Bytes sent.", schema=_STR)},
        content={m: OpenAPIMediaType(schema=_STR) for m in _FILE_MEDIA_TYPES},
    )
