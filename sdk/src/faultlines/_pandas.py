"""Events as a pandas DataFrame (the ``pandas`` extra), one row per event, typed columns.

Columns follow the release's ``events.csv`` (scalars flattened, lists joined with ``;``), with
dtypes instead of text: dates as ``datetime64``, vocabularies as ``category`` (all members of the
vocabulary as categories, so an empty selection still knows them), counts as nullable ``Int64``,
coordinates as ``Float64``, free text as ``string``.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import TYPE_CHECKING, Any

from msgspec import UNSET

from faultlines._generated import models as m

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "events_frame"]

_CATEGORIES: dict[str, type[Enum]] = {
    "status": m.EventStatus,
    "event_type": m.EventType,
    "date_precision": m.DatePrecision,
    "date_basis": m.DateBasis,
    "geo_precision": m.GeoPrecision,
    "verification": m.Verification,
    "confidence": m.Confidence,
}
_DATES = ("date_start", "date_end")
_INTS = tuple(
    f"{what}_{bound}"
    for what in ("participants", "cases", "killed", "arrested")
    for bound in ("low", "best", "high")
)
_FLOATS = ("latitude", "longitude")
_TEXT = (
    "id", "merged_into", "title", "country", "admin1", "place_name", "actor_organisations",
    "campaign", "source_ids",
)  # fmt: skip

COLUMNS: tuple[str, ...] = (
    "id", "status", "merged_into", "event_type", "title", "date_start", "date_end",
    "date_precision", "date_basis", "country", "admin1", "place_name", "latitude", "longitude",
    "geo_precision", "actor_organisations", "campaign", *_INTS, "verification", "confidence",
    "source_ids",
)  # fmt: skip
"""Column order of the DataFrame."""


def _value(value: Any) -> Any:
    if value is UNSET:
        return None
    if isinstance(value, Enum):
        return value.value
    return value


def _row(event: m.Event) -> dict[str, Any]:
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


def events_frame(events: Iterable[m.Event]) -> pd.DataFrame:
    """Build the typed DataFrame of ``events`` (see the module docstring for the dtypes)."""
    try:
        import pandas as pd
    except ImportError as exc:  # the optional extra
        raise ImportError("to_pandas() needs pandas: pip install 'faultlines[pandas]'") from exc
    rows = [_row(event) for event in events]
    frame = pd.DataFrame.from_records(rows, columns=list(COLUMNS))
    for name, enum in _CATEGORIES.items():
        frame[name] = pd.Categorical(frame[name], categories=[e.value for e in enum])
    for name in _DATES:
        frame[name] = pd.to_datetime(frame[name])
    for name in _INTS:
        frame[name] = frame[name].astype("Int64")
    for name in _FLOATS:
        frame[name] = frame[name].astype("Float64")
    for name in _TEXT:
        frame[name] = frame[name].astype("string")
    return frame
