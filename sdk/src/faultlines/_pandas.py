"""Events as a pandas DataFrame (the ``pandas`` extra), one row per event, typed columns.

Columns follow the release's ``events.csv`` (see ``_flatten``), with dtypes instead of text:
dates as ``datetime64``, vocabularies as ``category`` (every member of the vocabulary as a
category, so an empty selection still knows them), counts as nullable ``Int64``, coordinates as
``Float64``, free text as ``string``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from faultlines._flatten import CATEGORIES, COLUMNS, DATES, FLOATS, INTS, TEXT, event_row
from faultlines._generated import models as m

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["events_frame"]


def events_frame(events: Iterable[m.Event]) -> pd.DataFrame:
    """Build the typed DataFrame of ``events`` (see the module docstring for the dtypes)."""
    try:
        import pandas as pd
    except ImportError as exc:  # the optional extra
        raise ImportError("to_pandas() needs pandas: pip install 'faultlines[pandas]'") from exc
    rows = [event_row(event) for event in events]
    frame = pd.DataFrame.from_records(rows, columns=list(COLUMNS))
    for name, enum in CATEGORIES.items():
        frame[name] = pd.Categorical(frame[name], categories=[e.value for e in enum])
    for name in DATES:
        frame[name] = pd.to_datetime(frame[name])
    for name in INTS:
        frame[name] = frame[name].astype("Int64")
    for name in FLOATS:
        frame[name] = frame[name].astype("Float64")
    for name in TEXT:
        frame[name] = frame[name].astype("string")
    return frame
