"""``client.events``: one page, every event (auto-paging), one event, a DataFrame."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, Unpack
from urllib.parse import quote

from faultlines._generated import models as m
from faultlines._keywords import accepts
from faultlines._pagination import AsyncPager, SyncPager, none_if_unset
from faultlines._params import Params
from faultlines._resources._filters import EventFilters, event_params

if TYPE_CHECKING:
    import pandas as pd

    from faultlines._client import AsyncClient, Client

__all__ = ["AsyncEvents", "Events"]

Sort = Literal["date", "-date"]
"""``date`` ascending or ``-date`` descending; the id breaks ties."""

_PATH = "/v1/events"
_CSV_HEADERS = {"Accept": "text/csv"}
_ITER_HINTS = {
    "limit": "iter() goes through every match: page_size= sets the page size, "
    "itertools.islice(..., n) stops after n events",
    "cursor": "iter() follows the cursors itself; use list(cursor=...) for one page",
}
_FRAME_HINTS = {"limit": "to_pandas() reads every match; use list(limit=...) for one page"}


def _items(page: m.EventPage) -> Sequence[m.Event]:
    return page.data


def _next(page: m.EventPage) -> str | None:
    return none_if_unset(page.meta.next_cursor)


def _event_path(event_id: str) -> str:
    return f"{_PATH}/{quote(event_id, safe='')}"


def _csv_params(filters: EventFilters, sort: Sort | None) -> Params:
    # No limit: the CSV format streams every match in one response (one layout: the server's).
    return event_params(filters, sort=sort, format="csv")


class Events:
    """Events: ``list`` (one page), ``iter`` (all pages), ``get``, ``to_pandas``."""

    def __init__(self, client: Client) -> None:
        self._client = client

    @accepts(EventFilters)
    def list(
        self,
        *,
        limit: int | None = None,
        cursor: str | None = None,
        sort: Sort | None = None,
        **filters: Unpack[EventFilters],
    ) -> m.EventPage:
        """One page of events matching ``filters``; ``next_cursor`` leads to the next page."""
        params = event_params(filters, limit=limit, cursor=cursor, sort=sort)
        return self._client._get(_PATH, m.EventPage, params=params)

    @accepts(EventFilters, hints=_ITER_HINTS)
    def iter(
        self,
        *,
        page_size: int | None = None,
        sort: Sort | None = None,
        **filters: Unpack[EventFilters],
    ) -> SyncPager[m.EventPage, m.Event]:
        """Every event matching ``filters``, fetching pages of ``page_size`` as needed."""
        return SyncPager(
            lambda cursor: self.list(limit=page_size, cursor=cursor, sort=sort, **filters),
            _items,
            _next,
        )

    @accepts()
    def get(self, event_id: str, *, release: str | None = None) -> m.EventDetail:
        """One event with its reports and their sources.

        A merged id is redirected to the surviving event (check ``.data.id``); a retracted id
        raises ``GoneError`` carrying the tombstone.
        """
        params = event_params({}, release=release)
        return self._client._get(_event_path(event_id), m.EventDetail, params=params)

    @accepts(EventFilters, hints=_FRAME_HINTS)
    def to_pandas(
        self, *, sort: Sort | None = None, **filters: Unpack[EventFilters]
    ) -> pd.DataFrame:
        """Every matching event as a DataFrame with the release CSV's columns, typed.

        Built from the server's ``format=csv`` answer (one request, every match); see
        ``faultlines._pandas`` for the dtypes. Needs the ``pandas`` extra.
        """
        from faultlines._pandas import events_frame, require_pandas

        require_pandas("to_pandas()")
        params = _csv_params(filters, sort)
        response = self._client._send(_PATH, params=params, headers=_CSV_HEADERS)
        return events_frame(response.content)


class AsyncEvents:
    """Async twin of :class:`Events`."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    @accepts(EventFilters)
    async def list(
        self,
        *,
        limit: int | None = None,
        cursor: str | None = None,
        sort: Sort | None = None,
        **filters: Unpack[EventFilters],
    ) -> m.EventPage:
        """One page of events matching ``filters``; ``next_cursor`` leads to the next page."""
        params = event_params(filters, limit=limit, cursor=cursor, sort=sort)
        return await self._client._get(_PATH, m.EventPage, params=params)

    @accepts(EventFilters, hints=_ITER_HINTS)
    def iter(
        self,
        *,
        page_size: int | None = None,
        sort: Sort | None = None,
        **filters: Unpack[EventFilters],
    ) -> AsyncPager[m.EventPage, m.Event]:
        """Every event matching ``filters``: ``async for event in client.events.iter(...)``."""
        return AsyncPager(
            lambda cursor: self.list(limit=page_size, cursor=cursor, sort=sort, **filters),
            _items,
            _next,
        )

    @accepts()
    async def get(self, event_id: str, *, release: str | None = None) -> m.EventDetail:
        """One event with its reports and sources (merged ids followed, retracted -> 410)."""
        params = event_params({}, release=release)
        return await self._client._get(_event_path(event_id), m.EventDetail, params=params)

    @accepts(EventFilters, hints=_FRAME_HINTS)
    async def to_pandas(
        self, *, sort: Sort | None = None, **filters: Unpack[EventFilters]
    ) -> pd.DataFrame:
        """Every matching event as a DataFrame (see :meth:`Events.to_pandas`)."""
        from faultlines._pandas import events_frame, require_pandas

        require_pandas("to_pandas()")
        params = _csv_params(filters, sort)
        response = await self._client._send(_PATH, params=params, headers=_CSV_HEADERS)
        return events_frame(response.content)
