"""Grouped counts and sums of best estimates for ``/v1/stats/events``.

A sum covers only the events that have a best estimate (``sum`` skips NULL), and beside each
sum is the number of such events (``<field>_known``); a group where none has one sums to
None, never to a zero that would read as "nobody".

Time buckets (``year``, ``month``) without events are present with zero counts
(``fill_time_buckets``): from the window's start to its end (``date_from`` / ``date_to``,
limited to the span of the release's events), or without a window from the first to the last
bucket that has events, for each value of the other dimension that has events.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from sqlalchemy import ColumnElement, Connection, and_, func, select

from api.db.tables import EventActor, EventVersion
from api.query.filters import EventFilters, visible_in, where_clauses

__all__ = [
    "DIMENSIONS",
    "SUMS",
    "TIME",
    "Dimension",
    "event_span",
    "facet_counts",
    "fill_time_buckets",
    "grouped_stats",
    "sort_rows",
]

EV = EventVersion.__table__  # type: ignore[attr-defined]
EA = EventActor.__table__  # type: ignore[attr-defined]

Dimension = Literal["year", "month", "event_type", "actor", "admin1", "campaign"]
DIMENSIONS: tuple[Dimension, ...] = ("year", "month", "event_type", "actor", "admin1", "campaign")
SUMS = ("participants", "cases", "killed", "arrested")
"""Magnitudes summed: ``<name>_best`` with ``<name>_known`` beside it."""
TIME = ("year", "month")


def _dim(name: Dimension, pg: bool) -> ColumnElement[Any]:
    # SQLite stores dates as ISO text: a prefix is the year or month, without parsing a date.
    if name == "year":
        expr = func.to_char(EV.c.date_start, "YYYY") if pg else func.substr(EV.c.date_start, 1, 4)
    elif name == "month":
        expr = (
            func.to_char(EV.c.date_start, "YYYY-MM") if pg else func.substr(EV.c.date_start, 1, 7)
        )
    elif name == "actor":
        expr = EA.c.organisation
    else:
        expr = EV.c[name]
    return expr.label(name)


def grouped_stats(
    conn: Connection,
    filters: EventFilters,
    ordinal: int,
    pg: bool,
    group_by: list[Dimension],
    max_span_days: int | None = None,
) -> list[dict[str, Any]]:
    """One dict per group: the dimension values, ``count``, and per magnitude the sum of the
    best estimates (None when no event has one) and the number of events that have one.

    Grouping by actor counts an event once under each organisation among its actors.
    """
    dims = [_dim(d, pg) for d in group_by]
    sums = [func.sum(EV.c[f"{s}_best"]).label(f"{s}_best") for s in SUMS]
    known = [func.count(EV.c[f"{s}_best"]).label(f"{s}_known") for s in SUMS]
    stmt = select(*dims, func.count(EV.c.pk).label("count"), *sums, *known).where(
        and_(*where_clauses(filters, ordinal, pg, max_span_days))
    )
    if "actor" in group_by:
        stmt = stmt.join_from(EV, EA, EA.c.version_pk == EV.c.pk)
    stmt = stmt.group_by(*dims)
    return sort_rows([dict(r._mapping) for r in conn.execute(stmt)], group_by)


def sort_rows(rows: list[dict[str, Any]], group_by: list[Dimension]) -> list[dict[str, Any]]:
    """Rows in group-key order, a missing value (None) first: the same on every backend
    (SQLite and PostgreSQL order NULL differently)."""
    return sorted(rows, key=lambda r: tuple((r[d] is not None, r[d] or "") for d in group_by))


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _bucket(day: dt.date, dim: str) -> str:
    return f"{day.year:04d}" if dim == "year" else f"{day.year:04d}-{day.month:02d}"


def fill_time_buckets(
    rows: list[dict[str, Any]],
    group_by: list[Dimension],
    window: tuple[dt.date | None, dt.date | None],
    span: tuple[dt.date, dt.date] | None,
) -> list[dict[str, Any]]:
    """``rows`` with a zero-count row for every empty time bucket (module docstring).

    ``window`` is the request's (date_from, date_to); ``span`` the first and last
    ``date_start`` of the release's active events (None when it has none).
    """
    time = "month" if "month" in group_by else "year" if "year" in group_by else None
    if time is None or span is None:
        return rows
    present = [r[time] for r in rows if r[time] is not None]
    start = max(window[0], span[0]) if window[0] else None
    end = min(window[1], span[1]) if window[1] else None
    first = _bucket(start, time) if start else min(present, default=None)
    last = _bucket(end, time) if end else max(present, default=None)
    if first is None or last is None or first > last:
        return rows
    buckets = (
        _months(first, last)
        if time == "month"
        else [f"{y:04d}" for y in range(int(first), int(last) + 1)]
    )
    others = [d for d in group_by if d not in TIME]
    # One series per value of the other dimension that has events (no events: no series).
    series = sorted({tuple(r[d] for d in others) for r in rows}, key=repr) if others else [()]
    have = {(r[time], *(r[d] for d in others)) for r in rows}
    out = list(rows)
    for key in series:
        for bucket in buckets:
            if (bucket, *key) in have:
                continue
            row: dict[str, Any] = dict(zip(others, key, strict=True))
            row[time] = bucket
            if "year" in group_by and time == "month":
                row["year"] = bucket[:4]
            row["count"] = 0
            for s in SUMS:
                row[f"{s}_best"], row[f"{s}_known"] = None, 0
            out.append(row)
    return sort_rows(out, group_by)


def event_span(conn: Connection, ordinal: int) -> tuple[dt.date, dt.date] | None:
    """First and last ``date_start`` of the active events of release ``ordinal``."""
    row = conn.execute(
        select(func.min(EV.c.date_start), func.max(EV.c.date_start)).where(
            EV.c.status == "active", visible_in(ordinal)
        )
    ).one()
    if row[0] is None:
        return None
    first, last = row
    # SQLite returns the ISO text of a date column through min/max.
    return (
        first if isinstance(first, dt.date) else dt.date.fromisoformat(first),
        last if isinstance(last, dt.date) else dt.date.fromisoformat(last),
    )


def facet_counts(
    conn: Connection,
    filters: EventFilters,
    ordinal: int,
    pg: bool,
    facets: list[Dimension],
    max_span_days: int | None = None,
) -> dict[Dimension, dict[str | None, int]]:
    """Per facet, the number of matching active events under each value (None: no value).

    Facets other than ``actor`` are grouped two at a time and summed here: an event has one
    value of each (one type, one start date, one campaign or none...), so the sums are the
    one-facet counts, and one pass serves two facets. The organisations of an event are read
    from its ``actor_orgs`` column (distinct, space-separated) rather than by joining
    ``event_actor``; the order and type indexes carry every facet column, so a type + date
    window or the whole release is counted from an index alone. An event counts once under
    each of its organisations, as ``grouped_stats`` counts it.
    """
    where = and_(*where_clauses(filters, ordinal, pg, max_span_days))
    out: dict[Dimension, dict[str | None, int]] = {name: {} for name in facets}
    single = [name for name in facets if name != "actor"]
    for pair in (single[i : i + 2] for i in range(0, len(single), 2)):
        cols = [_dim(name, pg) for name in pair]
        for row in conn.execute(select(*cols, func.count(EV.c.pk)).where(where).group_by(*cols)):
            n = int(row[-1])
            for name, value in zip(pair, row, strict=False):
                out[name][value] = out[name].get(value, 0) + n
    if "actor" in facets:
        orgs = EV.c.actor_orgs
        for value, n in conn.execute(select(orgs, func.count(EV.c.pk)).where(where).group_by(orgs)):
            for org in value.split():
                out["actor"][org] = out["actor"].get(org, 0) + int(n)
    return out
