"""Resources of the clients, one class per API area (sync and async twins)."""

from faultlines._resources._events import AsyncEvents, Events
from faultlines._resources._filters import EventFilters
from faultlines._resources._reference import (
    Actors,
    AsyncActors,
    AsyncCampaigns,
    AsyncCoverage,
    AsyncEventTypes,
    AsyncSchema,
    AsyncSources,
    AsyncStats,
    Campaigns,
    Coverage,
    EventTypes,
    Schema,
    Sources,
    Stats,
)
from faultlines._resources._releases import AsyncReleases, Releases

__all__ = [
    "Actors",
    "AsyncActors",
    "AsyncCampaigns",
    "AsyncCoverage",
    "AsyncEventTypes",
    "AsyncEvents",
    "AsyncReleases",
    "AsyncSchema",
    "AsyncSources",
    "AsyncStats",
    "Campaigns",
    "Coverage",
    "EventFilters",
    "EventTypes",
    "Events",
    "Releases",
    "Schema",
    "Sources",
    "Stats",
]
