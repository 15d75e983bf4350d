"""Engine creation and schema set-up for SQLite and PostgreSQL (full-text search included)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

from api.db import tables

__all__ = ["create_db_engine", "init_schema", "is_postgres"]


def is_postgres(engine: Engine) -> bool:
    """Whether the engine talks to PostgreSQL (otherwise SQLite)."""
    return engine.dialect.name == "postgresql"


def create_db_engine(url: str, connect_timeout: float = 2.0) -> Engine:
    """Create an engine; SQLite files (and their folder) are created on demand."""
    parsed = make_url(url)
    kwargs: dict[str, Any] = {"pool_pre_ping": True}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        engine = create_engine(url, **kwargs)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    kwargs["connect_args"] = {"connect_timeout": max(1, round(connect_timeout))}
    kwargs["pool_size"] = 10
    kwargs["pool_timeout"] = connect_timeout
    return create_engine(url, **kwargs)


_SQLITE_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS event_fts USING fts5("
    "title, summary, content='event_version', content_rowid='pk', tokenize='unicode61')"
)

_PG_FTS = (
    "ALTER TABLE event_version ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', title || ' ' || summary)) STORED",
    "CREATE INDEX IF NOT EXISTS ix_event_version_tsv ON event_version USING GIN (tsv)",
)


def init_schema(engine: Engine) -> None:
    """Create the tables and the full-text index if they do not exist (idempotent)."""
    with engine.begin() as conn:
        if is_postgres(engine):
            # Serialise concurrent first starts of several workers on one database.
            conn.execute(text("SELECT pg_advisory_xact_lock(4201)"))
        SQLModel.metadata.create_all(
            conn,
            tables=[
                tables.Release.__table__,  # type: ignore[attr-defined]
                tables.CurrentRelease.__table__,  # type: ignore[attr-defined]
                tables.ReleaseFile.__table__,  # type: ignore[attr-defined]
                tables.EventVersion.__table__,  # type: ignore[attr-defined]
                tables.EventActor.__table__,  # type: ignore[attr-defined]
                tables.EventSource.__table__,  # type: ignore[attr-defined]
                tables.SourceVersion.__table__,  # type: ignore[attr-defined]
            ],
        )
        if is_postgres(engine):
            for stmt in _PG_FTS:
                conn.execute(text(stmt))
        else:
            conn.execute(text(_SQLITE_FTS))
