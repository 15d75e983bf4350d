"""The explorer's URL state: the filters of ``/events`` and the links derived from them.

The page's query string *is* the API's: the same parameter names and values, so a page can
show the exact API URL, CSV and GeoJSON download and SDK call that return what it shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from api.web._internal import Params, query_string

__all__ = [
    "FILTERS",
    "MULTI",
    "Toggles",
    "api_links",
    "clean",
    "filters_only",
    "sdk_call",
    "selected",
    "toggle",
    "without",
]

FILTERS = (
    "event_type",
    "actor",
    "country",
    "admin1",
    "campaign",
    "source",
    "verification",
    "min_confidence",
    "date_from",
    "date_to",
    "date_match",
    "q",
)
"""Filter parameters of ``/v1/events`` and ``/v1/stats/events``, in the form's order."""
MULTI = frozenset(
    {"event_type", "actor", "country", "admin1", "campaign", "source", "verification"}
)
"""Filters that may be repeated (OR within the field)."""


def clean(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The pairs with empty values dropped (an empty form field means "any")."""
    return [(k, v.strip()) for k, v in pairs if v.strip() != ""]


def without(params: Params, *names: str) -> list[tuple[str, str]]:
    """``params`` without the named parameters."""
    return [(k, v) for k, v in params if k not in names]


def filters_only(params: Params) -> list[tuple[str, str]]:
    """The filter parameters (and ``release``) of ``params``: what a stats call takes."""
    keep = {*FILTERS, "release"}
    return [(k, v) for k, v in params if k in keep]


def selected(params: Params, name: str) -> list[str]:
    """Values given for ``name``."""
    return [v for k, v in params if k == name]


def toggle(params: Params, name: str, value: str) -> str:
    """Query string with ``name=value`` added, or removed when present; paging restarts."""
    return Toggles(params)(name, value)


class Toggles:
    """``toggle`` for many values of one query: each parameter is encoded once.

    A page of facets links a hundred values; encoding the whole query for each link was a
    fifth of the events page's time.
    """

    def __init__(self, params: Params) -> None:
        self._pairs = [(k, v, query_string([(k, v)])) for k, v in without(params, "cursor")]

    def __call__(self, name: str, value: str) -> str:
        """Query string with ``name=value`` added, or removed when present."""
        pairs = self._pairs
        if any(k == name and v == value for k, v, _ in pairs):
            kept = [enc for k, v, enc in pairs if not (k == name and v == value)]
        elif name in MULTI:
            kept = [enc for _, _, enc in pairs] + [query_string([(name, value)])]
        else:
            kept = [enc for k, _, enc in pairs if k != name] + [query_string([(name, value)])]
        return "&".join(kept)


_BY_YEAR_AND_TYPE = (("group_by", "year"), ("group_by", "event_type"))


def api_links(params: Params) -> dict[str, str]:
    """The API URLs answering the same query: JSON page, CSV, GeoJSON, NDJSON and stats."""
    page = without(params, "cursor")
    full = without(page, "limit")
    stats = filters_only(params)
    return {
        "json": "/v1/events" + _q(page),
        "csv": "/v1/events" + _q([*full, ("format", "csv")]),
        "geojson": "/v1/events" + _q([*full, ("format", "geojson")]),
        "ndjson": "/v1/events" + _q([*full, ("format", "ndjson")]),
        "stats": "/v1/stats/events"
        + _q([("group_by", "year"), ("group_by", "event_type"), *stats]),
    }


def _q(params: Sequence[tuple[str, str]]) -> str:
    return "?" + query_string(params) if params else ""


def sdk_call(params: Params) -> str:
    """The ``faultlines`` SDK call returning the same events as a DataFrame."""
    args: list[str] = []
    for name in (*FILTERS, "release"):
        values = selected(params, name)
        if not values:
            continue
        if name in MULTI and len(values) > 1:
            args.append(f"{name}={values!r}")
        else:
            args.append(f"{name}={values[0]!r}")
    inner = ", ".join(args)
    return (
        "import faultlines\n\n"
        "with faultlines.Client() as client:\n"
        f"    df = client.events.to_pandas({inner})"
    )
