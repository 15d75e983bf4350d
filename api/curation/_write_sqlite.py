"""The release's SQLite database: events, reports, actors and sources tables, deterministic.

Rows go in by id with ``executemany`` batches; indexes are built after the rows; the file is
VACUUMed with a fixed page size and rollback journal (no WAL), so two builds of the same
records give byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import msgspec

from api.curation._columns import COLUMNS, Cell, event_row
from api.curation._context import Context
from api.curation._origins import origin_of
from api.records import Event, Source

__all__ = ["SqliteWriter"]

_SQL_TYPE = {"string": "TEXT", "date": "TEXT", "integer": "INTEGER", "number": "REAL"}

_SOURCE_FIELDS = tuple(Source.__struct_fields__)

_DDL = (
    "CREATE TABLE release (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE events ("
    + ", ".join(
        f"{c.name} {_SQL_TYPE[c.kind]}"
        + (" PRIMARY KEY" if c.name == "id" else " NOT NULL" if c.required else "")
        for c in COLUMNS
    )
    + ")",
    "CREATE TABLE reports (event_id TEXT NOT NULL REFERENCES events(id), report_index INTEGER "
    "NOT NULL, source TEXT NOT NULL REFERENCES sources(id), origin TEXT NOT NULL, claimant_type "
    "TEXT NOT NULL, claimant TEXT NOT NULL, via TEXT NOT NULL, cites_source TEXT, stance TEXT "
    "NOT NULL, description TEXT NOT NULL, PRIMARY KEY (event_id, report_index))",
    "CREATE TABLE actors (event_id TEXT NOT NULL REFERENCES events(id), actor_index INTEGER "
    "NOT NULL, organisation TEXT NOT NULL, role TEXT NOT NULL, rank_tier TEXT NOT NULL, unit "
    "TEXT, people TEXT NOT NULL, PRIMARY KEY (event_id, actor_index))",
    "CREATE TABLE sources ("
    + ", ".join(f"{f} TEXT" + (" PRIMARY KEY" if f == "id" else "") for f in _SOURCE_FIELDS)
    + ")",
)

_INDEXES = (
    "CREATE INDEX events_type ON events(event_type)",
    "CREATE INDEX events_dates ON events(date_start, date_end)",
    "CREATE INDEX events_place ON events(country, admin1)",
    "CREATE INDEX events_campaign ON events(campaign)",
    "CREATE INDEX events_verification ON events(verification, confidence)",
    "CREATE INDEX reports_source ON reports(source)",
    "CREATE INDEX reports_origin ON reports(origin)",
    "CREATE INDEX actors_organisation ON actors(organisation, role)",
)


def _sql(value: Cell) -> str | int | float | None:
    return value.isoformat() if isinstance(value, dt.date) else value


def _json(value: object) -> str:
    return msgspec.json.encode(value).decode()


class SqliteWriter:
    """Builds the SQLite file at ``path`` (which must not exist yet)."""

    def __init__(self, path: Path, ctx: Context, batch_rows: int = 5_000) -> None:
        self._path = path
        self._ctx = ctx
        self._batch_rows = batch_rows
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA page_size = 4096")
        self._db.execute("PRAGMA journal_mode = DELETE")
        self._db.execute("PRAGMA synchronous = OFF")  # temp file; a crash discards the build
        self._db.execute("BEGIN")
        for ddl in _DDL:
            self._db.execute(ddl)
        self._events: list[list[str | int | float | None]] = []
        self._reports: list[tuple[object, ...]] = []
        self._actors: list[tuple[object, ...]] = []

    def add_release_info(self, info: dict[str, str]) -> None:
        """Record release metadata (version, date, ...) in the ``release`` table."""
        self._db.executemany("INSERT INTO release VALUES (?, ?)", sorted(info.items()))

    def add_sources(self, sources: Iterable[Source]) -> None:
        """Insert the sources (call with sources sorted by id)."""
        rows = []
        for s in sources:
            built = msgspec.to_builtins(s)
            rows.append(tuple(built[f] for f in _SOURCE_FIELDS))
        marks = ", ".join("?" * len(_SOURCE_FIELDS))
        self._db.executemany(f"INSERT INTO sources VALUES ({marks})", rows)

    def add_event(self, event: Event) -> None:
        """Queue one event (call in id order) with its reports and actors."""
        self._events.append([_sql(v) for v in event_row(event)])
        for i, r in enumerate(event.reports):
            self._reports.append(
                (
                    event.id,
                    i,
                    r.source,
                    origin_of(r, self._ctx),
                    r.claimant_type.value,
                    r.claimant,
                    _json(r.via),
                    r.cites_source,
                    r.stance.value,
                    r.description,
                )
            )
        for i, a in enumerate(event.actors):
            people = _json(a.people)
            self._actors.append(
                (event.id, i, a.organisation, a.role.value, a.rank_tier.value, a.unit, people)
            )
        if len(self._events) >= self._batch_rows:
            self._flush()

    def _flush(self) -> None:
        marks = ", ".join("?" * len(COLUMNS))
        self._db.executemany(f"INSERT INTO events VALUES ({marks})", self._events)
        self._db.executemany(f"INSERT INTO reports VALUES ({', '.join('?' * 10)})", self._reports)
        self._db.executemany(f"INSERT INTO actors VALUES ({', '.join('?' * 7)})", self._actors)
        self._events, self._reports, self._actors = [], [], []

    def close(self) -> None:
        """Write the last batch, build the indexes, commit and VACUUM."""
        self._flush()
        for ddl in _INDEXES:
            self._db.execute(ddl)
        self._db.execute("COMMIT")
        self._db.execute("VACUUM")
        self._db.close()
