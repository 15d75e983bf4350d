"""The access log: one line per request on standard error, written without ``logging``.

uvicorn's own access log formats every line through the ``logging`` machinery (a record, a
formatter, a handler and its lock): on a one-row read that was a fifth of the request's cost
(docs/BENCHMARKS.md). This one formats the line once and hands it to the operating system in
a single ``write``, which is atomic for a line this short, so the lines of several workers
sharing one stream never interleave. It wraps the whole stack, the fast lane included, so
every request is logged, with what the client got:

    127.0.0.1:50312 - "GET /v1/events?event_type=mutiny HTTP/1.1" 200 5123 1.2ms

(client, request line, status, body bytes sent, time to the last byte). ``ACCESS_LOG=0``
turns it off.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import cast

from litestar.types import ASGIApp, HTTPScope, Message, Receive, Scope, Send

__all__ = ["access_log"]

Writer = Callable[[bytes], object]


def _stderr(line: bytes) -> object:
    try:
        return os.write(2, line)
    except OSError:  # a closed or full stream never fails a request
        return None


def _line(scope: HTTPScope, status: int, size: int, seconds: float) -> bytes:
    client = scope.get("client")
    who = f"{client[0]}:{client[1]}" if client else "-"
    target = scope.get("raw_path") or scope["path"].encode()
    if scope["query_string"]:
        target = target + b"?" + scope["query_string"]
    # The target is logged as received, but never with a control character: a request must
    # not be able to forge a log line.
    shown = target.decode("latin-1").translate(_CONTROL)
    return (
        f'{who} - "{scope["method"]} {shown} HTTP/{scope.get("http_version", "1.1")}" '
        f"{status} {size} {seconds * 1000:.1f}ms\n"
    ).encode("utf-8", "replace")


_CONTROL = {c: f"\\x{c:02x}" for c in (*range(32), 127)}


def access_log(app: ASGIApp, write: Writer = _stderr) -> ASGIApp:
    """Wrap ``app`` (outermost) so that each HTTP request writes one line with ``write``."""

    async def logged(scope: Scope, receive: Receive, send: Send) -> None:
        if str(scope["type"]) != "http":
            await app(scope, receive, send)
            return
        http = cast("HTTPScope", scope)
        start = time.perf_counter()
        status = 0
        size = 0
        done = False

        async def send_counted(message: Message) -> None:
            nonlocal status, size, done
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
                if not message.get("more_body", False) and not done:
                    done = True
                    await send(message)
                    write(_line(http, status, size, time.perf_counter() - start))
                    return
            await send(message)

        try:
            await app(scope, receive, send_counted)
        finally:
            if not done:  # the response broke off (client gone, error): say what was sent
                write(_line(http, status or 500, size, time.perf_counter() - start))

    logged.__wrapped__ = app  # type: ignore[attr-defined]
    return logged
