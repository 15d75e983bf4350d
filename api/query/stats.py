"""Grouped counts and sums of best estimates for ``/v1/stats/events``."""

from __future__ import annotations

from typing import Any, Literal

from sqlalchemy import ColumnElement, Connection, and_, func, select

from api.db.tables import EventActor, EventVersion
from api.query.filters import EventFilters, where_clauses

__all__ = ["DIMENSIONS", "Dimension", "grouped_stats"]

EV = EventVersion.__table__  # type: ignore[attr-defined]
EA = EventActor.__table__  # type: ignore[attr-defined]

Dimension = Literal["year", "month", "event_type", "actor", "admin1", "campaign"]
DIMENSIONS: tuple[Dimension, ...] = ("year", "month", "event_type", "actor", "admin1", "campaign")
_SUMS = ("participants_best", "cases_best", "killed_best", "arrested_best")


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
    """One dict per group: the dimension values, ``count`` and the sums of best estimates.

    Grouping by actor counts an event once under each organisation among its actors.
    """
    dims = [_dim(d, pg) for d in group_by]
    sums = [func.coalesce(func.sum(EV.c[s]), 0).label(s) for s in _SUMS]
    stmt = select(*dims, func.count(EV.c.pk).label("count"), *sums).where(
        and_(*where_clauses(filters, ordinal, pg, max_span_days))
    )
    if "actor" in group_by:
        stmt = stmt.join_from(EV, EA, EA.c.version_pk == EV.c.pk)
    stmt = stmt.group_by(*dims).order_by(*dims)
    return [dict(r._mapping) for r in conn.execute(stmt)]
