"""The access log writes one line per request, as the client saw it, and cannot be forged."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from api.routes._access_log import access_log


def _scope(path: str, query: bytes = b"", raw: bytes | None = None) -> dict[str, Any]:
    return {
        "type": "http",
        "method": "GET",
        "path": path,
        "raw_path": raw if raw is not None else path.encode(),
        "query_string": query,
        "http_version": "1.1",
        "client": ("10.0.0.7", 50312),
        "headers": [],
    }


def _run(app: Any, scope: dict[str, Any]) -> tuple[list[bytes], list[dict[str, Any]]]:
    lines: list[bytes] = []
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def go() -> None:
        with contextlib.suppress(RuntimeError):
            await access_log(app, lines.append)(scope, receive, send)

    asyncio.run(go())
    return lines, sent


async def _two_chunks(scope: Any, receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 206, "headers": []})
    await send({"type": "http.response.body", "body": b"abc", "more_body": True})
    await send({"type": "http.response.body", "body": b"de", "more_body": False})


async def _breaks(scope: Any, receive: Any, send: Any) -> None:
    raise RuntimeError("boom")


def test_one_line_with_status_bytes_and_time() -> None:
    lines, sent = _run(_two_chunks, _scope("/v1/events", b"q=basij&limit=5"))
    assert [m["type"] for m in sent] == ["http.response.start", *["http.response.body"] * 2]
    assert len(lines) == 1
    line = lines[0].decode()
    assert line.startswith('10.0.0.7:50312 - "GET /v1/events?q=basij&limit=5 HTTP/1.1" 206 5 ')
    assert line.endswith("ms\n")


def test_a_request_cannot_forge_a_line() -> None:
    raw = b"/v1/events/x\r\n10.0.0.1 - fake"
    lines, _ = _run(_two_chunks, _scope("/v1/events/x", b"a=\n", raw))
    assert len(lines) == 1 and lines[0].count(b"\n") == 1
    assert b"\\x0d\\x0a10.0.0.1 - fake?a=\\x0a" in lines[0]


def test_a_broken_response_is_still_logged() -> None:
    lines, _ = _run(_breaks, _scope("/boom"))
    assert len(lines) == 1
    assert b'"GET /boom HTTP/1.1" 500 0 ' in lines[0]


def test_other_scopes_pass_through_unlogged() -> None:
    lines: list[bytes] = []
    seen: list[str] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.append(scope["type"])

    asyncio.run(access_log(app, lines.append)({"type": "lifespan"}, None, None))  # type: ignore[arg-type]
    assert seen == ["lifespan"] and lines == []
