"""The fast lane: a plain ``GET /v1/events/{id}`` answered before the framework sees it.

Reading one event is one indexed read of microseconds on the worker's own SQLite connection
(the release pointer is re-read only after a commit); behind Litestar's routing, parameter
parsing, response objects and the ASGI wrappers, the request cost several times that
(docs/BENCHMARKS.md). The lane answers the commonest form of the request directly, with the
same bytes and headers as the general path, and passes everything else on:

- only ``GET`` with no query string, a path ``/v1/events/FL-NNNNNN`` and none of the request
  headers that change an answer (``If-None-Match``, ``Origin``, ``Range``, an
  ``Accept-Encoding`` other than ``identity``);
- only an active event in the current release (a missing, merged or retracted id, a database
  without a release, any error: the general path answers, with its redirects and problems);
- only on SQLite (``Store.reads_inline``) and with rate limiting off (the limiter must count
  every request).

It also replays revalidations: a conditional ``GET /v1/...`` (``If-None-Match``) that the
general path answered 304 is answered 304 again, with the same headers, when exactly the same
request (path, query string, every header but ``User-Agent``) comes for the same current
release. A release never changes, so neither does the answer: the general path validated the
query and computed its ETag once. A request recorded while a new release was being switched
in is not kept (the pointer is read before and after), and the replays are a bounded LRU.

``tests/integration/test_fast_lane.py`` compares the lane's answers with the general path's,
byte for byte and header for header.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from litestar.types import ASGIApp, Message, Receive, Scope, Send

from api._lru import LRU
from api.db.reads import Store
from api.routes._common import etag_of
from api.routes._middleware import API_SECURITY_HEADERS
from api.routes.events import event_detail

__all__ = ["event_fast_lane"]

_PATH = re.compile(r"/v1/events/(FL-[0-9]{6})")
_CHANGES_ANSWER = frozenset({b"if-none-match", b"origin", b"range", b"if-range"})
_LATEST_HEADERS = (
    (b"cache-control", b"public, max-age=60"),
    (b"vary", b"Accept, Accept-Encoding"),
    (b"content-type", b"application/json"),
)


def _plain(headers: Iterable[tuple[bytes, bytes]]) -> bool:
    for name, value in headers:
        name = name.lower()
        if name in _CHANGES_ANSWER:
            return False
        if name == b"accept-encoding" and value.strip().lower() not in {b"", b"identity"}:
            return False
    return True


_REPLAYS = 4096
"""Revalidations remembered per worker (a few hundred bytes each)."""
_IGNORED = frozenset({b"user-agent"})
"""Request headers no answer depends on (left out of a replay's key)."""
_VARIES = frozenset({b"origin", b"range", b"if-range"})
"""Request headers that make a request ineligible for replay (CORS, ranges)."""

ReplayKey = tuple[int, str, bytes, tuple[tuple[bytes, bytes], ...]]


def _current(store: Store) -> int | None:
    """The current release's ordinal, or None (no release, or the database failed: the general
    path answers, with its own problem)."""
    try:
        with store.reader() as conn:
            return store.current_ordinal(conn)
    except Exception:
        return None


def _replay_key(store: Store, scope: Scope) -> ReplayKey | None:
    """The key of a conditional ``GET /v1/...`` eligible for replay, else None."""
    headers = scope["headers"]
    if any(name.lower() in _VARIES for name, _ in headers):
        return None
    current = _current(store)
    if current is None:
        return None
    kept = tuple(sorted((n.lower(), v) for n, v in headers if n.lower() not in _IGNORED))
    return (current, scope["path"], scope["query_string"], kept)


Replays = LRU[ReplayKey, list[tuple[bytes, bytes]]]
"""The 304s the general path gave (their headers), by ``_replay_key``."""


async def _replay_or_record(
    app: ASGIApp, store: Store, replays: Replays, scope: Scope, receive: Receive, send: Send
) -> None:
    key = _replay_key(store, scope)
    if key is None:
        await app(scope, receive, send)
        return
    headers = replays.get(key)
    if headers is not None:
        await send({"type": "http.response.start", "status": 304, "headers": headers})
        await send({"type": "http.response.body", "body": b"", "more_body": False})
        return
    answered: list[tuple[bytes, bytes]] | None = None

    async def watch(message: Message) -> None:
        nonlocal answered
        if message["type"] == "http.response.start" and message["status"] == 304:
            answered = list(message.get("headers", ()))
        await send(message)

    await app(scope, receive, watch)
    if answered is not None and _current(store) == key[0]:  # no release switched in since
        replays.put(key, answered)


def event_fast_lane(app: ASGIApp, store: Store) -> ASGIApp:
    """Wrap ``app`` (the whole stack) with the lane; ``app`` answers whatever the lane passes."""
    replays: Replays = LRU(_REPLAYS)

    async def lane(scope: Scope, receive: Receive, send: Send) -> None:
        if str(scope["type"]) != "http" or scope.get("method") != "GET":
            await app(scope, receive, send)
            return
        if scope["path"].startswith("/v1/") and any(
            name.lower() == b"if-none-match" for name, _ in scope["headers"]
        ):
            await _replay_or_record(app, store, replays, scope, receive, send)
            return
        if (
            not scope["query_string"]
            and (match := _PATH.fullmatch(scope["path"])) is not None
            and _plain(scope["headers"])
        ):
            answer = _answer(store, scope["path"], match.group(1))
            if answer is not None:
                etag, body = answer
                headers = [
                    (b"etag", etag),
                    *_LATEST_HEADERS,
                    (b"content-length", str(len(body)).encode()),
                    *API_SECURITY_HEADERS,
                ]
                await send({"type": "http.response.start", "status": 200, "headers": headers})
                await send({"type": "http.response.body", "body": body, "more_body": False})
                return
        await app(scope, receive, send)

    lane.__wrapped__ = app  # type: ignore[attr-defined]
    return lane


def _answer(store: Store, path: str, event_id: str) -> tuple[bytes, bytes] | None:
    """(ETag, body) of an active event in the current release, else None (general path)."""
    try:
        with store.reader() as conn:
            rel = store.resolve(conn, None)
            row = store.event(conn, rel, event_id)
            if row is None or row.status != "active":
                return None
    except Exception:  # the general path answers, with its own problem
        return None
    return etag_of(rel.version, path).encode(), event_detail(rel, row)
