"""Query-string building: repeated parameters for lists, ISO dates, ``None`` left out.

Dates go out as ``YYYY-MM-DD`` whatever the caller holds: a ``datetime.date``, a
``datetime.datetime`` or a pandas ``Timestamp`` (a ``datetime`` subclass) all name a day, and
the API's date parameters take days, not instants.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import Enum

__all__ = ["ParamValue", "Params", "build_params"]

Scalar = str | int | float | bool | dt.date | Enum
"""One value of a query parameter."""
ParamValue = Scalar | Iterable[Scalar] | None
"""A parameter value: a scalar, several (repeated parameter = OR), or ``None`` (omitted)."""
Params = list[tuple[str, str | int | float | bool | None]]
"""Encoded query parameters, in order, repeats allowed."""


def _encode(value: Scalar) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):  # before date: datetime (and Timestamp) is a subclass
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def build_params(**values: ParamValue) -> Params:
    """Encode keyword arguments as query parameters; a list becomes a repeated parameter."""
    params: Params = []
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, str | int | float | bool | dt.date | Enum):
            params.append((name, _encode(value)))
        else:
            params.extend((name, _encode(item)) for item in value)
    return params
