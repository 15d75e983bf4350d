"""The flat view of an event: one row per event, shared by the CSV, Parquet and SQLite files.

One table of columns drives all three files and the column docs in ``datapackage.json``, so
they cannot disagree. List-valued fields are joined with ``;`` (ids never contain one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from api.records import (
    Confidence,
    DateBasis,
    DatePrecision,
    Estimate,
    Event,
    EventStatus,
    EventType,
    GeoPrecision,
    Qualifier,
    Verification,
)

__all__ = ["COLUMNS", "Cell", "Column", "event_row"]

Cell = str | int | float | dt.date | None
Kind = Literal["string", "date", "integer", "number"]


@dataclass(frozen=True)
class Column:
    """A column of the flat event table."""

    name: str
    kind: Kind
    description: str
    get: Callable[[Event], Cell]
    enum: tuple[str, ...] | None = None
    required: bool = False


def _values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(m.value for m in enum)


def _joined(values: list[str]) -> str | None:
    return ";".join(values) if values else None


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _estimate(name: str) -> list[Column]:
    def part(field: str) -> Callable[[Event], Cell]:
        def get(e: Event) -> Cell:
            est: Estimate | None = getattr(e.magnitudes, name)
            if est is None:
                return None
            value: Cell = getattr(est, field)
            return value.value if isinstance(value, StrEnum) else value

        return get

    what = {
        "participants": "people who took part",
        "cases": "distinct incidents",
        "killed": "people killed",
        "arrested": "people arrested or detained",
    }[name]
    return [
        Column(f"{name}_low", "integer", f"Lower bound of {what}.", part("low")),
        Column(f"{name}_best", "integer", f"Best estimate of {what}.", part("best")),
        Column(f"{name}_high", "integer", f"Upper bound of {what}.", part("high")),
        Column(
            f"{name}_qualifier",
            "string",
            f"Qualifier of the {name} estimate; empty when not reported.",
            part("qualifier"),
            _values(Qualifier),
        ),
    ]


COLUMNS: tuple[Column, ...] = (
    Column("id", "string", "Stable event id (FL-NNNNNN).", lambda e: e.id, required=True),
    Column(
        "status",
        "string",
        "active, merged or retracted.",
        lambda e: e.status.value,
        _values(EventStatus),
        True,
    ),
    Column("merged_into", "string", "Surviving event of a merged event.", lambda e: e.merged_into),
    Column("status_reason", "string", "Why merged or retracted.", lambda e: e.status_reason),
    Column(
        "event_type",
        "string",
        "Codebook type.",
        lambda e: e.event_type.value,
        _values(EventType),
        True,
    ),
    Column("title", "string", "Title in the coder's words.", lambda e: e.title, required=True),
    Column(
        "summary", "string", "Summary in the coder's words.", lambda e: e.summary, required=True
    ),
    Column("date_start", "date", "First possible day.", lambda e: e.date_start, required=True),
    Column("date_end", "date", "Last possible day.", lambda e: e.date_end, required=True),
    Column(
        "date_precision",
        "string",
        "Precision of the date interval.",
        lambda e: e.date_precision.value,
        _values(DatePrecision),
        True,
    ),
    Column(
        "date_basis",
        "string",
        "stated or inferred.",
        lambda e: e.date_basis.value,
        _values(DateBasis),
        True,
    ),
    Column("date_note", "string", "How the dates were worked out.", lambda e: e.date_note),
    Column("country", "string", "ISO 3166-1 alpha-2.", lambda e: e.location.country, required=True),
    Column("admin1", "string", "ISO 3166-2 first-level division.", lambda e: e.location.admin1),
    Column(
        "place_name", "string", "Place as named by the source.", lambda e: e.location.place_name
    ),
    Column("latitude", "number", "WGS84 latitude.", lambda e: e.location.latitude),
    Column("longitude", "number", "WGS84 longitude.", lambda e: e.location.longitude),
    Column(
        "geo_precision",
        "string",
        "Precision of the place.",
        lambda e: e.location.geo_precision.value,
        _values(GeoPrecision),
        True,
    ),
    Column(
        "organisations",
        "string",
        "Actor organisation ids, in actor order, joined with ';'.",
        lambda e: _joined([a.organisation for a in e.actors]),
        required=True,
    ),
    Column(
        "roles",
        "string",
        "Actor roles, aligned with organisations, joined with ';'.",
        lambda e: _joined([a.role.value for a in e.actors]),
        required=True,
    ),
    Column(
        "rank_tiers",
        "string",
        "Actor rank tiers, aligned with organisations, joined with ';'.",
        lambda e: _joined([a.rank_tier.value for a in e.actors]),
        required=True,
    ),
    Column("campaign", "string", "Campaign id from vocab/campaigns.", lambda e: e.campaign),
    *_estimate("participants"),
    *_estimate("cases"),
    *_estimate("killed"),
    *_estimate("arrested"),
    Column(
        "related_events",
        "string",
        "Linked event ids joined with ';'.",
        lambda e: _joined(e.related_events),
    ),
    Column(
        "verification",
        "string",
        "How far the reports establish the event.",
        lambda e: e.verification.value,
        _values(Verification),
        True,
    ),
    Column(
        "confidence",
        "string",
        "Coder's confidence.",
        lambda e: e.confidence.value,
        _values(Confidence),
        True,
    ),
    Column(
        "report_count",
        "integer",
        "Number of reports backing the event.",
        lambda e: len(e.reports),
        required=True,
    ),
    Column(
        "source_ids",
        "string",
        "Distinct source ids of the reports, in report order, joined with ';'.",
        lambda e: _joined(_unique([r.source for r in e.reports])),
        required=True,
    ),
    Column(
        "claimant_types",
        "string",
        "Distinct claimant types of the reports, in report order, joined with ';'.",
        lambda e: _joined(_unique([r.claimant_type.value for r in e.reports])),
        required=True,
    ),
    Column("coder_notes", "string", "Caveats and coding decisions.", lambda e: e.coder_notes),
)
"""Columns of events.csv, events.parquet and the SQLite events table, in order."""


def event_row(event: Event) -> list[Cell]:
    """The event's cells, in column order."""
    return [col.get(event) for col in COLUMNS]
