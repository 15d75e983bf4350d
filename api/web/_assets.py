"""Static files of the explorer: served at ``/static/`` with long cache lifetimes.

Every URL a page writes comes from ``asset_url``, which appends a digest of the file's bytes
(``?v=``): a changed file gets a new URL, so browsers may keep each one for a year.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from litestar import Router
from litestar.datastructures import CacheControlHeader
from litestar.static_files import create_static_files_router

__all__ = ["STATIC_DIR", "STATIC_PATH", "asset_url", "static_files_router"]

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_PATH = "/static"
_YEAR = 365 * 24 * 3600


@cache
def asset_url(path: str) -> str:
    """``/static/<path>?v=<digest>`` for a file under ``api/web/static/`` (ValueError if none)."""
    file = (STATIC_DIR / path).resolve()
    if not file.is_relative_to(STATIC_DIR) or not file.is_file():
        raise ValueError(f"no static file {path!r} under {STATIC_DIR}")
    digest = hashlib.sha256(file.read_bytes()).hexdigest()[:12]
    return f"{STATIC_PATH}/{path}?v={digest}"


def static_files_router() -> Router:
    """The router serving ``api/web/static/`` (vendored assets, stylesheet, page scripts)."""
    return create_static_files_router(
        path=STATIC_PATH,
        directories=[STATIC_DIR],
        name="static",
        cache_control=CacheControlHeader(max_age=_YEAR, public=True, immutable=True),
        include_in_schema=False,
    )
