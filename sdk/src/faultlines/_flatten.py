"""Events flattened to one row of scalars each, as in the release's ``events.csv``.

Lists become ``;``-joined ids; estimates become ``<what>_<low|best|high>`` columns.
Shared by the CLI's CSV/table output and ``to_pandas``.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from msgspec import UNSET

from faultlines._generated import models as m

__all__ = ["CATEGORIES", "COLUMNS", "DATES", "FLOATS", "INTS", "TEXT", "event_row"]

CATEGORIES: dict[str, type[Enum]] = {
    "status": m.EventStatus,
    "event_type": m.EventType,
    "date_precision": m.DatePrecision,
    "date_basis": m.DateBasis,
    "geo_precision": m.GeoPrecision,
    "verification": m.Verification,
    "confidence": m.Confidence,
}
DATES = ("date_start", "date_end")
INTS = tuple(
    f"{what}_{bound}"
    for what in ("participants", "cases", "killed", "arrested")
    for bound in ("low", "best", "high")
)
FLOATS = ("latitude", "longitude")
TEXT = (
    "id", "merged_into", "title", "country", "admin1", "place_name", "actor_organisations",
    "campaign", "source_ids",
)  # fmt: skip

COLUMNS: tuple[str, ...] = (
    "id", "status", "merged_into", "event_type", "title", "date_start", "date_end",
    "date_precision", "date_basis", "country", "admin1", "place_name", "latitude", "longitude",
    "geo_precision", "actor_organisations", "campaign", *INTS, "verification", "confidence",
    "source_ids",
)  # fmt: skip
"""Column order of the DataFrame."""


def _value(value: Any) -> Any:
    if value is UNSET:
        return None
    if isinstance(value, Enum):
        return value.value
    return value


def event_row(event: m.Event) -> dict[str, Any]:
    """One flat row for ``event`` (``None`` for anything absent)."""
    place = event.location
    row: dict[str, Any] = {
        "id": event.id,
        "status": event.status,
        "merged_into": event.merged_into,
        "event_type": event.event_type,
        "title": event.title,
        "date_start": event.date_start,
        "date_end": event.date_end,
        "date_precision": event.date_precision,
        "date_basis": event.date_basis,
        "country": place.country,
        "admin1": place.admin1,
        "place_name": place.place_name,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "geo_precision": place.geo_precision,
        "actor_organisations": ";".join(dict.fromkeys(a.organisation for a in event.actors)),
        "campaign": event.campaign,
        "verification": event.verification,
        "confidence": event.confidence,
        "source_ids": ";".join(dict.fromkeys(r.source for r in event.reports)),
    }
    magnitudes = _value(event.magnitudes)
    for what in ("participants", "cases", "killed", "arrested"):
        estimate = _value(getattr(magnitudes, what, None)) if magnitudes is not None else None
        for bound in ("low", "best", "high"):
            row[f"{what}_{bound}"] = (
                _value(getattr(estimate, bound)) if estimate is not None else None
            )
    return {name: _value(value) for name, value in row.items()}
