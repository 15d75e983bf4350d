"""Load a verified release folder into the database in one transaction.

Checksums and the small files are verified before the transaction starts; events are then
streamed from ``events.jsonl`` (validated line by line, inserted in batches), so memory stays
flat whatever the release size. A record that fails validation raises inside the transaction,
which rolls back: nothing is written. The transaction writes the new release, closes the
versions that changed or disappeared (an event also changes when a source it cites does: its
version carries the cited records), inserts the new versions, and switches the
``current_release`` pointer last, so readers see either the old release or the new one, never
a mix.

Into an empty database (the first release) the rows go in without their secondary indexes and
full-text index, which are built once at the end, inside the same transaction: building an
index from complete rows sorts once, where maintaining it row by row touches its pages in
random order (the bulk of a large first ingest). Later releases, mostly unchanged rows, keep
their indexes as they are. The new versions' CSV lines are spooled to a temporary file and
written last, in list order (``_CsvSpool``), so a CSV export reads ``event_csv`` sequentially.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import tempfile
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy import (
    Connection,
    Engine,
    Index,
    delete,
    func,
    insert,
    select,
    text,
    update,
)

from api.db._release_folder import IngestError, ReleaseFolder, read_release_folder, semver_key
from api.db.engine import is_postgres
from api.db.tables import (
    OPEN,
    CurrentRelease,
    EventActor,
    EventCsv,
    EventPayload,
    EventSource,
    EventVersion,
    Release,
    ReleaseFile,
    SourceVersion,
    fts_key,
)
from api.records import Event, Source

__all__ = ["IngestError", "IngestResult", "ingest_release"]

CONFIDENCE_RANK = {"low": 1, "medium": 2, "high": 3}
_BATCH = 2000
"""Event versions per batch of inserts (executemany)."""
_INGEST_CACHE_KB = 256 * 1024
"""SQLite page cache (KiB) of the ingest connection."""
_FTS_INSERT = "INSERT INTO event_fts(rowid, title, summary) VALUES (?, ?, ?)"
_FTS_REBUILD = "INSERT INTO event_fts(event_fts) VALUES ('rebuild')"

_R = Release.__table__  # type: ignore[attr-defined]
_CUR = CurrentRelease.__table__  # type: ignore[attr-defined]
_FILES = ReleaseFile.__table__  # type: ignore[attr-defined]
_EV = EventVersion.__table__  # type: ignore[attr-defined]
_EP = EventPayload.__table__  # type: ignore[attr-defined]
_EC = EventCsv.__table__  # type: ignore[attr-defined]
_EA = EventActor.__table__  # type: ignore[attr-defined]
_ES = EventSource.__table__  # type: ignore[attr-defined]
_SV = SourceVersion.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class IngestResult:
    """What an ingest did: ``loaded`` False means the release was already there (no-op)."""

    version: str
    ordinal: int
    loaded: bool
    events_new_versions: int = 0
    sources_new_versions: int = 0

    def __str__(self) -> str:
        if not self.loaded:
            return (
                f"release {self.version} already ingested (ordinal {self.ordinal}); nothing to do"
            )
        return (
            f"ingested release {self.version} as ordinal {self.ordinal}: "
            f"{self.events_new_versions} new event versions, "
            f"{self.sources_new_versions} new source versions"
        )


def _csv_line(cells: list[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow(cells)
    return buf.getvalue()


def _best(event: Event, name: str) -> int | None:
    est = getattr(event.magnitudes, name)
    return None if est is None else est.best


_EV_NAMES = (
    "pk",
    "event_id",
    "valid_from",
    "valid_to",
    "content_sha256",
    "answer_sha256",
    "fts_key",
    "status",
    "merged_into",
    "status_reason",
    "event_type",
    "country",
    "admin1",
    "campaign",
    "date_start",
    "date_end",
    "verification",
    "confidence_rank",
    "title",
    "summary",
    "latitude",
    "longitude",
    "participants_best",
    "cases_best",
    "killed_best",
    "arrested_best",
    "actor_orgs",
)
"""The columns of an ``event_version`` row as ``_event_row`` orders them."""
_ANSWER_SHA = _EV_NAMES.index("answer_sha256")
_FTS_KEY = _EV_NAMES.index("fts_key")
_ACTOR_ORGS = _EV_NAMES.index("actor_orgs")


def _event_row(
    event: Event, body: bytes, csv_row: str, sources: bytes, ordinal: int, pk: int, pg: bool
) -> tuple[Any, ...]:
    """The ``event_version`` row of ``event`` (``_EV_NAMES``); dates as the backend's driver
    takes them (SQLite: ISO text, as SQLAlchemy writes them there)."""
    loc = event.location
    orgs = sorted({a.organisation for a in event.actors})
    digest = hashlib.sha256(body)
    digest.update(csv_row.encode())
    content_sha256 = digest.hexdigest()
    digest.update(sources)
    start: Any = event.date_start
    end: Any = event.date_end
    if not pg:
        start, end = start.isoformat(), end.isoformat()
    return (
        pk,
        event.id,
        ordinal,
        OPEN,
        content_sha256,
        digest.hexdigest(),
        fts_key(event.date_start, event.id, ordinal),
        str(event.status),
        event.merged_into,
        event.status_reason,
        str(event.event_type),
        loc.country,
        loc.admin1,
        event.campaign,
        start,
        end,
        str(event.verification),
        CONFIDENCE_RANK[str(event.confidence)],
        event.title,
        event.summary,
        loc.latitude,
        loc.longitude,
        _best(event, "participants"),
        _best(event, "cases"),
        _best(event, "killed"),
        _best(event, "arrested"),
        " ".join(orgs),
    )


class _CsvSpool:
    """The new versions' CSV lines, written to ``event_csv`` in key (list) order after the load.

    They arrive in the release file's order (by id, not by date). Each line goes to a temporary
    file and only its key and offset stay in memory (16 bytes a line); ``write`` then inserts
    the lines sorted by key, so that a first load lays the table out in date order.
    """

    def __init__(self, file: IO[bytes]) -> None:
        self._file = file
        """A temporary file the caller opens and closes."""
        self._keys = array("q")
        self._offsets = array("q")
        self._end = 0

    def add(self, key: int, line: str) -> None:
        data = line.encode()
        self._file.write(data)
        self._keys.append(key)
        self._offsets.append(self._end)
        self._end += len(data)

    def write(self, conn: Connection, pg: bool) -> None:
        """Insert every spooled line into ``event_csv``, in key order."""
        self._file.flush()
        fd = self._file.fileno()
        keys, offsets = self._keys, self._offsets
        offsets.append(self._end)
        rows: list[tuple[int, str]] = []
        for i in sorted(range(len(keys)), key=keys.__getitem__):
            start = offsets[i]
            rows.append((keys[i], os.pread(fd, offsets[i + 1] - start, start).decode()))
            if len(rows) >= _BATCH:
                _insert_many(conn, _EC, _EC_NAMES, rows, pg)
                rows.clear()
        if rows:
            _insert_many(conn, _EC, _EC_NAMES, rows, pg)


_SV_NAMES = (
    "source_id",
    "valid_from",
    "valid_to",
    "content_sha256",
    "outlet_type",
    "language",
    "body",
)
_SV_SHA = _SV_NAMES.index("content_sha256")
_EP_NAMES = ("pk", "body", "sources")
_EC_NAMES = ("fts_key", "csv_row")
_EA_NAMES = ("version_pk", "organisation")
_ES_NAMES = ("version_pk", "source_id")


def _source_row(source: Source, body: bytes, ordinal: int) -> tuple[Any, ...]:
    """The ``source_version`` row of ``source`` (``_SV_NAMES``)."""
    return (
        source.id,
        ordinal,
        OPEN,
        hashlib.sha256(body).hexdigest(),
        str(source.outlet_type),
        source.language,
        body,
    )


def _insert_many(
    conn: Connection, table: Any, names: tuple[str, ...], rows: list[tuple[Any, ...]], pg: bool
) -> None:
    """Insert ``rows`` (tuples of the columns ``names``) in one executemany.

    On SQLite the tuples go to the driver as they are, on the transaction's own connection:
    SQLAlchemy's per-row parameter processing was a fifth of a large ingest, and building
    dicts and converting them another twentieth.
    """
    if pg:
        conn.execute(insert(table), [dict(zip(names, row, strict=True)) for row in rows])
        return
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    conn.connection.driver_connection.executemany(sql, rows)  # type: ignore[union-attr]


@dataclass
class _EventBatch:
    """Rows waiting for one executemany per table."""

    versions: list[tuple[Any, ...]]
    payloads: list[tuple[Any, ...]]
    actors: list[tuple[Any, ...]]
    sources: list[tuple[Any, ...]]
    fts: list[tuple[int, str, str]]

    @classmethod
    def empty(cls) -> _EventBatch:
        return cls([], [], [], [], [])

    def flush(self, conn: Connection, pg: bool, fts: bool = True) -> None:
        if self.versions:
            _insert_many(conn, _EV, _EV_NAMES, self.versions, pg)
            _insert_many(conn, _EP, _EP_NAMES, self.payloads, pg)
        if self.actors:
            _insert_many(conn, _EA, _EA_NAMES, self.actors, pg)
        if self.sources:
            _insert_many(conn, _ES, _ES_NAMES, self.sources, pg)
        if self.fts and fts and not pg:
            conn.exec_driver_sql(_FTS_INSERT, self.fts)
        for rows in (self.versions, self.payloads, self.actors, self.sources, self.fts):
            rows.clear()


_INDEXED = (_EV, _EA, _ES, _SV)
"""The tables queried by more than their key: their secondary indexes are deferred on a first
ingest."""
_ANALYZED = (*_INDEXED, _EP, _EC)
"""The tables whose planner statistics every ingest refreshes (PostgreSQL): those joined by key
count too. Without the payload's, PostgreSQL took the join to multiply a page's rows twentyfold
and walked the whole date index for a word that matches nothing (137 ms at 100k events, where
the full-text index answers in 0.7 ms)."""


def _secondary_indexes() -> list[Index]:
    """The indexes a first ingest builds after its rows (the lookups the load itself makes,
    by primary key, need none of them)."""
    return [ix for table in _INDEXED for ix in sorted(table.indexes, key=str)]


def _load_events(
    conn: Connection,
    rf: ReleaseFolder,
    ordinal: int,
    pg: bool,
    sources: dict[str, bytes],
    csv_lines: _CsvSpool,
    fts: bool = True,
) -> tuple[int, int]:
    """Insert the new versions of the release's events; (count, longest span in days).

    ``sources`` holds the release's source records by id (each event version keeps those it
    cites); the versions' CSV lines go to ``csv_lines``, for the caller to write in key order;
    ``fts`` False leaves the full-text index to be rebuilt after the load (SQLite)."""
    open_rows = conn.execute(
        select(_EV.c.pk, _EV.c.event_id, _EV.c.answer_sha256).where(_EV.c.valid_to == OPEN)
    ).all()
    current = {r.event_id: (r.pk, r.answer_sha256) for r in open_rows}
    del open_rows
    # Primary keys are assigned here (the ingest holds the write lock) so that actors, sources
    # and full-text rows can be batched with their version instead of one RETURNING per row.
    next_pk = (conn.execute(select(func.max(_EV.c.pk))).scalar() or 0) + 1
    seen: set[str] = set()
    to_close: list[int] = []
    new_count = 0
    max_span = 0
    batch = _EventBatch.empty()
    for event, body, csv_row in rf.events():
        seen.add(event.id)
        cited = sorted({r.source for r in event.reports})
        cited_json = b"[" + b",".join(sources[s] for s in cited) + b"]"
        row = _event_row(event, body, csv_row, cited_json, ordinal, next_pk, pg)
        old = current.get(event.id)
        if old is not None and old[1] == row[_ANSWER_SHA]:
            continue
        if old is not None:
            to_close.append(old[0])
        pk = next_pk
        next_pk += 1
        new_count += 1
        max_span = max(max_span, (event.date_end - event.date_start).days)
        batch.versions.append(row)
        batch.payloads.append((pk, body, cited_json))
        csv_lines.add(row[_FTS_KEY], csv_row)
        batch.actors.extend((pk, o) for o in row[_ACTOR_ORGS].split())
        batch.sources.extend((pk, s) for s in cited)
        batch.fts.append((row[_FTS_KEY], event.title, event.summary))
        if len(batch.versions) >= _BATCH:
            batch.flush(conn, pg, fts)
    batch.flush(conn, pg, fts)
    if pg and new_count:
        # Keep the serial in step with the explicit keys.
        conn.execute(
            text("SELECT setval(pg_get_serial_sequence('event_version', 'pk'), :pk)"),
            {"pk": next_pk - 1},
        )
    to_close.extend(pk for eid, (pk, _) in current.items() if eid not in seen)
    for i in range(0, len(to_close), 500):
        chunk = to_close[i : i + 500]
        conn.execute(update(_EV).where(_EV.c.pk.in_(chunk)).values(valid_to=ordinal))
    return new_count, max_span


def _load_sources(
    conn: Connection, rf: ReleaseFolder, ordinal: int, pg: bool
) -> tuple[int, dict[str, bytes]]:
    """Insert the new versions of the release's sources; (count, every source's record by id).

    The records are kept for the event versions, which carry those they cite (tens of MB at a
    million events)."""
    bodies: dict[str, bytes] = {}
    open_rows = conn.execute(
        select(_SV.c.pk, _SV.c.source_id, _SV.c.content_sha256).where(_SV.c.valid_to == OPEN)
    ).all()
    current = {r.source_id: (r.pk, r.content_sha256) for r in open_rows}
    del open_rows
    seen: set[str] = set()
    to_close: list[int] = []
    rows: list[tuple[Any, ...]] = []
    new_count = 0
    for source, body in rf.sources():
        seen.add(source.id)
        bodies[source.id] = body
        row = _source_row(source, body, ordinal)
        old = current.get(source.id)
        if old is not None and old[1] == row[_SV_SHA]:
            continue
        if old is not None:
            to_close.append(old[0])
        rows.append(row)
        new_count += 1
        if len(rows) >= _BATCH:
            _insert_many(conn, _SV, _SV_NAMES, rows, pg)
            rows.clear()
    if rows:
        _insert_many(conn, _SV, _SV_NAMES, rows, pg)
    to_close.extend(pk for sid, (pk, _) in current.items() if sid not in seen)
    for i in range(0, len(to_close), 500):
        conn.execute(
            update(_SV).where(_SV.c.pk.in_(to_close[i : i + 500])).values(valid_to=ordinal)
        )
    return new_count, bodies


def _existing(conn: Connection, rf: ReleaseFolder) -> IngestResult | None:
    row = conn.execute(
        select(_R.c.ordinal, _R.c.sums_sha256).where(_R.c.version == rf.manifest.version)
    ).first()
    if row is None:
        return None
    if row.sums_sha256 != rf.sums_sha256:
        raise IngestError(
            f"release {rf.manifest.version} is already ingested with different content; "
            "a published release is immutable, publish a new version instead"
        )
    return IngestResult(rf.manifest.version, row.ordinal, loaded=False)


def ingest_release(engine: Engine, folder: Path) -> IngestResult:
    """Verify and load ``folder``; a no-op if that release is already loaded unchanged.

    Raises ``IngestError`` (nothing written) when the folder is tampered with, truncated,
    invalid, conflicts with an ingested release, or is older than the latest one.
    """
    rf = read_release_folder(folder)
    pg = is_postgres(engine)
    with engine.connect() as conn:
        found = _existing(conn, rf)
        if found is not None:
            return found
        conn.rollback()
        restore_journal = None if pg else _bulk_journal(conn)
        conn.rollback()  # the pragmas' (empty) transaction, so that the load begins its own
        try:
            with conn.begin():
                return _load_locked(conn, rf, pg)
        finally:
            if restore_journal is not None:
                conn.exec_driver_sql(f"PRAGMA journal_mode={restore_journal}")


def _bulk_journal(conn: Connection) -> str | None:
    """Into an empty SQLite database, write the load with a rollback journal rather than the
    write-ahead log: the log would take every page once and the checkpoint at commit copy it
    all again (a fifth of a million-event load), where the journal only keeps the few pages
    that existed before, so a failed load still rolls back to the empty database.

    Returns the mode to restore after the load, or None when nothing was switched: a
    database holding releases, or one another connection has open (a server reading it),
    keeps its log.
    """
    if conn.execute(select(func.count()).select_from(_R)).scalar_one():
        return None
    before = str(conn.exec_driver_sql("PRAGMA journal_mode").scalar()).lower()
    if before != "wal":
        return None
    now = str(conn.exec_driver_sql("PRAGMA journal_mode=DELETE").scalar()).lower()
    return "WAL" if now == "delete" else None


def _load_locked(conn: Connection, rf: ReleaseFolder, pg: bool) -> IngestResult:
    """``_load`` under the ingest's lock, with the ingest's page cache (SQLite)."""
    reader_cache = None
    if pg:
        conn.execute(text("SELECT pg_advisory_xact_lock(4202)"))
    else:
        # Index pages of a large load are touched in random order: a bigger page cache for
        # this connection turns most of that into memory writes. Restored below, so the
        # pooled connection goes back to readers with their own (small) budget.
        reader_cache = conn.exec_driver_sql("PRAGMA cache_size").scalar()
        conn.exec_driver_sql(f"PRAGMA cache_size = -{_INGEST_CACHE_KB}")
    try:
        return _load(conn, rf, pg)
    finally:
        if reader_cache is not None:
            conn.exec_driver_sql(f"PRAGMA cache_size = {int(reader_cache)}")


def _load(conn: Connection, rf: ReleaseFolder, pg: bool) -> IngestResult:
    """Write the release inside the open transaction (see ``ingest_release``)."""
    found = _existing(conn, rf)
    if found is not None:
        return found
    latest = conn.execute(
        select(_R.c.ordinal, _R.c.version).order_by(_R.c.ordinal.desc()).limit(1)
    ).first()
    if latest is not None and semver_key(latest.version) >= semver_key(rf.manifest.version):
        raise IngestError(
            f"release {rf.manifest.version} is not newer than the latest ingested "
            f"release {latest.version}; releases are ingested in version order"
        )
    ordinal = 1 if latest is None else latest.ordinal + 1
    previous_span = conn.execute(
        select(func.coalesce(func.max(_R.c.max_span_days), 0))
    ).scalar_one()
    m = rf.manifest
    conn.execute(
        insert(_R).values(
            ordinal=ordinal,
            version=m.version,
            schema_version=m.schema_version,
            date=m.date,
            previous=m.previous,
            sums_sha256=rf.sums_sha256,
            source_dir=str(rf.path),
            manifest_json=rf.manifest_raw.strip(),
            vocab_json=rf.vocab_raw,
            record_schema_json=rf.schema_raw.strip(),
            coverage_json=rf.coverage_json,
            changes_json=rf.changes_raw.strip(),
            csv_header=_csv_line(rf.csv_header),
        )
    )
    conn.execute(
        insert(_FILES),
        [
            {"ordinal": ordinal, "name": n, "bytes": size, "sha256": sha}
            for n, (size, sha) in sorted(rf.files.items())
        ],
    )
    fresh = latest is None  # an empty database: indexes are built after the rows
    deferred = _secondary_indexes() if fresh else []
    for index in deferred:
        index.drop(conn)
    n_sources, sources = _load_sources(conn, rf, ordinal, pg)
    with tempfile.TemporaryFile(prefix="faultlines-csv-") as spool:
        csv_lines = _CsvSpool(spool)
        n_events, span = _load_events(conn, rf, ordinal, pg, sources, csv_lines, fts=not fresh)
        del sources
        csv_lines.write(conn, pg)
    for index in deferred:
        index.create(conn)
    if fresh and not pg:
        conn.exec_driver_sql(_FTS_REBUILD)
    # Versions of earlier releases are bounded by their releases' spans.
    conn.execute(
        update(_R)
        .where(_R.c.ordinal == ordinal)
        .values(max_span_days=max(span, int(previous_span)))
    )
    if pg and (n_events or n_sources):
        # Fresh statistics for the planner, in the same transaction: without them PostgreSQL
        # guessed a handful of rows per release and answered a full-text page by filtering
        # every event of the release (110-135 ms at 100k events) instead of walking the date
        # index until the page is full (0.4-8 ms). ANALYZE samples a fixed number of rows, so
        # it takes about a second whatever the size.
        conn.execute(text(f"ANALYZE {', '.join(t.name for t in _ANALYZED)}"))
    conn.execute(delete(_CUR))
    conn.execute(insert(_CUR).values(id=1, ordinal=ordinal))
    return IngestResult(m.version, ordinal, True, n_events, n_sources)
