"""Plain-words renderings of coded fields: dates, magnitudes, places, terms.

Small pure functions used as template filters; each takes the API's JSON values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

__all__ = [
    "date_phrase",
    "day_phrase",
    "magnitude_phrase",
    "number",
    "place_phrase",
]

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def number(value: int | float | None) -> str:
    """``5434`` -> ``"5,434"``; ``None`` -> ``"unknown"``."""
    if value is None:
        return "unknown"
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def day_phrase(value: str | None) -> str:
    """``"2022-09-16"`` -> ``"16 September 2022"`` (``""`` for ``None``)."""
    if not value:
        return ""
    d = dt.date.fromisoformat(value)
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def _month(d: dt.date) -> str:
    return f"{_MONTHS[d.month - 1]} {d.year}"


def _interval(start: dt.date, end: dt.date, precision: str) -> str:
    if precision == "year":
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if precision in ("month", "quarter"):
        if (start.year, start.month) == (end.year, end.month):
            return _month(start)
        if start.year == end.year:
            # "September–October 2022" rather than "September 2022–October 2022"
            return f"{_MONTHS[start.month - 1]}–{_MONTHS[end.month - 1]} {start.year}"
        return f"{_month(start)}–{_month(end)}"
    if precision == "week" and start != end:
        return f"the week of {day_phrase(start.isoformat())}"
    if start == end:
        return day_phrase(start.isoformat())
    if start.year == end.year and start.month == end.month:
        return f"{start.day}–{end.day} {_month(start)}"
    if start.year == end.year:
        return f"{start.day} {_MONTHS[start.month - 1]} – {day_phrase(end.isoformat())}"
    return f"{day_phrase(start.isoformat())} – {day_phrase(end.isoformat())}"


def date_phrase(start: str, end: str | None, precision: str, basis: str | None = None) -> str:
    """An event's date interval as a reader would say it, with its basis when inferred.

    ``("2022-09-01", "2022-10-31", "month", "inferred")`` -> ``"September–October 2022,
    inferred"``; a day-precision date is the day; a range spells both ends.
    """
    first = dt.date.fromisoformat(start)
    last = dt.date.fromisoformat(end) if end else first
    text = _interval(first, last, precision)
    return f"{text}, inferred" if basis == "inferred" else text


_QUALIFIER_WORDS = {"approx": "about", "at_least": "at least", "at_most": "at most"}


def magnitude_phrase(estimate: Mapping[str, Any] | None) -> str:
    """An estimate in words: ``{low: 5000, qualifier: at_least}`` -> ``"at least 5,000"``.

    The best value leads when there is one; a low-high range follows in brackets when it
    says more than the best value. An estimate with no number is ``"not known"``.
    """
    if not estimate:
        return "not known"
    low, best, high = estimate.get("low"), estimate.get("best"), estimate.get("high")
    qualifier = estimate.get("qualifier") or "unknown"
    if qualifier == "exact" and best is not None:
        return number(best)
    if qualifier == "at_least" and best is None and low is not None:
        return f"at least {number(low)}"
    if qualifier == "at_most" and best is None and high is not None:
        return f"at most {number(high)}"
    lead = best if best is not None else (low if low is not None else high)
    if lead is None:
        return "not known"
    words = _QUALIFIER_WORDS.get(qualifier, "")
    text = f"{words} {number(lead)}".strip()
    if low is not None and high is not None and low != high:
        text += f" ({number(low)}–{number(high)})"
    elif low is not None and high is None and best is not None and low != best:
        text += f" (at least {number(low)})"
    return text


def place_phrase(
    location: Mapping[str, Any],
    countries: Mapping[str, str],
    admin1_names: Mapping[str, str],
) -> str:
    """Place name, province and country, most specific first: ``"Tehran, Tehran (IR-23), Iran"``."""
    parts: list[str] = []
    if location.get("place_name"):
        parts.append(str(location["place_name"]))
    code = location.get("admin1")
    if code:
        parts.append(f"{admin1_names.get(code, code)} ({code})")
    country = location.get("country")
    if country:
        parts.append(countries.get(country, country))
    return ", ".join(parts) or "not known"
