"""Release-level reference data: actors, event types, campaigns, coverage, record schema."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request, Response, get

from api.db.reads import ReleaseInfo
from api.records import Coverage, Organisation
from api.routes._common import (
    ReleaseParam,
    etag_for,
    json_bytes_response,
    not_modified,
    problem_responses,
    release_ref,
    store_of,
)
from api.schemas.vocab import ActorNode, ActorTree, CampaignList, CoverageList, EventTypeList

__all__ = [
    "get_record_schema",
    "list_actors",
    "list_campaigns",
    "list_coverage",
    "list_event_types",
]

_ERR = problem_responses(400, 404, 429, 503)


def _tree(orgs: list[Organisation]) -> list[ActorNode]:
    nodes = {
        o.id: ActorNode(
            id=o.id,
            name=o.name,
            parent=o.parent,
            country=o.country,
            kind=o.kind,
            aliases=o.aliases,
            description=o.description,
            children=[],
        )
        for o in orgs
    }
    roots: list[ActorNode] = []
    for o in orgs:
        node = nodes[o.id]
        if o.parent and o.parent in nodes:
            nodes[o.parent].children.append(node)
        else:
            roots.append(node)
    return roots


def _answer(request: Request[Any, Any, Any], release: str | None, build: Any) -> Response[Any]:
    store = store_of(request)
    with store.connect() as conn:
        rel: ReleaseInfo = store.resolve(conn, release)
        etag = etag_for(rel, request)
        cached = not_modified(request, etag)
        if cached is not None:
            return cached
        body: bytes = build(store, conn, rel)
    return json_bytes_response(request, body, etag)


@get(
    "/v1/actors",
    operation_id="listActors",
    summary="Organisation hierarchy",
    tags=["vocab"],
    description="The actor vocabulary as a tree (Basij and Quds Force under the IRGC).",
    sync_to_thread=True,
    responses=_ERR,
)
def list_actors(
    request: Request[Any, Any, Any], release: ReleaseParam = None
) -> Response[ActorTree]:
    """Organisations with their sub-organisations."""
    return _answer(
        request,
        release,
        lambda s, c, r: msgspec.json.encode(
            ActorTree(data=_tree(s.vocab(c, r).organisations), meta=release_ref(r))
        ),
    )


@get(
    "/v1/event-types",
    operation_id="listEventTypes",
    summary="Event type codebook",
    tags=["vocab"],
    description="Every event type with its definition, inclusions and exclusions.",
    sync_to_thread=True,
    responses=_ERR,
)
def list_event_types(
    request: Request[Any, Any, Any], release: ReleaseParam = None
) -> Response[EventTypeList]:
    """The codebook."""
    return _answer(
        request,
        release,
        lambda s, c, r: msgspec.json.encode(
            EventTypeList(data=s.vocab(c, r).event_types, meta=release_ref(r))
        ),
    )


@get(
    "/v1/campaigns",
    operation_id="listCampaigns",
    summary="Campaigns",
    tags=["vocab"],
    description="Campaigns and contexts events are linked to.",
    sync_to_thread=True,
    responses=_ERR,
)
def list_campaigns(
    request: Request[Any, Any, Any], release: ReleaseParam = None
) -> Response[CampaignList]:
    """Campaigns."""
    return _answer(
        request,
        release,
        lambda s, c, r: msgspec.json.encode(
            CampaignList(data=s.vocab(c, r).campaigns, meta=release_ref(r))
        ),
    )


@get(
    "/v1/coverage",
    operation_id="listCoverage",
    summary="Coverage records",
    tags=["vocab"],
    description="What was searched per period and source family, and what was found; a "
    "period without a record was not searched.",
    sync_to_thread=True,
    responses=_ERR,
)
def list_coverage(
    request: Request[Any, Any, Any], release: ReleaseParam = None
) -> Response[CoverageList]:
    """Coverage records of the release."""

    def build(s: Any, c: Any, r: ReleaseInfo) -> bytes:
        records = msgspec.json.decode(s.blob(c, r, "coverage_json"), type=list[Coverage])
        return msgspec.json.encode(CoverageList(data=records, meta=release_ref(r)))

    return _answer(request, release, build)


@get(
    "/v1/schema",
    operation_id="getRecordSchema",
    summary="JSON Schema of the records",
    tags=["vocab"],
    description="The JSON Schema of the release's schema version.",
    sync_to_thread=True,
    responses=_ERR,
)
def get_record_schema(
    request: Request[Any, Any, Any], release: ReleaseParam = None
) -> Response[dict[str, Any]]:
    """The record schema."""
    return _answer(request, release, lambda s, c, r: s.blob(c, r, "record_schema_json"))
