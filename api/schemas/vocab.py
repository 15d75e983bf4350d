"""API structs of the vocabulary endpoints (actors, event types, campaigns, coverage)."""

from __future__ import annotations

from typing import Annotated

import msgspec
from msgspec import Meta

from api.records import Campaign, Coverage, EventTypeDef
from api.schemas.common import ReleaseRef

__all__ = [
    "ActorNode",
    "ActorTree",
    "CampaignList",
    "CoverageList",
    "EventTypeList",
    "Health",
    "Readiness",
]


class ActorNode(msgspec.Struct, kw_only=True):
    """An organisation with its sub-organisations."""

    id: str
    name: str
    parent: str | None
    country: str
    kind: str
    aliases: list[str]
    description: str
    children: Annotated[list[ActorNode], Meta(description="Sub-organisations.")]


class ActorTree(msgspec.Struct, kw_only=True):
    """The organisation hierarchy; roots first."""

    data: list[ActorNode]
    meta: ReleaseRef


class EventTypeList(msgspec.Struct, kw_only=True):
    """The codebook of event types."""

    data: list[EventTypeDef]
    meta: ReleaseRef


class CampaignList(msgspec.Struct, kw_only=True):
    """Campaigns and contexts."""

    data: list[Campaign]
    meta: ReleaseRef


class CoverageList(msgspec.Struct, kw_only=True):
    """Coverage records: what was searched and what was found."""

    data: list[Coverage]
    meta: ReleaseRef


class Health(msgspec.Struct, kw_only=True):
    """Liveness."""

    status: Annotated[str, Meta(examples=["ok"])]


class Readiness(msgspec.Struct, kw_only=True):
    """Readiness: database reachable and a release loaded."""

    status: Annotated[str, Meta(examples=["ready"])]
    release: Annotated[str | None, Meta(description="Release served by default.")]
