"""Settings of the HTTP service, read from the environment.

| variable | default | meaning |
|---|---|---|
| ``DATABASE_URL`` | ``sqlite:///./var/faultlines.sqlite`` | SQLAlchemy URL (or PostgreSQL) |
| ``RELEASES_DIR`` | ``dataset/releases`` | folder of release folders ingested by ``serve`` |
| ``HOST`` / ``PORT`` | ``127.0.0.1`` / ``8000`` | where ``python -m api serve`` listens |
| ``WORKERS`` | ``1`` | uvicorn worker processes |
| ``DB_CONNECT_TIMEOUT`` | ``2`` | seconds before a database connection attempt fails (503) |
| ``RATE_LIMIT_PER_MINUTE`` | ``0`` | requests per client and minute; ``0`` = off |
| ``CURSOR_SECRET`` | built-in | key signing pagination cursors; share it between workers |
| ``INGEST_ON_START`` | ``1`` | ``serve`` ingests every release under ``RELEASES_DIR`` first |
| ``KEEP_ALIVE_TIMEOUT`` | ``75`` | seconds an idle keep-alive connection stays open |
| ``SQLITE_CACHE_KB`` | ``512`` | SQLite page cache per pooled connection (KiB) |
| ``MALLOC_ARENA_MAX`` | ``2`` | glibc malloc arenas per process (``0`` = glibc's default) |
| ``FAST_LANE`` | ``1`` | answer plain ``GET /v1/events/{id}`` without the framework (SQLite) |
| ``ACCESS_LOG`` | ``1`` | one line per request on standard error (``api.routes._access_log``) |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Settings"]

_DEFAULT_SQLITE = "sqlite:///./var/faultlines.sqlite"


def _env(name: str, default: str) -> str:
    value = os.environ.get(name)
    return default if value is None or value == "" else value


@dataclass(frozen=True)
class Settings:
    """Service settings; ``Settings.from_env()`` reads them from the environment."""

    database_url: str = _DEFAULT_SQLITE
    """SQLAlchemy database URL. SQLite files are created on demand."""
    releases_dir: Path = field(default_factory=lambda: Path("dataset/releases"))
    """Folder holding ``<version>/`` release folders."""
    host: str = "127.0.0.1"
    """Interface the server binds to."""
    port: int = 8000
    """Port the server listens on."""
    workers: int = 1
    """Number of uvicorn worker processes."""
    db_connect_timeout: float = 2.0
    """Seconds before a connection attempt to the database gives up."""
    rate_limit_per_minute: int = 0
    """Requests allowed per client and minute; 0 disables rate limiting."""
    cursor_secret: str = "faultlines-cursor-v1"
    """Key for the cursor signature; it guards against edited cursors, it is not a secret."""
    ingest_on_start: bool = True
    """Whether ``serve`` ingests the releases under ``releases_dir`` before listening."""
    keep_alive_timeout: float = 75.0
    """Seconds an idle keep-alive connection stays open. Longer than clients' own expiry
    (httpx: 5 s) so the server never closes a connection a client is about to reuse."""
    sqlite_cache_kb: int = 512
    """SQLite page cache per pooled connection, in KiB (``api.db.engine.SQLITE_CACHE_KB``)."""
    malloc_arena_max: int = 2
    """glibc malloc arenas per process; 0 keeps glibc's default (8 per core). Handlers run on a
    thread pool, and with one arena per thread freed memory is scattered over arenas that are
    never trimmed: the resident size crept up under steady load (docs/RELIABILITY.md)."""
    fast_lane: bool = True
    """Answer a plain ``GET /v1/events/{id}`` of an active event before the framework sees it
    (``api.routes._fast_lane``); off, every request takes the general path."""
    access_log: bool = True
    """Write one line per request on standard error (client, request line, status, bytes,
    time); uvicorn's own access log is always off (``api.routes._access_log``)."""

    @classmethod
    def from_env(cls) -> Settings:
        """Build settings from environment variables (see the module docstring)."""
        return cls(
            database_url=_env("DATABASE_URL", _DEFAULT_SQLITE),
            releases_dir=Path(_env("RELEASES_DIR", "dataset/releases")),
            host=_env("HOST", "127.0.0.1"),
            port=int(_env("PORT", "8000")),
            workers=int(_env("WORKERS", "1")),
            db_connect_timeout=float(_env("DB_CONNECT_TIMEOUT", "2")),
            rate_limit_per_minute=int(_env("RATE_LIMIT_PER_MINUTE", "0")),
            cursor_secret=_env("CURSOR_SECRET", "faultlines-cursor-v1"),
            ingest_on_start=_env("INGEST_ON_START", "1") not in {"0", "false", "no"},
            keep_alive_timeout=float(_env("KEEP_ALIVE_TIMEOUT", "75")),
            sqlite_cache_kb=int(_env("SQLITE_CACHE_KB", "512")),
            malloc_arena_max=int(_env("MALLOC_ARENA_MAX", "2")),
            fast_lane=_env("FAST_LANE", "1") not in {"0", "false", "no"},
            access_log=_env("ACCESS_LOG", "1") not in {"0", "false", "no"},
        )
