"""Stats, sources and the reference endpoints (actors, event types, campaigns, coverage, schema).

Every method takes ``release=`` to answer as of that release (latest by default).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, Unpack
from urllib.parse import quote

from faultlines._generated import models as m
from faultlines._keywords import accepts
from faultlines._pagination import AsyncPager, SyncPager, none_if_unset
from faultlines._params import build_params
from faultlines._resources._filters import EventFilters, Many, event_params

if TYPE_CHECKING:
    from faultlines._client import AsyncClient, Client

__all__ = [
    "Actors",
    "AsyncActors",
    "AsyncCampaigns",
    "AsyncCoverage",
    "AsyncEventTypes",
    "AsyncSchema",
    "AsyncSources",
    "AsyncStats",
    "Campaigns",
    "Coverage",
    "EventTypes",
    "Schema",
    "Sources",
    "Stats",
]

Dimension = Literal["year", "month", "event_type", "actor", "admin1", "campaign"]
"""What stats can be grouped by (one or two at a time)."""
DIMENSIONS: tuple[Dimension, ...] = ("year", "month", "event_type", "actor", "admin1", "campaign")


def _dimensions(dimensions: tuple[Dimension | Sequence[Dimension], ...], needs: str) -> list[str]:
    """``("year", "event_type")`` or ``(["year", "event_type"],)`` -> ``["year", "event_type"]``;
    ``needs`` says what the call takes when none is given."""
    flat: list[str] = [
        d for item in dimensions for d in ([item] if isinstance(item, str) else item)
    ]
    if not flat:
        raise TypeError(f"{needs}; dimensions: " + ", ".join(DIMENSIONS))
    return flat


_GROUP_BY = (
    "stats.events() needs one or two dimensions to group by, "
    "e.g. stats.events('year', 'event_type')"
)
_FACETS = (
    "stats.facets() needs at least one dimension to count, e.g. stats.facets('event_type', 'actor')"
)


def _source_items(page: m.SourcePage) -> Sequence[m.Source]:
    return page.data


def _source_next(page: m.SourcePage) -> str | None:
    return none_if_unset(page.meta.next_cursor)


class _Resource:
    def __init__(self, client: Client) -> None:
        self._client = client


class _AsyncResource:
    def __init__(self, client: AsyncClient) -> None:
        self._client = client


class Stats(_Resource):
    """Counts and sums of best estimates over the events matching the filters."""

    @accepts(EventFilters)
    def events(
        self, *group_by: Dimension | Sequence[Dimension], **filters: Unpack[EventFilters]
    ) -> m.StatsPage:
        """Group matching events by one or two dimensions: ``events("year", "event_type")``.

        A list works too (``events(["year", "actor"])``); filters are the events list's.
        """
        params = event_params(filters, group_by=_dimensions(group_by, _GROUP_BY))
        return self._client._get("/v1/stats/events", m.StatsPage, params=params)

    @accepts(EventFilters)
    def facets(
        self, *facet: Dimension | Sequence[Dimension], **filters: Unpack[EventFilters]
    ) -> m.FacetsPage:
        """Counts by value of several dimensions at once: ``facets("event_type", "actor")``.

        Each requested dimension gets its values with the number of matching events; filters
        are the events list's.
        """
        params = event_params(filters, facet=_dimensions(facet, _FACETS))
        return self._client._get("/v1/stats/facets", m.FacetsPage, params=params)


class Sources(_Resource):
    """Source documents cited by the events' reports."""

    @accepts()
    def list(
        self,
        *,
        limit: int | None = None,
        cursor: str | None = None,
        outlet_type: Many | None = None,
        language: Many | None = None,
        release: str | None = None,
    ) -> m.SourcePage:
        """One page of sources, optionally of some outlet types or languages only."""
        params = build_params(
            limit=limit, cursor=cursor, outlet_type=outlet_type, language=language, release=release
        )
        return self._client._get("/v1/sources", m.SourcePage, params=params)

    @accepts()
    def iter(
        self,
        *,
        page_size: int | None = None,
        outlet_type: Many | None = None,
        language: Many | None = None,
        release: str | None = None,
    ) -> SyncPager[m.SourcePage, m.Source]:
        """Every source, page after page."""
        return SyncPager(
            lambda cursor: self.list(
                limit=page_size,
                cursor=cursor,
                outlet_type=outlet_type,
                language=language,
                release=release,
            ),
            _source_items,
            _source_next,
        )

    @accepts()
    def get(self, source_id: str, *, release: str | None = None) -> m.SourceDetail:
        """One source and the ids of the events citing it."""
        path = f"/v1/sources/{quote(source_id, safe='')}"
        return self._client._get(path, m.SourceDetail, params=build_params(release=release))


class Actors(_Resource):
    """The organisation hierarchy (e.g. the Basij and the Quds Force under the IRGC)."""

    @accepts()
    def list(self, *, release: str | None = None) -> m.ActorTree:
        """Root organisations, each with its ``children``."""
        return self._client._get("/v1/actors", m.ActorTree, params=build_params(release=release))


class EventTypes(_Resource):
    """The codebook: every event type with its definition."""

    @accepts()
    def list(self, *, release: str | None = None) -> m.EventTypeList:
        """Every event type of the release's schema version."""
        params = build_params(release=release)
        return self._client._get("/v1/event-types", m.EventTypeList, params=params)


class Campaigns(_Resource):
    """Campaigns and contexts events are linked to."""

    @accepts()
    def list(self, *, release: str | None = None) -> m.CampaignList:
        """Every campaign."""
        params = build_params(release=release)
        return self._client._get("/v1/campaigns", m.CampaignList, params=params)


class Coverage(_Resource):
    """What was searched, when and how, and what was found."""

    @accepts()
    def list(self, *, release: str | None = None) -> m.CoverageList:
        """Every coverage record."""
        params = build_params(release=release)
        return self._client._get("/v1/coverage", m.CoverageList, params=params)


class Schema(_Resource):
    """The JSON Schema of the records."""

    @accepts()
    def get(self, *, release: str | None = None) -> dict[str, Any]:
        """JSON Schema of the records for the release's schema version."""
        params = build_params(release=release)
        return self._client._get("/v1/schema", dict[str, Any], params=params)


class AsyncStats(_AsyncResource):
    """Async twin of :class:`Stats`."""

    @accepts(EventFilters)
    async def events(
        self, *group_by: Dimension | Sequence[Dimension], **filters: Unpack[EventFilters]
    ) -> m.StatsPage:
        """Group matching events by one or two dimensions (see :meth:`Stats.events`)."""
        params = event_params(filters, group_by=_dimensions(group_by, _GROUP_BY))
        return await self._client._get("/v1/stats/events", m.StatsPage, params=params)

    @accepts(EventFilters)
    async def facets(
        self, *facet: Dimension | Sequence[Dimension], **filters: Unpack[EventFilters]
    ) -> m.FacetsPage:
        """Counts by value of several dimensions at once (see :meth:`Stats.facets`)."""
        params = event_params(filters, facet=_dimensions(facet, _FACETS))
        return await self._client._get("/v1/stats/facets", m.FacetsPage, params=params)


class AsyncSources(_AsyncResource):
    """Async twin of :class:`Sources`."""

    @accepts()
    async def list(
        self,
        *,
        limit: int | None = None,
        cursor: str | None = None,
        outlet_type: Many | None = None,
        language: Many | None = None,
        release: str | None = None,
    ) -> m.SourcePage:
        """One page of sources, optionally of some outlet types or languages only."""
        params = build_params(
            limit=limit, cursor=cursor, outlet_type=outlet_type, language=language, release=release
        )
        return await self._client._get("/v1/sources", m.SourcePage, params=params)

    @accepts()
    def iter(
        self,
        *,
        page_size: int | None = None,
        outlet_type: Many | None = None,
        language: Many | None = None,
        release: str | None = None,
    ) -> AsyncPager[m.SourcePage, m.Source]:
        """Every source, page after page (``async for``)."""
        return AsyncPager(
            lambda cursor: self.list(
                limit=page_size,
                cursor=cursor,
                outlet_type=outlet_type,
                language=language,
                release=release,
            ),
            _source_items,
            _source_next,
        )

    @accepts()
    async def get(self, source_id: str, *, release: str | None = None) -> m.SourceDetail:
        """One source and the ids of the events citing it."""
        path = f"/v1/sources/{quote(source_id, safe='')}"
        return await self._client._get(path, m.SourceDetail, params=build_params(release=release))


class AsyncActors(_AsyncResource):
    """Async twin of :class:`Actors`."""

    @accepts()
    async def list(self, *, release: str | None = None) -> m.ActorTree:
        """Root organisations, each with its ``children``."""
        params = build_params(release=release)
        return await self._client._get("/v1/actors", m.ActorTree, params=params)


class AsyncEventTypes(_AsyncResource):
    """Async twin of :class:`EventTypes`."""

    @accepts()
    async def list(self, *, release: str | None = None) -> m.EventTypeList:
        """Every event type of the release's schema version."""
        params = build_params(release=release)
        return await self._client._get("/v1/event-types", m.EventTypeList, params=params)


class AsyncCampaigns(_AsyncResource):
    """Async twin of :class:`Campaigns`."""

    @accepts()
    async def list(self, *, release: str | None = None) -> m.CampaignList:
        """Every campaign."""
        params = build_params(release=release)
        return await self._client._get("/v1/campaigns", m.CampaignList, params=params)


class AsyncCoverage(_AsyncResource):
    """Async twin of :class:`Coverage`."""

    @accepts()
    async def list(self, *, release: str | None = None) -> m.CoverageList:
        """Every coverage record."""
        params = build_params(release=release)
        return await self._client._get("/v1/coverage", m.CoverageList, params=params)


class AsyncSchema(_AsyncResource):
    """Async twin of :class:`Schema`."""

    @accepts()
    async def get(self, *, release: str | None = None) -> dict[str, Any]:
        """JSON Schema of the records for the release's schema version."""
        params = build_params(release=release)
        return await self._client._get("/v1/schema", dict[str, Any], params=params)
