"""The ceiling: the same stack as the API (Litestar + msgspec + uvicorn) serving precomputed bytes.

It answers the benchmark's exact request paths with the bytes our API gave for them, read from
``BENCH_CEILING_RESPONSES`` (a msgpack map ``path?query -> [status, content type, body]``).
Whatever our API spends beyond this is the cost of its own work: query, encoding, middleware.

Run: ``BENCH_CEILING_RESPONSES=file uvicorn tests.bench._ceiling:create_app --factory``.
"""

from __future__ import annotations

import os
from pathlib import Path

import msgspec
from litestar import Litestar, Request, Response, get

__all__ = ["create_app"]


def create_app() -> Litestar:
    """App whose routes look the response up by path and query string."""
    raw = msgspec.msgpack.decode(Path(os.environ["BENCH_CEILING_RESPONSES"]).read_bytes())
    table: dict[str, tuple[int, str, bytes]] = {k: tuple(v) for k, v in raw.items()}
    missing = (404, "text/plain", b"not precomputed")

    def lookup(request: Request) -> Response[bytes]:
        qs = request.scope["query_string"].decode()
        status, ctype, body = table.get(request.scope["path"] + ("?" + qs if qs else ""), missing)
        return Response(content=body, status_code=status, media_type=ctype)

    @get("/v1/events/{event_id:str}", sync_to_thread=False)
    def one(request: Request, event_id: str) -> Response[bytes]:
        return lookup(request)

    @get("/v1/events", sync_to_thread=False)
    def many(request: Request) -> Response[bytes]:
        return lookup(request)

    @get("/v1/stats/events", sync_to_thread=False)
    def stats(request: Request) -> Response[bytes]:
        return lookup(request)

    @get("/health", sync_to_thread=False)
    def health() -> dict[str, str]:
        return {"status": "ok"}

    return Litestar(route_handlers=[one, many, stats, health], openapi_config=None)
