"""Auto-pagination through next_cursor, sync and async, and how filters are encoded."""

from __future__ import annotations

import asyncio
import datetime as dt

import faultlines
import httpx
import pytest
from sdk_fixtures import event_page, json_response

PAGES = {None: ([1, 2], "c1"), "c1": ([3, 4], "c2"), "c2": ([5], None)}


def paged_handler(log: list[httpx.Request]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        log.append(request)
        ids, nxt = PAGES[request.url.params.get("cursor")]
        return json_response(event_page(ids, nxt))

    return httpx.MockTransport(handler)


def test_iter_follows_cursors_across_pages() -> None:
    log: list[httpx.Request] = []
    client = faultlines.Client("http://api.test", transport=paged_handler(log))
    ids = [e.id for e in client.events.iter(page_size=2, country="IR")]
    assert ids == [f"FL-00000{n}" for n in range(1, 6)]
    assert [r.url.params.get("cursor") for r in log] == [None, "c1", "c2"]
    assert all(r.url.params["country"] == "IR" and r.url.params["limit"] == "2" for r in log)


def test_iter_is_lazy_and_pages_are_reachable() -> None:
    log: list[httpx.Request] = []
    client = faultlines.Client("http://api.test", transport=paged_handler(log))
    pager = client.events.iter(page_size=2)
    assert log == []
    first = next(iter(pager))
    assert first.id == "FL-000001" and len(log) == 1
    pages = list(client.events.iter(page_size=2).pages())
    assert [len(p.data) for p in pages] == [2, 2, 1]


def test_list_returns_one_page_with_its_cursor() -> None:
    client = faultlines.Client("http://api.test", transport=paged_handler([]))
    page = client.events.list(limit=2)
    assert [e.id for e in page.data] == ["FL-000001", "FL-000002"]
    assert page.meta.next_cursor == "c1"
    assert isinstance(page.data[0].date_start, dt.date)
    assert page.data[0].event_type == faultlines.models.EventType.desertion


def test_async_iter_follows_cursors() -> None:
    log: list[httpx.Request] = []

    async def run() -> list[str]:
        async with faultlines.AsyncClient(
            "http://api.test", transport=paged_handler(log)
        ) as client:
            return [e.id async for e in client.events.iter(page_size=2)]

    assert asyncio.run(run()) == [f"FL-00000{n}" for n in range(1, 6)]
    assert len(log) == 3


def test_a_cursor_served_twice_stops_iteration_with_an_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return json_response(event_page([1], "same"))

    client = faultlines.Client("http://api.test", transport=httpx.MockTransport(handler))
    with pytest.raises(faultlines.FaultlinesError, match="twice"):
        list(client.events.iter())


def test_filters_are_encoded_as_the_api_expects() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return json_response(event_page([], None))

    client = faultlines.Client("http://api.test", transport=httpx.MockTransport(handler))
    client.events.list(
        event_type=["desertion", "leak"],
        actor="irgc",
        date_from=dt.date(2022, 9, 1),
        date_to="2022-12-31",
        date_match="within",
        min_confidence="medium",
        q="basij meetings",
        sort="-date",
        release="1.0.0",
    )
    params = seen[0].url.params
    assert params.get_list("event_type") == ["desertion", "leak"]
    assert params["actor"] == "irgc"
    assert params["date_from"] == "2022-09-01" and params["date_to"] == "2022-12-31"
    assert params["date_match"] == "within" and params["min_confidence"] == "medium"
    assert params["q"] == "basij meetings" and params["sort"] == "-date"
    assert params["release"] == "1.0.0"
    assert "cursor" not in params and "limit" not in params
