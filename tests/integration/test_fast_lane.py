"""The fast lane for ``GET /v1/events/{id}`` (``api.routes._fast_lane``) answers exactly as the
general path does, and passes on every request it does not own.

Two apps over the same database: one with the lane, one without (``FAST_LANE=0``). The lane's
inner handler is wrapped with a counter, so each case also shows which path answered.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import Litestar
from litestar.types import Receive, Scope, Send

from api.app import create_app
from api.config import Settings
from api.routes._fast_lane import event_fast_lane

ACTIVE = ["FL-000001", "FL-000002", "FL-000004", "FL-000013", "FL-000014"]
PLAIN = {"Accept-Encoding": "identity"}


class Counted:
    """An ASGI app that counts the requests it is given."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.calls = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.calls += 1
        await self.app(scope, receive, send)


@pytest.fixture(scope="module")
def apps(loaded_url: str, release_dirs: tuple[Path, Path]) -> Iterator[tuple[Litestar, Litestar]]:
    def make(lane: bool) -> Litestar:
        settings = Settings(
            database_url=loaded_url,
            releases_dir=release_dirs[0].parent,
            fast_lane=lane,
            access_log=False,
        )
        return create_app(settings)

    with_lane, without = make(True), make(False)
    yield with_lane, without
    for app in (with_lane, without):
        app.state.store.engine.dispose()


def _get(app: Litestar, method: str, url: str, headers: dict[str, str]) -> httpx.Response:
    async def run() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            return await client.request(method, url, headers=headers)

    return asyncio.run(run())


def _same(a: httpx.Response, b: httpx.Response) -> None:
    assert a.status_code == b.status_code
    assert sorted(a.headers.multi_items()) == sorted(b.headers.multi_items())
    assert a.content == b.content


def _counted(app: Litestar) -> Counted:
    """Rebuild the app's lane around a counter of what it passes on (SQLite only)."""
    passed_on = app.asgi_handler.__wrapped__  # type: ignore[attr-defined]
    inner = Counted(passed_on.app if isinstance(passed_on, Counted) else passed_on)
    app.asgi_handler = event_fast_lane(inner, app.state.store)
    return inner


def test_the_lane_answers_active_events_as_the_general_path_does(
    apps: tuple[Litestar, Litestar],
) -> None:
    with_lane, without = apps
    if not with_lane.state.store.reads_inline:
        # PostgreSQL: the lane is not installed; the general path answers everything
        assert not hasattr(with_lane.asgi_handler, "__wrapped__")
        pytest.skip("the fast lane serves SQLite only")
    inner = _counted(with_lane)
    for event_id in ACTIVE:
        for headers in (PLAIN, {**PLAIN, "Accept": "application/json"}, {**PLAIN, "X-Any": "1"}):
            fast = _get(with_lane, "GET", f"/v1/events/{event_id}", headers)
            assert fast.status_code == 200
            _same(fast, _get(without, "GET", f"/v1/events/{event_id}", headers))
    assert inner.calls == 0


@pytest.mark.parametrize(
    ("method", "url", "headers"),
    [
        ("GET", "/v1/events/FL-000011", PLAIN),  # merged in 1.0.0 -> 308
        ("GET", "/v1/events/FL-000003", PLAIN),  # merged in 1.1.0 -> 308
        ("GET", "/v1/events/FL-000005", PLAIN),  # retracted -> 410
        ("GET", "/v1/events/FL-000099", PLAIN),  # no such event -> 404
        ("GET", "/v1/events/FL-12", PLAIN),  # not an id -> 400
        ("GET", "/v1/events/FL-000001?release=1.0.0", PLAIN),
        ("GET", "/v1/events/FL-000001?release=latest", PLAIN),
        ("GET", "/v1/events/FL-000001", {"Accept-Encoding": "gzip"}),
        ("GET", "/v1/events/FL-000001", {**PLAIN, "Origin": "https://example.org"}),
        ("GET", "/v1/events/FL-000001", {**PLAIN, "If-None-Match": "*"}),
        ("HEAD", "/v1/events/FL-000001", PLAIN),
        ("GET", "/v1/events/FL-000001/", PLAIN),
    ],
)
def test_the_lane_passes_on_what_it_does_not_own(
    apps: tuple[Litestar, Litestar], method: str, url: str, headers: dict[str, str]
) -> None:
    with_lane, without = apps
    if not with_lane.state.store.reads_inline:
        pytest.skip("the fast lane serves SQLite only")
    inner = _counted(with_lane)
    _same(_get(with_lane, method, url, headers), _get(without, method, url, headers))
    assert inner.calls == 1


def test_a_conditional_request_after_the_lane_gets_a_304(apps: tuple[Litestar, Litestar]) -> None:
    with_lane, _ = apps
    first = _get(with_lane, "GET", "/v1/events/FL-000002", PLAIN)
    again = _get(
        with_lane, "GET", "/v1/events/FL-000002", {**PLAIN, "If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304
    assert again.headers["etag"] == first.headers["etag"]


@pytest.mark.parametrize(
    "url",
    [
        "/v1/events?event_type=desertion&limit=2",
        "/v1/events?q=basij&format=csv",
        "/v1/stats/events?group_by=year",
        "/v1/events/FL-000002",
        "/v1/events/FL-000002?release=1.0.0",
    ],
)
def test_a_repeated_revalidation_is_replayed_exactly(
    apps: tuple[Litestar, Litestar], url: str
) -> None:
    """The second identical conditional request is answered by the lane, as the first was by
    the general path; a request differing in any header the answer depends on is not."""
    with_lane, without = apps
    if not with_lane.state.store.reads_inline:
        pytest.skip("the fast lane serves SQLite only")
    inner = _counted(with_lane)
    etag = _get(without, "GET", url, {}).headers["etag"]
    conditional = {"If-None-Match": etag}
    first = _get(with_lane, "GET", url, conditional)
    assert first.status_code == 304 and inner.calls == 1
    again = _get(with_lane, "GET", url, conditional)
    _same(again, first)
    _same(again, _get(without, "GET", url, conditional))
    assert inner.calls == 1
    # Another representation asked for: the general path answers (a 200 here, not a replay).
    other = {**conditional, "Accept-Encoding": "identity"}
    assert (
        _get(with_lane, "GET", url, other).status_code
        == _get(without, "GET", url, other).status_code
    )
    assert inner.calls == 2
    with_origin = {**conditional, "Origin": "https://example.org"}
    _same(_get(with_lane, "GET", url, with_origin), _get(without, "GET", url, with_origin))
    _same(_get(with_lane, "GET", url, with_origin), _get(without, "GET", url, with_origin))
    assert inner.calls == 4


def test_a_stale_validator_is_never_replayed(apps: tuple[Litestar, Litestar]) -> None:
    with_lane, without = apps
    if not with_lane.state.store.reads_inline:
        pytest.skip("the fast lane serves SQLite only")
    inner = _counted(with_lane)
    url = "/v1/events?event_type=desertion&limit=2"
    stale = {"If-None-Match": '"0123456789abcdef0123456789abcdef"'}
    for _ in range(2):
        answer = _get(with_lane, "GET", url, stale)
        assert answer.status_code == 200
        _same(answer, _get(without, "GET", url, stale))
    assert inner.calls == 2
