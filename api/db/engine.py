"""Engine creation and schema set-up for SQLite and PostgreSQL (full-text search included)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

from api.db import tables

__all__ = [
    "SQLITE_CACHE_KB",
    "create_db_engine",
    "init_schema",
    "is_postgres",
    "sqlite_pragmas",
]

SQLITE_CACHE_KB = 512
"""SQLite page cache of each pooled connection, in KiB (SQLite's default is 2,000).

The database file sits in the operating system's page cache anyway, so SQLite's own cache
only saves a ``pread`` per page; the upper index levels that every query walks fit in a few
hundred KiB. Each pooled connection fills its cache as it reads random events, so this is
also how far the resident size of a long-running server grows: the load run measured about
2 MiB per connection of creep with SQLite's default (docs/RELIABILITY.md)."""

_log = logging.getLogger("api")


def is_postgres(engine: Engine) -> bool:
    """Whether the engine talks to PostgreSQL (otherwise SQLite)."""
    return engine.dialect.name == "postgresql"


def sqlite_pragmas(dbapi_conn: Any, cache_kb: int) -> None:
    """Set up a new SQLite connection: WAL, foreign keys, a page cache of ``cache_kb`` KiB.

    Every SQLite connection the service opens gets it: the pool's and the worker threads' own
    (``api.db.reads``)."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA cache_size = -{int(cache_kb)}")
    cur.close()


def create_db_engine(
    url: str, connect_timeout: float = 2.0, sqlite_cache_kb: int = SQLITE_CACHE_KB
) -> Engine:
    """Create an engine; SQLite files (and their folder) are created on demand."""
    parsed = make_url(url)
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        # No pool_pre_ping: a local file does not drop connections, and the ping is an extra
        # round-trip on every checkout.
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        engine = create_engine(url, **kwargs)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            sqlite_pragmas(dbapi_conn, sqlite_cache_kb)

        return engine
    kwargs["pool_pre_ping"] = True
    kwargs["connect_args"] = {"connect_timeout": max(1, round(connect_timeout))}
    kwargs["pool_size"] = 10
    kwargs["pool_timeout"] = connect_timeout
    return create_engine(url, **kwargs)


# Stemmed (porter) and with diacritics kept, to match PostgreSQL's ``english`` configuration
# (api/query/fulltext.py). Rows are keyed by ``fts_key``, which sorts as the lists do
# (api/db/tables.py), so FTS5 hands out matches in list order.
_SQLITE_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS event_fts USING fts5("
    "title, summary, content='event_version', content_rowid='fts_key', "
    "tokenize='porter unicode61 remove_diacritics 0')"
)

_PG_FTS = (
    "ALTER TABLE event_version ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', title || ' ' || summary)) STORED",
    "CREATE INDEX IF NOT EXISTS ix_event_version_tsv ON event_version USING GIN (tsv)",
)


_TABLES: tuple[Table, ...] = tuple(
    t.__table__  # type: ignore[union-attr]
    for t in (
        tables.SchemaLayout,
        tables.Release,
        tables.CurrentRelease,
        tables.ReleaseFile,
        tables.EventVersion,
        tables.EventPayload,
        tables.EventCsv,
        tables.EventActor,
        tables.EventSource,
        tables.SourceVersion,
    )
)


def _drop_old_layout(conn: Connection, pg: bool) -> None:
    """Drop the tables of a database created with another layout (ingest rebuilds them)."""
    names = set(inspect(conn).get_table_names())
    if "release" not in names:
        return
    version = None
    if "schema_layout" in names:
        version = conn.execute(text("SELECT version FROM schema_layout WHERE id = 1")).scalar()
    if version == tables.LAYOUT_VERSION:
        return
    _log.warning(
        "database layout %s is not %s: dropping its tables; ingest rebuilds them",
        version,
        tables.LAYOUT_VERSION,
    )
    if not pg:
        conn.execute(text("DROP TABLE IF EXISTS event_fts"))
    for table in reversed(_TABLES):
        table.drop(conn, checkfirst=True)


def init_schema(engine: Engine) -> None:
    """Create the tables and the full-text index if they do not exist (idempotent).

    A database created with an older layout (``tables.LAYOUT_VERSION``) is emptied first: its
    data is derived from the release folders, which the next ingest loads again.
    """
    pg = is_postgres(engine)
    with engine.begin() as conn:
        if pg:
            # Serialise concurrent first starts of several workers on one database.
            conn.execute(text("SELECT pg_advisory_xact_lock(4201)"))
        _drop_old_layout(conn, pg)
        SQLModel.metadata.create_all(
            conn,
            tables=list(_TABLES),
        )
        conn.execute(
            text(
                "INSERT INTO schema_layout (id, version) SELECT 1, :v "
                "WHERE NOT EXISTS (SELECT 1 FROM schema_layout WHERE id = 1)"
            ),
            {"v": tables.LAYOUT_VERSION},
        )
        if pg:
            for stmt in _PG_FTS:
                conn.execute(text(stmt))
        else:
            conn.execute(text(_SQLITE_FTS))
