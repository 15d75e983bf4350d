"""Completes the generated OpenAPI document with what handler signatures cannot say.

Alternative media types of the events list, the 308 redirect, 304 / 206 responses, caching
and pagination headers, and links between operations (events list -> event -> source,
releases -> release -> files / changes).
"""

from __future__ import annotations

import typing
from typing import Any

import msgspec
from litestar import Litestar
from litestar.openapi.spec import (
    Link,
    OpenAPIFormat,
    OpenAPIHeader,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Schema,
)
from litestar.params import ParameterKwarg

from api.routes._query_rules import MAX_VALUES
from api.routes._vocabulary import spec_vocabulary

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


def _item_meta(hint: Any) -> msgspec.Meta | None:
    """The ``Meta`` on the items of a ``list[Annotated[str, Meta(...)]] | None`` hint."""
    for arm in typing.get_args(hint) or (hint,):
        if typing.get_origin(arm) is list:
            (item,) = typing.get_args(arm)
            if typing.get_origin(item) is typing.Annotated:
                return next((m for m in item.__metadata__ if isinstance(m, msgspec.Meta)), None)
    return None


def _list_item_constraints(app: Litestar, ops: dict[str, Operation]) -> None:
    """Copy the item patterns of repeated query parameters into the document: Litestar keeps
    the list but drops the ``Meta`` of its items, so clients would not see what is valid."""
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            op = ops.get(str(getattr(handler, "operation_id", "") or ""))
            if op is None:
                continue
            fn = getattr(handler.fn, "func", handler.fn)  # sync handlers are wrapped
            hints = typing.get_type_hints(fn, include_extras=True)
            for name, hint in hints.items():
                if typing.get_origin(hint) is not typing.Annotated:
                    continue
                kwarg = next((m for m in hint.__metadata__ if isinstance(m, ParameterKwarg)), None)
                meta = _item_meta(hint.__origin__)
                if meta is None:
                    continue
                query = (kwarg.name if kwarg is not None else None) or name
                for param in op.parameters or []:
                    schema = getattr(param, "schema", None)
                    if getattr(param, "name", None) != query or not isinstance(schema, Schema):
                        continue
                    for arm in schema.one_of or [schema]:
                        items = getattr(arm, "items", None)
                        if isinstance(items, Schema):
                            items.pattern = meta.pattern
                            items.max_length = meta.max_length
                            items.min_length = meta.min_length


def _bound_repeated_parameters(ops: dict[str, Operation]) -> None:
    """Give every repeatable query parameter a ``maxItems`` (``MAX_VALUES`` unless it has one):
    the strict query check (``_query_rules``) enforces what the document says."""
    for op in ops.values():
        for param in op.parameters or []:
            schema = getattr(param, "schema", None)
            if getattr(param, "param_in", None) != "query" or not isinstance(schema, Schema):
                continue
            for arm in schema.one_of or [schema]:
                if isinstance(arm, Schema) and arm.type == OpenAPIType.ARRAY:
                    arm.max_items = arm.max_items or MAX_VALUES


def _query_params(ops: dict[str, Operation], name: str) -> list[Any]:
    return [
        param
        for op in ops.values()
        for param in op.parameters or []
        if getattr(param, "name", None) == name and getattr(param, "param_in", None) == "query"
    ]


def _vocabulary_enums(ops: dict[str, Operation]) -> None:
    """List the closed vocabularies (``api.routes._vocabulary``) as the items' enum: the
    handlers take any string and answer an unknown one with a 400 naming the closest."""
    for name, vocab in spec_vocabulary().items():
        for param in _query_params(ops, name):
            for arm in param.schema.one_of or [param.schema]:
                if isinstance(arm, Schema) and arm.type == OpenAPIType.ARRAY:
                    arm.items = Schema(type=OpenAPIType.STRING, enum=list(vocab.enum))


_YEAR = "([1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
_MONTH = "(0[1-9]|1[0-2])"


def _date_bounds(ops: dict[str, Operation]) -> None:
    """``date_from`` / ``date_to`` take a date, a month or a year (``parse_date_bound``)."""
    for name in ("date_from", "date_to"):
        for param in _query_params(ops, name):
            param.schema.one_of = [
                Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.DATE),
                Schema(type=OpenAPIType.STRING, pattern=f"^{_YEAR}-{_MONTH}$"),
                Schema(type=OpenAPIType.STRING, pattern=f"^{_YEAR}$"),
                Schema(type=OpenAPIType.NULL),
            ]
            param.schema.max_length = None


def _cursor(ops: dict[str, Operation]) -> None:
    for param in _query_params(ops, "cursor"):
        param.description = param.schema.description = (
            "Opaque, only obtainable from a previous response of the same query: "
            "`meta.next_cursor` (or `links.next`, or the `Link` header). It is signed and "
            "bound to the query and the release; any other value is a 400."
        )


_SPARSE = {"Problem", "InvalidParam"}
"""Structs encoded with ``omit_defaults``: their unset members are left out of the body."""


def _always_sent_required(app: Litestar) -> None:
    """Mark every member of the response structs required: they are encoded with all their
    fields (msgspec's default; a null is sent as null), so a client can count on each one.
    Only the problem details leave unset members out."""
    components = app.openapi_schema.components
    for name, schema in (components.schemas or {}).items():
        if name in _SPARSE or not isinstance(schema, Schema) or not schema.properties:
            continue
        schema.required = sorted(schema.properties)


def enrich_openapi(app: Litestar) -> None:
    """Mutate the app's cached OpenAPI document in place (served and exported alike)."""
    ops = _ops(app)
    _list_item_constraints(app, ops)
    _always_sent_required(app)
    _vocabulary_enums(ops)
    _date_bounds(ops)
    _cursor(ops)
    for op_id, name in (("getEventStats", "group_by"), ("getEventFacets", "facet")):
        for param in ops[op_id].parameters or []:
            schema = getattr(param, "schema", None)
            if getattr(param, "name", None) == name and isinstance(schema, Schema):
                schema.unique_items = True  # the handler refuses a dimension given twice
    _bound_repeated_parameters(ops)
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
                description="FeatureCollection of every matching event; each feature's "
                "properties are the event record, its geometry a Point or null when the event "
                "has no coordinates (see properties.location.geo_precision).",
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
    json_file = OpenAPIMediaType(schema=Schema(description="The JSON file as published."))
    _ok(files).content = {
        m: json_file if m == "application/json" else file_bytes for m in _FILE_MEDIA_TYPES
    }
    assert files.responses is not None
    files.responses["206"] = OpenAPIResponse(
        description="Partial content for a single `Range: bytes=` request.",
        headers={"Content-Range": OpenAPIHeader(description="Bytes sent.", schema=_STR)},
        content={m: OpenAPIMediaType(schema=_STR) for m in _FILE_MEDIA_TYPES},
    )
