"""The read path: SQLAlchemy Core queries returning pre-encoded JSON bytes, no ORM objects.

Release metadata is immutable, so it is cached per process by ordinal. The
``current_release`` pointer is what makes a new release visible to every worker at the same
moment: a pooled connection reads it on every request; a worker's own SQLite connection
(below) reads it only when ``PRAGMA data_version`` says another connection has committed
since its last look, which on a served database means an ingest.

One event by id is the hottest read and the cheapest: one indexed read of the event version,
which carries its record and the records of the sources it cites (built at ingest). On SQLite
it runs on a plain ``sqlite3`` connection owned by the calling thread (``Store.reader``), so a
handler can answer on the event loop without a pool checkout, SQLAlchemy's result processing
or a hop to a worker thread; on PostgreSQL it goes through the pool like every other read.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import msgspec
from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Engine,
    and_,
    column,
    func,
    literal_column,
    select,
    table,
    tuple_,
)
from sqlalchemy.sql import Select
from sqlalchemy.sql.visitors import replacement_traverse

from api._lru import LRU
from api.db.engine import SQLITE_CACHE_KB, is_postgres, sqlite_pragmas
from api.db.tables import (
    FTS_KEY_BITS,
    CurrentRelease,
    EventCsv,
    EventPayload,
    EventSource,
    EventVersion,
    Release,
    ReleaseFile,
    SourceVersion,
    fts_key,
)
from api.errors import NotFound, ServiceUnavailable
from api.query.filters import (
    EventFilters,
    fts_key_bounds,
    fts_match,
    visible_in,
    where_clauses,
)
from api.query.stats import event_span
from api.records import Vocabularies

__all__ = ["EVENT_COLUMNS", "TOTAL_CAP", "EventRow", "ReleaseInfo", "Store"]

EV = EventVersion.__table__  # type: ignore[attr-defined]
ES = EventSource.__table__  # type: ignore[attr-defined]
SV = SourceVersion.__table__  # type: ignore[attr-defined]
R = Release.__table__  # type: ignore[attr-defined]
CUR = CurrentRelease.__table__  # type: ignore[attr-defined]
RF = ReleaseFile.__table__  # type: ignore[attr-defined]

EP = EventPayload.__table__  # type: ignore[attr-defined]
ECSV = EventCsv.__table__  # type: ignore[attr-defined]

EVENT_COLUMNS = (EV.c.event_id, EV.c.date_start, EP.c.body)
# What a ReleaseInfo is read from, in the order _info expects.
_RELEASE_COLUMNS = (
    R.c.ordinal,
    R.c.version,
    R.c.schema_version,
    R.c.date,
    R.c.previous,
    R.c.source_dir,
    R.c.csv_header,
    R.c.max_span_days,
)
_CURRENT_SQL = "SELECT ordinal FROM current_release WHERE id = 1"
_EVENT_SQL = (
    "SELECT v.status, v.merged_into, v.status_reason, p.body, p.sources "
    "FROM event_version v JOIN event_payload p ON p.pk = v.pk "
    "WHERE v.event_id = :id AND v.valid_from <= :r AND v.valid_to > :r"
)
_PYFORMAT = re.compile(r":(\w+)")
_FTS = table("event_fts", column("rowid"))
_LAST_VERSION = (1 << FTS_KEY_BITS[1]) - 1
TOTAL_CAP = 10_000
"""Most matches ``count_events`` counts exactly (beyond: "at least this many")."""


@dataclass(frozen=True)
class ReleaseInfo:
    """Immutable metadata of an ingested release (``latest``: it is the current one)."""

    ordinal: int
    version: str
    schema_version: str
    date: dt.date | None
    previous: str | None
    source_dir: str
    csv_header: str
    max_span_days: int = 0
    latest: bool = False

    @cached_property
    def detail_tail(self) -> bytes:
        """What closes every ``/v1/events/{id}`` body of this release: its ``meta``."""
        meta = {"release": self.version, "schema_version": self.schema_version}
        return b',"meta":' + msgspec.json.encode(meta) + b"}"


@dataclass(frozen=True, slots=True)
class EventRow:
    """The version of an event valid in a release: its status, its pre-encoded record and the
    records of the sources it cites (a JSON array)."""

    status: str
    merged_into: str | None
    status_reason: str | None
    body: bytes
    sources: bytes


class DayCounts:
    """How many events start up to each day and end before each day (cumulative counts by
    distinct day, for binary search)."""

    __slots__ = ("_end_days", "_end_total", "_start_days", "_start_total", "total")

    def __init__(self, starts: Sequence[Any], ends: Sequence[Any]) -> None:
        self._start_days = [r[0] for r in starts]
        self._start_total = _running_totals(r[1] for r in starts)
        self._end_days = [r[0] for r in ends]
        self._end_total = _running_totals(r[1] for r in ends)
        self.total = self._start_total[-1]

    def starts_upto(self, day: dt.date | None) -> int:
        """Events starting on or before ``day`` (None: every event)."""
        if day is None:
            return self.total
        return self._start_total[bisect_right(self._start_days, day)]

    def ends_before(self, day: dt.date | None) -> int:
        """Events ending before ``day`` (None: none)."""
        if day is None:
            return 0
        return self._end_total[bisect_left(self._end_days, day)]


def _running_totals(counts: Iterable[int]) -> list[int]:
    """``[0, c0, c0 + c1, ...]``."""
    out = [0]
    for c in counts:
        out.append(out[-1] + c)
    return out


Conn = Connection | sqlite3.Connection
"""A connection of the pool, or (SQLite) the thread's own connection from ``Store.reader``."""


def _with_payload(source: Any, columns: Sequence[Any]) -> Any:
    """``source`` joined to ``event_payload`` (by version) and ``event_csv`` (by ``fts_key``)
    when ``columns`` read from them."""
    tables = {getattr(c, "table", None) for c in columns}
    if EP in tables:
        source = source.join(EP, EP.c.pk == EV.c.pk)
    if ECSV in tables:
        source = source.join(ECSV, ECSV.c.fts_key == EV.c.fts_key)
    return source


def _unindexed(clause: ColumnElement[bool]) -> ColumnElement[bool]:
    """``clause`` with every ``event_version`` column of its own level written ``+column``,
    which SQLite evaluates on the row but never uses to pick an index."""

    def plus(element: Any, **_: Any) -> Any:
        if isinstance(element, Column) and element.table is EV:
            return literal_column(f"+event_version.{element.name}", type_=element.type)
        if isinstance(element, Select):
            return element  # a subquery keeps its own plan
        return None

    opts: dict[str, Any] = {}
    return replacement_traverse(clause, opts, plus)


class _OwnConnection(sqlite3.Connection):
    """A thread's own connection, remembering the current release pointer it last read and
    the ``data_version`` it read it at."""

    seen_version: int = -1
    current: int | None = None


class _ThreadConnections:
    """One plain ``sqlite3`` connection per thread, opened on first use, for one-row reads.

    Reads outside a transaction (autocommit), so each statement sees the latest commit: a new
    release switched in by an ingest is seen by the next request, as with the pool.
    """

    def __init__(self, path: str, cache_kb: int) -> None:
        self._path = path
        self._cache_kb = cache_kb
        self._local = threading.local()

    def get(self) -> _OwnConnection:
        conn: _OwnConnection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(
                self._path, timeout=30, isolation_level=None, factory=_OwnConnection
            )
            sqlite_pragmas(conn, self._cache_kb)
            self._local.conn = conn
        return conn


@dataclass
class _Cache:
    releases: dict[int, ReleaseInfo] = field(default_factory=dict)
    flagged: dict[tuple[int, bool], ReleaseInfo] = field(default_factory=dict)
    vocab: dict[int, Vocabularies] = field(default_factory=dict)
    blobs: dict[tuple[int, str], bytes] = field(default_factory=dict)
    spans: dict[int, tuple[dt.date, dt.date] | None] = field(default_factory=dict)
    responses: LRU[str, bytes] = field(default_factory=lambda: LRU(_RESPONSE_CACHE_SIZE))
    statements: LRU[tuple[Any, ...], Select[Any]] = field(
        default_factory=lambda: LRU(_STATEMENT_CACHE_SIZE)
    )
    derived: dict[str, Any] = field(default_factory=dict)


_RESPONSE_CACHE_SIZE = 256
"""Aggregate response bodies kept per process (a few tens of kB each)."""
_FEW_MATCHES = 1000
"""A full-text query matching at most this many events (PostgreSQL) has its matches read first
and sorted: a rare word otherwise risked a walk of the whole date index (137 ms at 100k), and
more matches, sorted, cost more than the walk (7,600: 73 ms against 10 ms)."""
_STATEMENT_CACHE_SIZE = 256
"""Full-text list statements kept per process, by release, filters, order, page and columns:
a repeated search skips building its statement (a third of a full-text page's time at 100k
events). Only those: a statement is hundreds of objects, and keeping a thousand of the cheaper
filter statements cost more in garbage collection than it saved (a type + window page, 0.8 ->
1.0 ms)."""


class Store:
    """Read access to the database, shared by all handlers of one app."""

    def __init__(
        self,
        engine: Engine,
        cursor_secret: str = "faultlines-cursor-v1",
        sqlite_cache_kb: int = SQLITE_CACHE_KB,
    ) -> None:
        self.engine = engine
        self.cursor_secret = cursor_secret
        self.pg = is_postgres(engine)
        self._cache = _Cache()
        database = engine.url.database
        self._own: _ThreadConnections | None = None
        if not self.pg and database and database != ":memory:":
            self._own = _ThreadConnections(database, sqlite_cache_kb)

    def connect(self) -> Connection:
        """A connection from the pool (use as a context manager)."""
        return self.engine.connect()

    @property
    def reads_inline(self) -> bool:
        """Whether ``reader()`` answers from the calling thread's own SQLite connection:
        one-row reads then cost microseconds, and a handler may run them on the event loop."""
        return self._own is not None

    def reader(self) -> AbstractContextManager[Conn]:
        """A connection for the one-row reads of ``resolve`` and ``event``:
        the thread's own SQLite connection, else one from the pool."""
        if self._own is not None:
            return nullcontext(self._own.get())
        return self.engine.connect()

    def _rows(self, conn: Conn, sql: str, params: dict[str, Any]) -> list[Any]:
        """Rows of a one-row read, on either kind of connection."""
        if isinstance(conn, sqlite3.Connection):
            return conn.execute(sql, params).fetchall()
        return list(conn.exec_driver_sql(self._driver_sql(sql), params).all())

    # releases -----------------------------------------------------------------------------

    def current_ordinal(self, conn: Conn) -> int | None:
        """Ordinal of the release served by default, or None when none is loaded."""
        if isinstance(conn, _OwnConnection):
            # The pointer can only have moved if another connection committed since the last
            # look: one counter read instead of the pointer's (exact, not a time-to-live).
            version = conn.execute("PRAGMA data_version").fetchone()[0]
            if version == conn.seen_version:
                return conn.current
            conn.current = self._read_current(conn)
            conn.seen_version = version
            return conn.current
        return self._read_current(conn)

    def _read_current(self, conn: Conn) -> int | None:
        # Read on every request of the pool (a new release becomes visible to every worker at
        # once), so it skips statement compilation.
        rows = self._rows(conn, _CURRENT_SQL, {})
        return int(rows[0][0]) if rows else None

    def _info(self, conn: Connection, row: Any, current: int | None) -> ReleaseInfo:
        info = ReleaseInfo(
            ordinal=row.ordinal,
            version=row.version,
            schema_version=row.schema_version,
            date=row.date,
            previous=row.previous,
            source_dir=row.source_dir,
            csv_header=row.csv_header,
            max_span_days=row.max_span_days,
        )
        self._cache.releases[info.ordinal] = info
        return info

    def _with_latest(self, info: ReleaseInfo, current: int | None) -> ReleaseInfo:
        latest = info.ordinal == current
        if latest == info.latest:
            return info
        key = (info.ordinal, latest)
        flagged = self._cache.flagged.get(key)
        if flagged is None:
            flagged = self._cache.flagged[key] = replace(info, latest=latest)
        return flagged

    def releases(self, conn: Connection) -> list[ReleaseInfo]:
        """All releases, newest first."""
        current = self.current_ordinal(conn)
        rows = conn.execute(select(*_RELEASE_COLUMNS).order_by(R.c.ordinal.desc())).all()
        return [self._with_latest(self._info(conn, r, current), current) for r in rows]

    def resolve(self, conn: Conn, version: str | None) -> ReleaseInfo:
        """The release named ``version``, or the current one (``None`` or ``"latest"``);
        404 / 503 otherwise."""
        current = self.current_ordinal(conn)
        if version is None or version == "latest":
            if current is None:
                raise ServiceUnavailable("no release is loaded yet")
            cached = self._cache.releases.get(current)
            if cached is None:
                cached = self._fetch(conn, R.c.ordinal == current, current)
            return self._with_latest(cached, current)
        for info in self._cache.releases.values():
            if info.version == version:
                return self._with_latest(info, current)
        return self._with_latest(self._fetch(conn, R.c.version == version, current), current)

    def _fetch(self, conn: Conn, cond: Any, current: int | None) -> ReleaseInfo:
        if isinstance(conn, sqlite3.Connection):
            # Once per release and process: the query is built with SQLAlchemy, on the pool.
            with self.connect() as pooled:
                return self._fetch_on(pooled, cond, current)
        return self._fetch_on(conn, cond, current)

    def _fetch_on(self, conn: Connection, cond: Any, current: int | None) -> ReleaseInfo:
        row = conn.execute(select(*_RELEASE_COLUMNS).where(cond)).first()
        if row is None:
            versions = conn.execute(select(R.c.version).order_by(R.c.ordinal.desc())).scalars()
            raise NotFound(
                "no such release; the releases are "
                + (", ".join(versions) or "none yet")
                + " (listed by /v1/releases; 'latest' names the newest)",
                release=None,
            )
        return self._info(conn, row, current)

    def blob(self, conn: Connection, release: ReleaseInfo, column: str) -> bytes:
        """A JSON column of the release row (manifest, vocab, schema, coverage, changes)."""
        key = (release.ordinal, column)
        if key not in self._cache.blobs:
            value = conn.execute(
                select(R.c[column]).where(R.c.ordinal == release.ordinal)
            ).scalar_one()
            self._cache.blobs[key] = bytes(value)
        return self._cache.blobs[key]

    def event_span(self, conn: Connection, release: ReleaseInfo) -> tuple[dt.date, dt.date] | None:
        """First and last ``date_start`` of the release's active events, read once per release.

        Every stats request grouped by year or month needs it to fill empty buckets; reading it
        is a scan of the release (tens of ms at 100k events) and the answer never changes.
        """
        if release.ordinal not in self._cache.spans:
            self._cache.spans[release.ordinal] = event_span(conn, release.ordinal)
        return self._cache.spans[release.ordinal]

    def vocab(self, conn: Connection, release: ReleaseInfo) -> Vocabularies:
        """The release's vocabularies, decoded once."""
        if release.ordinal not in self._cache.vocab:
            raw = self.blob(conn, release, "vocab_json")
            self._cache.vocab[release.ordinal] = msgspec.json.decode(raw, type=Vocabularies)
        return self._cache.vocab[release.ordinal]

    def files(self, conn: Connection, release: ReleaseInfo) -> list[Any]:
        """(name, bytes, sha256) of every file of the release."""
        return list(
            conn.execute(
                select(RF.c.name, RF.c.bytes, RF.c.sha256)
                .where(RF.c.ordinal == release.ordinal)
                .order_by(RF.c.name)
            ).all()
        )

    def cached_body(self, key: str, compute: Callable[[], bytes]) -> bytes:
        """The body stored under ``key`` (an ETag), computing and keeping it when missing.

        For aggregates, whose cost grows with the data: a release is immutable and the ETag
        names the release and the query, so a stored body never goes stale. Least recently
        used bodies are dropped beyond ``_RESPONSE_CACHE_SIZE``.
        """
        body = self._cache.responses.get(key)
        if body is None:
            body = compute()
            self._cache.responses.put(key, body)
        return body

    # events -------------------------------------------------------------------------------

    def list_events(
        self,
        conn: Connection,
        release: ReleaseInfo,
        filters: EventFilters,
        *,
        descending: bool,
        limit: int | None,
        after: tuple[dt.date, str] | None,
        columns: Sequence[Any] = EVENT_COLUMNS,
    ) -> Iterator[Any]:
        """Matching active events in (date_start, id) order, after the keyset ``after``.

        With a full-text query on SQLite the page is read from the full-text index
        (``_matches``): FTS5 yields the matches in ``fts_key`` order, which is this order, so
        the page stops at its end however many match in all. On PostgreSQL the query's counts
        choose the plan (below).
        """
        key = None
        few = False
        if self._reads_matches(filters) and all(isinstance(c, Column) for c in columns):
            # Keyed by what the statement is built from (plain table columns by name: an
            # expression has no stable name to key by).
            names = tuple((c.table.name, c.name) for c in columns)
            key = (release.ordinal, filters.cache_key(), descending, limit, after, names)
        elif self.pg and filters.q is not None and not filters.q.empty:
            # PostgreSQL has no index returning matches in date order, and its estimate of a
            # query's matches can be far off. The (cached, capped) counts decide instead: no
            # match, no read; a query matching few events in all has them read from the
            # full-text index and sorted (bounded by _FEW_MATCHES); otherwise the planner
            # chooses, from fresh statistics, between that and walking the date order.
            if self.count_events(conn, release, filters)[0] == 0:
                return iter(())
            word_total = self.count_events(conn, release, EventFilters(q=filters.q))[0]
            few = word_total <= _FEW_MATCHES
        stmt = None if key is None else self._cache.statements.get(key)
        if stmt is None:
            stmt = self._list_statement(
                release, filters, descending, limit, after, columns, matches_first=few
            )
            if key is not None:
                self._cache.statements.put(key, stmt)
        return iter(conn.execute(stmt))

    def _list_statement(
        self,
        release: ReleaseInfo,
        filters: EventFilters,
        descending: bool,
        limit: int | None,
        after: tuple[dt.date, str] | None,
        columns: Sequence[Any],
        *,
        matches_first: bool = False,
    ) -> Select[Any]:
        """The list statement. ``matches_first`` (PostgreSQL full text with few matches) has
        the matching versions collected first, as a materialised set, then sorted."""
        if self._reads_matches(filters):
            stmt = self._matches(columns, release, filters)
            rowid = _FTS.c.rowid
            if after is not None:
                stmt = stmt.where(
                    rowid < fts_key(after[0], after[1], 0)
                    if descending
                    else rowid > fts_key(after[0], after[1], _LAST_VERSION)
                )
            order: tuple[Any, ...] = (rowid.desc(),) if descending else (rowid,)
        else:
            clauses = where_clauses(filters, release.ordinal, self.pg, release.max_span_days)
            key = tuple_(EV.c.date_start, EV.c.event_id)
            if after is not None:
                clauses.append(key < tuple_(*after) if descending else key > tuple_(*after))
            order = (
                (EV.c.date_start.desc(), EV.c.event_id.desc())
                if descending
                else (EV.c.date_start, EV.c.event_id)
            )
            source: Any = EV
            if matches_first:
                # The matches as a set first, then the page's keys, then its rows: only the
                # page's versions reach the payload.
                sort_key = (EV.c.pk, EV.c.date_start, EV.c.event_id)
                matched = (
                    select(*sort_key)
                    .where(and_(*clauses))
                    .cte("matched")
                    .prefix_with("MATERIALIZED")
                )
                m = matched.c
                page = select(m.pk).order_by(
                    *(
                        (m.date_start.desc(), m.event_id.desc())
                        if descending
                        else (m.date_start, m.event_id)
                    )
                )
                if limit is not None:
                    page = page.limit(limit)
                keys = page.subquery("page")
                source = EV.join(keys, keys.c.pk == EV.c.pk)
                clauses = []
            stmt = select(*columns).select_from(_with_payload(source, columns))
            if clauses:
                stmt = stmt.where(and_(*clauses))
        stmt = stmt.order_by(*order)
        if limit is not None:
            stmt = stmt.limit(limit)
        return stmt

    def count_events(
        self, conn: Connection, release: ReleaseInfo, filters: EventFilters
    ) -> tuple[int, bool]:
        """(count, exact) of the active events of ``release`` matching ``filters``.

        Without filters the count is the release's own (its manifest, free). Otherwise the
        count stops at ``TOTAL_CAP``: beyond it, ``(TOTAL_CAP, False)`` says "at least that
        many", so the first page of a broad query never pays for counting every match
        (docs/BENCHMARKS.md). A release is immutable, so a count is kept in the response cache
        and paging through a result costs one count, not one per page.
        """
        if filters == EventFilters():
            counts = msgspec.json.decode(self.blob(conn, release, "manifest_json"))["counts"]
            return int(counts["active"]), True
        key = f"count|{release.ordinal}|{filters.cache_key()}"

        def compute() -> bytes:
            if self._reads_matches(filters):
                # As the lists do, from the matches (the order makes SQLite drive the join from
                # the full-text index, which it otherwise does not for a count).
                rowid = _FTS.c.rowid
                matches = self._matches([rowid], release, filters).order_by(rowid)
                capped = matches.limit(TOTAL_CAP + 1).subquery()
            else:
                clauses = where_clauses(filters, release.ordinal, self.pg, release.max_span_days)
                capped = select(EV.c.pk).where(and_(*clauses)).limit(TOTAL_CAP + 1).subquery()
            return str(conn.execute(select(func.count()).select_from(capped)).scalar_one()).encode()

        window = self._window_count(conn, release, filters)
        n = int(self.cached_body(key, compute)) if window is None else window
        return min(n, TOTAL_CAP), n <= TOTAL_CAP

    def _window_count(
        self, conn: Connection, release: ReleaseInfo, filters: EventFilters
    ) -> int | None:
        """The exact count of events of some types (or all) overlapping a date window, from
        each type's cumulative counts by day; None for any other shape of query.

        An event overlaps ``[from, to]`` when it starts on or before ``to`` and does not end
        before ``from``; an event ending before ``from`` starts before ``to``, so the count is
        (starts up to ``to``) minus (ends before ``from``): two binary searches a type, where
        counting the window's index entries took 0.5-0.7 ms a page at 100k events.
        """
        only = EventFilters(
            event_type=filters.event_type, date_from=filters.date_from, date_to=filters.date_to
        )
        if filters != only or (
            filters.date_from is not None
            and filters.date_to is not None
            and filters.date_from > filters.date_to
        ):
            return None
        n = 0
        types: list[str | None] = [*sorted(set(filters.event_type))] or [None]
        for event_type in types:
            days = self._day_counts(conn, release, event_type)
            starts = days.starts_upto(filters.date_to)
            n += starts - days.ends_before(filters.date_from)
        return n

    def _day_counts(
        self, conn: Connection, release: ReleaseInfo, event_type: str | None
    ) -> DayCounts:
        """``DayCounts`` of the release's active events of ``event_type`` (None: all), read
        once per release and type (two grouped index reads)."""

        def compute() -> DayCounts:
            where = [EV.c.status == "active", visible_in(release.ordinal)]
            if event_type is not None:
                where.append(EV.c.event_type == event_type)
            return DayCounts(
                *(
                    conn.execute(
                        select(col, func.count()).where(*where).group_by(col).order_by(col)
                    ).all()
                    for col in (EV.c.date_start, EV.c.date_end)
                )
            )

        key = f"day-counts|{release.ordinal}|{event_type}"
        result: DayCounts = self.memo(key, compute)
        return result

    def count_sources(
        self, conn: Connection, release: ReleaseInfo, outlet_type: list[str], language: list[str]
    ) -> tuple[int, bool]:
        """(count, exact) of the sources of ``release`` with the given outlet types and
        languages, counted up to ``TOTAL_CAP`` like ``count_events``."""
        if not outlet_type and not language:
            counts = msgspec.json.decode(self.blob(conn, release, "manifest_json"))["counts"]
            return int(counts["sources"]), True
        clauses = self._source_clauses(release, outlet_type, language)
        capped = select(SV.c.source_id).where(*clauses).limit(TOTAL_CAP + 1).subquery()
        n = int(conn.execute(select(func.count()).select_from(capped)).scalar_one())
        return min(n, TOTAL_CAP), n <= TOTAL_CAP

    def _reads_matches(self, filters: EventFilters) -> bool:
        """Whether ``filters`` are answered from the full-text index (SQLite, a query with
        words)."""
        return not self.pg and filters.q is not None and not filters.q.empty

    @staticmethod
    def _matches(
        columns: Sequence[Any], release: ReleaseInfo, filters: EventFilters
    ) -> Select[Any]:
        """``columns`` of the full-text matches of ``filters`` (SQLite), joined to their versions
        by ``fts_key``: the match, the ``fts_key`` range of the date filter, and the other
        filters checked on each match's version. Versions of other releases match too, and
        are skipped."""
        assert filters.q is not None
        others = where_clauses(
            replace(filters, q=None), release.ordinal, False, release.max_span_days
        )
        # Each match is looked up by its key alone: a filter column SQLite could also index
        # (a type and a date range, say) would otherwise have it scan that range per match.
        clauses: list[Any] = [_unindexed(c) for c in others]
        clauses.append(fts_match(filters.q))
        low, high = fts_key_bounds(filters, release.max_span_days)
        if low is not None:
            clauses.append(_FTS.c.rowid >= low)
        if high is not None:
            clauses.append(_FTS.c.rowid < high)
        matches = _FTS.join(EV, EV.c.fts_key == _FTS.c.rowid)
        return select(*columns).select_from(_with_payload(matches, columns)).where(and_(*clauses))

    def _driver_sql(self, sql: str) -> str:
        # Hot one-row reads skip statement building and compilation (~10x less overhead than
        # a Core select); named parameters in the driver's own style.
        return _PYFORMAT.sub(r"%(\1)s", sql) if self.pg else sql

    def event(self, conn: Conn, release: ReleaseInfo, event_id: str) -> EventRow | None:
        """The version of ``event_id`` valid in ``release`` (any status), with its sources."""
        rows = self._rows(conn, _EVENT_SQL, {"id": event_id, "r": release.ordinal})
        if not rows:
            return None
        status, merged_into, reason, body, sources = rows[0]
        return EventRow(status, merged_into, reason, bytes(body), bytes(sources))

    def event_states(
        self, conn: Connection, ordinal: int, event_id: str | None = None
    ) -> dict[str, Any]:
        """event_id -> (status, merged_into, status_reason, content_sha256) in a release: of
        every event, or of ``event_id`` alone (one indexed read)."""
        stmt = select(
            EV.c.event_id,
            EV.c.status,
            EV.c.merged_into,
            EV.c.status_reason,
            EV.c.content_sha256,
        ).where(visible_in(ordinal))
        if event_id is not None:
            stmt = stmt.where(EV.c.event_id == event_id)
        return {r.event_id: r for r in conn.execute(stmt).all()}

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """A value derived from immutable data (a release's blob, say), kept per process."""
        cache = self._cache.derived
        if key not in cache:
            cache[key] = compute()
        return cache[key]

    # sources ------------------------------------------------------------------------------

    def list_sources(
        self,
        conn: Connection,
        release: ReleaseInfo,
        *,
        outlet_type: list[str],
        language: list[str],
        limit: int,
        after: str | None,
    ) -> list[Any]:
        """Sources of the release in id order, after ``after``."""
        clauses = self._source_clauses(release, outlet_type, language)
        if after is not None:
            clauses.append(SV.c.source_id > after)
        return list(
            conn.execute(
                select(SV.c.source_id, SV.c.body)
                .where(*clauses)
                .order_by(SV.c.source_id)
                .limit(limit)
            ).all()
        )

    @staticmethod
    def _source_clauses(
        release: ReleaseInfo, outlet_type: list[str], language: list[str]
    ) -> list[ColumnElement[bool]]:
        clauses = [SV.c.valid_from <= release.ordinal, SV.c.valid_to > release.ordinal]
        if outlet_type:
            clauses.append(SV.c.outlet_type.in_(outlet_type))
        if language:
            clauses.append(SV.c.language.in_(language))
        return clauses

    def source(self, conn: Connection, release: ReleaseInfo, source_id: str) -> bytes | None:
        """One source record as valid in ``release``."""
        value = conn.execute(
            select(SV.c.body).where(
                SV.c.source_id == source_id,
                SV.c.valid_from <= release.ordinal,
                SV.c.valid_to > release.ordinal,
            )
        ).scalar_one_or_none()
        return None if value is None else bytes(value)

    def events_citing(self, conn: Connection, release: ReleaseInfo, source_id: str) -> list[str]:
        """Ids of the active events of ``release`` whose reports cite ``source_id``."""
        rows = conn.execute(
            select(EV.c.event_id)
            .distinct()
            .join(ES, ES.c.version_pk == EV.c.pk)
            .where(
                ES.c.source_id == source_id, visible_in(release.ordinal), EV.c.status == "active"
            )
            .order_by(EV.c.event_id)
        ).all()
        return [r[0] for r in rows]

    def ping(self) -> None:
        """Raise if the database is unreachable."""
        with self.engine.connect() as conn:
            conn.execute(select(func.count()).select_from(CUR))
