"""The event filters, declared as a table: parameter -> SQL clause builder.

Repeated parameters are OR within a field (``IN``), fields are ANDed. Actor filters include
sub-organisations (expanded from the release's organisation hierarchy before they get here).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import ColumnElement, TextClause, and_, false, literal_column, select, text
from sqlalchemy.sql import func

from api.db.tables import EventActor, EventSource, EventVersion, fts_key
from api.query.fulltext import FullTextQuery, to_fts5, to_tsquery

__all__ = [
    "FILTERS",
    "EventFilters",
    "fts_key_bounds",
    "fts_match",
    "visible_in",
    "where_clauses",
]

EV = EventVersion.__table__  # type: ignore[attr-defined]
EA = EventActor.__table__  # type: ignore[attr-defined]
ES = EventSource.__table__  # type: ignore[attr-defined]


@dataclass
class EventFilters:
    """Validated filter values of an events query (empty list / None = no filter)."""

    event_type: list[str] = field(default_factory=list)
    actor: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    admin1: list[str] = field(default_factory=list)
    campaign: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    verification: list[str] = field(default_factory=list)
    min_confidence: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    date_match: Literal["overlaps", "within"] = "overlaps"
    q: FullTextQuery | None = None
    """Parsed ``q`` (``api.query.fulltext``)."""

    def cache_key(self) -> str:
        """A canonical text of the filter values (equal filters, equal keys)."""
        return repr(
            sorted(
                (k, repr(sorted(v) if isinstance(v, list) else v)) for k, v in vars(self).items()
            )
        )


def visible_in(ordinal: int) -> ColumnElement[bool]:
    """Event versions valid in release ``ordinal``."""
    return and_(EV.c.valid_from <= ordinal, EV.c.valid_to > ordinal)


def _in(col: str) -> Callable[[EventFilters, bool], ColumnElement[bool] | None]:
    def build(f: EventFilters, _pg: bool) -> ColumnElement[bool] | None:
        values = getattr(f, col)
        if not values:
            return None
        clause: ColumnElement[bool] = EV.c[col].in_(values)
        return clause

    return build


def _actor(f: EventFilters, _pg: bool) -> ColumnElement[bool] | None:
    if not f.actor:
        return None
    clause: ColumnElement[bool] = EV.c.pk.in_(
        select(EA.c.version_pk).where(EA.c.organisation.in_(f.actor))
    )
    return clause


def _source(f: EventFilters, _pg: bool) -> ColumnElement[bool] | None:
    if not f.source:
        return None
    clause: ColumnElement[bool] = EV.c.pk.in_(
        select(ES.c.version_pk).where(ES.c.source_id.in_(f.source))
    )
    return clause


def _confidence(f: EventFilters, _pg: bool) -> ColumnElement[bool] | None:
    return None if f.min_confidence is None else EV.c.confidence_rank >= f.min_confidence


def _dates(f: EventFilters, _pg: bool) -> ColumnElement[bool] | None:
    if f.date_from is not None and f.date_to is not None and f.date_from > f.date_to:
        return false()  # a window ending before it starts holds no event
    parts: list[ColumnElement[bool]] = []
    if f.date_match == "within":
        if f.date_from is not None:
            parts.append(EV.c.date_start >= f.date_from)
        if f.date_to is not None:
            parts.append(EV.c.date_end <= f.date_to)
    else:
        if f.date_from is not None:
            parts.append(EV.c.date_end >= f.date_from)
        if f.date_to is not None:
            parts.append(EV.c.date_start <= f.date_to)
    return and_(*parts) if parts else None


def _q(f: EventFilters, pg: bool) -> ColumnElement[bool] | None:
    if f.q is None:
        return None
    if f.q.empty:
        return false()
    if pg:
        return literal_column("event_version.tsv").op("@@")(
            func.to_tsquery("english", to_tsquery(f.q))
        )
    clause: ColumnElement[bool] = EV.c.fts_key.in_(
        select(literal_column("rowid")).select_from(text("event_fts")).where(fts_match(f.q))
    )
    return clause


def fts_match(q: FullTextQuery) -> TextClause:
    """``event_fts MATCH`` the query (SQLite)."""
    return text("event_fts MATCH :fts_q").bindparams(fts_q=to_fts5(q))


FILTERS: dict[str, Callable[[EventFilters, bool], ColumnElement[bool] | None]] = {
    "event_type": _in("event_type"),
    "actor": _actor,
    "country": _in("country"),
    "admin1": _in("admin1"),
    "campaign": _in("campaign"),
    "source": _source,
    "verification": _in("verification"),
    "min_confidence": _confidence,
    "date_from/date_to": _dates,
    "q": _q,
}
"""Parameter -> clause builder; a builder returns None when its parameter is absent."""


def _earliest_start(f: EventFilters, max_span_days: int | None) -> dt.date | None:
    """The earliest ``date_start`` of an event the date filter keeps, or None (no bound).

    ``within`` keeps events starting on or after ``date_from``. ``overlaps`` keeps events
    ending on or after it, and no version visible in the release has ``date_end -
    date_start`` above ``max_span_days`` (measured at ingest), so those start on or after
    ``date_from - max_span_days``.
    """
    if f.date_from is None:
        return None
    if f.date_match == "within":
        return f.date_from
    if max_span_days is None:
        return None
    with suppress(OverflowError):  # a bound before year 1 is no bound
        return f.date_from - dt.timedelta(days=max_span_days)
    return None


def _date_bounds(f: EventFilters, max_span_days: int | None) -> list[ColumnElement[bool]]:
    """A redundant bound on ``date_start`` that lets the index range-scan an overlap filter
    (``_earliest_start``); it never changes the result."""
    first = _earliest_start(f, max_span_days) if f.date_match == "overlaps" else None
    return [] if first is None else [EV.c.date_start >= first]


def fts_key_bounds(f: EventFilters, max_span_days: int | None) -> tuple[int | None, int | None]:
    """``fts_key`` bounds (low inclusive, high exclusive) of the versions the date filter can
    keep, from the same ``date_start`` bounds the index walks use; None: unbounded."""
    first = _earliest_start(f, max_span_days)
    after_last: dt.date | None = None
    if f.date_to is not None:
        with suppress(OverflowError):  # a bound after 9999-12-31 is no bound
            after_last = f.date_to + dt.timedelta(days=1)
    low = None if first is None else fts_key(first, "FL-000000", 0)
    high = None if after_last is None else fts_key(after_last, "FL-000000", 0)
    return low, high


def where_clauses(
    f: EventFilters,
    ordinal: int,
    pg: bool,
    max_span_days: int | None = None,
) -> list[ColumnElement[bool]]:
    """Clauses selecting the active events of release ``ordinal`` matching ``f``.

    ``max_span_days`` (the release's longest event interval) adds an index bound to overlap
    filters; None leaves them unbounded below.
    """
    out: list[ColumnElement[bool]] = [EV.c.status == "active", visible_in(ordinal)]
    for build in FILTERS.values():
        clause = build(f, pg)
        if clause is not None:
            out.append(clause)
    out.extend(_date_bounds(f, max_span_days))
    return out
