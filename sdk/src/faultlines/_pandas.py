"""Events as a pandas DataFrame (the ``pandas`` extra): the release CSV's columns, typed.

The columns are the server's own: ``to_pandas`` reads ``/v1/events?format=csv`` and ``load``
reads a release's ``events.csv``, which have one layout (the API serves the release's rows).
The SDK keeps no column list of its own, only a dtype for each kind of column, so a column the
server adds later arrives as text rather than being dropped:

- ``date_start``, ``date_end``: ``datetime64``;
- closed vocabularies (``status``, ``event_type``, ``date_precision``, ``date_basis``,
  ``geo_precision``, ``verification``, ``confidence``, the ``*_qualifier`` columns):
  ``category`` whose categories are every member of the vocabulary, in the schema's order, so
  an empty selection still knows them; ``confidence`` (low < medium < high) is **ordered**, so
  ``frame[frame.confidence >= "medium"]`` works. Precision terms are not ordered: ``range``,
  ``multiple`` and ``unknown`` do not sit on the day-to-year or site-to-country scale;
- estimate bounds (``*_low``, ``*_best``, ``*_high``) and ``report_count``: nullable ``Int64``;
- ``latitude``, ``longitude``: ``Float64``;
- everything else (ids, text, ``;``-joined lists such as ``organisations``): ``string``.
"""

from __future__ import annotations

import io
import os
from enum import Enum
from typing import TYPE_CHECKING

from faultlines._generated import models as m

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ORDERED_TERMS", "TERMS", "events_frame", "require_pandas"]

TERMS: dict[str, type[Enum]] = {
    "status": m.EventStatus,
    "event_type": m.EventType,
    "date_precision": m.DatePrecision,
    "date_basis": m.DateBasis,
    "geo_precision": m.GeoPrecision,
    "verification": m.Verification,
    "confidence": m.Confidence,
}
"""Columns holding a closed vocabulary, and that vocabulary (``*_qualifier``: ``Qualifier``)."""
ORDERED_TERMS = frozenset({"confidence"})
"""Vocabularies whose members are ranked, in the schema's order (the API's ``min_confidence``)."""
_DATES = frozenset({"date_start", "date_end"})
_FLOATS = frozenset({"latitude", "longitude"})
_INT_SUFFIXES = ("_low", "_best", "_high")


def require_pandas(feature: str) -> None:
    """Raise a helpful ``ImportError`` when the ``pandas`` extra is missing."""
    try:
        import pandas  # noqa: F401
    except ImportError as exc:
        raise ImportError(f"{feature} needs pandas: pip install 'faultlines[pandas]'") from exc


def _vocabulary(column: str) -> type[Enum] | None:
    if column.endswith("_qualifier"):
        return m.Qualifier
    return TERMS.get(column)


def _categorical(values: pd.Series, enum: type[Enum], ordered: bool) -> pd.Categorical:
    import pandas as pd

    known = [str(member.value) for member in enum]
    # A term newer than this SDK is kept as an extra category, not silently turned into NA.
    extra = sorted(set(values.dropna()) - set(known))
    return pd.Categorical(values, categories=[*known, *extra], ordered=ordered)


def events_frame(csv: bytes | str | os.PathLike[str]) -> pd.DataFrame:
    """Read an events CSV (bytes of the API's ``format=csv``, or a file path) as a typed frame."""
    require_pandas("a DataFrame")
    import pandas as pd

    source = io.BytesIO(csv) if isinstance(csv, bytes) else csv
    # Every cell as text first: only empty cells are missing (a title "NA" stays a title).
    frame = pd.read_csv(source, dtype="string", keep_default_na=False, na_values=[""])
    for column in frame.columns:
        enum = _vocabulary(column)
        if enum is not None:
            frame[column] = _categorical(frame[column], enum, column in ORDERED_TERMS)
        elif column in _DATES:
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
        elif column in _FLOATS:
            frame[column] = pd.to_numeric(frame[column]).astype("Float64")
        elif column.endswith(_INT_SUFFIXES) or column == "report_count":
            frame[column] = pd.to_numeric(frame[column]).astype("Int64")
    return frame
