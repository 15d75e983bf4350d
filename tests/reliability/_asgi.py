"""Send byte-exact requests to an ASGI app, bypassing any client-side URL normalisation.

HTTP clients clean up what hostile tests need to send (dot segments, invalid UTF-8, null
bytes), so this builds the ASGI scope the way uvicorn does from a raw request target.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

__all__ = ["RawResponse", "asgi_request"]


@dataclass(frozen=True)
class RawResponse:
    """Status, headers (lower-cased names) and body of one response."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


def asgi_request(
    app: Any,
    target: bytes,
    method: str = "GET",
    headers: list[tuple[bytes, bytes]] | None = None,
    body: bytes = b"",
) -> RawResponse:
    """One request with the raw request ``target`` (path and query, as on the wire)."""
    raw_path, _, query = target.partition(b"?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        # uvicorn decodes the path as ASCII then percent-decodes (invalid UTF-8 -> U+FFFD)
        "path": unquote(raw_path.decode("latin-1")),
        "raw_path": raw_path,
        "query_string": query,
        "root_path": "",
        "headers": [(b"host", b"testserver"), *(headers or [])],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }
    sent: list[dict[str, Any]] = []
    pending = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive() -> dict[str, Any]:
        if pending:
            return pending.pop()
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    try:
        asyncio.run(asyncio.wait_for(app(scope, receive, send), 30))
    except Exception as exc:  # what uvicorn turns into a bare 500
        return RawResponse(500, {"content-type": "text/plain"}, repr(exc).encode())
    start = next(m for m in sent if m["type"] == "http.response.start")
    hdrs = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in start["headers"]}
    data = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return RawResponse(start["status"], hdrs, data)
