"""The event filters accepted by ``/v1/events`` and ``/v1/stats/events``, declared once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal, TypedDict

from faultlines._params import Params, ParamValue, build_params

__all__ = ["EventFilters", "Many", "event_params"]

Many = str | Sequence[str]
"""One value, or several (repeated parameter: OR within the field)."""


class EventFilters(TypedDict, total=False):
    """Filters of an events query; fields are ANDed, several values of one field are ORed."""

    event_type: Many
    """Codebook type(s), e.g. ``"desertion"``."""
    actor: Many
    """Organisation id(s); sub-organisations are included (``irgc`` matches the Basij)."""
    country: Many
    """ISO 3166-1 alpha-2 code(s)."""
    admin1: Many
    """ISO 3166-2 code(s) of the first-level division."""
    campaign: Many
    """Campaign id(s)."""
    source: Many
    """Source id(s) cited by the event's reports."""
    verification: Many
    """Verification level(s)."""
    min_confidence: Literal["low", "medium", "high"]
    """Lowest coder confidence to include."""
    date_from: dt.date | str
    """Start of the date window: a ``date``, ``datetime`` or pandas ``Timestamp`` (sent as its
    day, ``YYYY-MM-DD``), or an ISO date string."""
    date_to: dt.date | str
    """End of the date window (inclusive), given like ``date_from``."""
    date_match: Literal["overlaps", "within"]
    """``overlaps`` (default): the event's interval meets the window; ``within``: inside it."""
    q: str
    """Full-text search over titles and summaries."""
    release: str
    """Release version to query (as of that release); latest by default."""


def event_params(filters: EventFilters, **extra: ParamValue) -> Params:
    """Query parameters for ``filters`` plus endpoint-specific ones (``None`` left out)."""
    return build_params(**filters, **extra)
