"""Query parameters shared by the events list and the stats endpoint, and their resolution."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from litestar.params import QueryParameter
from msgspec import Meta
from sqlalchemy import Connection

from api.db.ingest import CONFIDENCE_RANK
from api.db.reads import ReleaseInfo, Store
from api.errors import BadRequest
from api.query.filters import EventFilters
from api.query.fulltext import parse_fulltext
from api.records import Confidence, EventType, Verification
from api.routes._vocabulary import resolve

__all__ = [
    "QP",
    "ActorP",
    "Admin1P",
    "CampaignP",
    "CountryP",
    "DateFromP",
    "DateMatchP",
    "DateToP",
    "EventTypeP",
    "FilterParams",
    "MinConfidenceP",
    "SourceP",
    "VerificationP",
    "build_filters",
    "parse_date_bound",
]

EventTypeP = Annotated[
    list[EventType] | None,
    QueryParameter(
        name="event_type", description="Event type(s); repeat for OR.", examples=[], required=False
    ),
]
ActorP = Annotated[
    list[Annotated[str, Meta(max_length=64)]] | None,
    QueryParameter(
        name="actor",
        required=False,
        description="Organisation(s) by id or by an alias that /v1/actors lists (any letter "
        "case: irgc, IRGC, Sepah); includes sub-organisations (irgc matches basij and "
        "quds_force). Repeat for OR.",
    ),
]
CountryP = Annotated[
    list[Annotated[str, Meta(max_length=2)]] | None,
    QueryParameter(
        name="country",
        required=False,
        description="ISO 3166-1 alpha-2 code(s) of the vocabulary, any letter case.",
    ),
]
Admin1P = Annotated[
    list[Annotated[str, Meta(max_length=6)]] | None,
    QueryParameter(
        name="admin1",
        required=False,
        description="ISO 3166-2 code(s) of the vocabulary, e.g. IR-23, any letter case.",
    ),
]
CampaignP = Annotated[
    list[Annotated[str, Meta(max_length=64)]] | None,
    QueryParameter(
        name="campaign", required=False, description="Campaign id(s) from /v1/campaigns."
    ),
]
SourceP = Annotated[
    list[Annotated[str, Meta(pattern=r"^SRC-[0-9]{6}$")]] | None,
    QueryParameter(
        name="source",
        required=False,
        description="Source id(s): events with a report citing one of them.",
    ),
]
VerificationP = Annotated[
    list[Verification] | None,
    QueryParameter(name="verification", required=False, description="Verification level(s)."),
]
MinConfidenceP = Annotated[
    Confidence | None,
    QueryParameter(
        name="min_confidence",
        required=False,
        description="Lowest coder confidence to include (low < medium < high).",
    ),
]
DateFromP = Annotated[
    str | None,
    QueryParameter(
        name="date_from",
        required=False,
        max_length=10,
        description="Start of the date window, inclusive: YYYY-MM-DD, or YYYY-MM / YYYY for "
        "the first day of that month / year.",
    ),
]
DateToP = Annotated[
    str | None,
    QueryParameter(
        name="date_to",
        required=False,
        max_length=10,
        description="End of the date window, inclusive: YYYY-MM-DD, or YYYY-MM / YYYY for the "
        "last day of that month / year (date_to=2022 is through 2022-12-31). A window ending "
        "before it starts matches no event.",
    ),
]
DateMatchP = Annotated[
    Literal["overlaps", "within"],
    QueryParameter(
        name="date_match",
        required=False,
        description="overlaps: the event's interval meets the window; within: it lies "
        "entirely inside the window.",
    ),
]
QP = Annotated[
    str | None,
    QueryParameter(
        name="q",
        required=False,
        min_length=1,
        max_length=200,
        description="Full-text search over titles and summaries, stemmed (resign finds "
        'resigned and resignation): every word must match; "a phrase"; a OR b; prefix*. '
        "English stop words are ignored; a query with no other word matches no event. "
        "Same matches on every backend.",
    ),
]


@dataclass(frozen=True, kw_only=True)
class FilterParams:
    """The filter parameters of an events or stats request, as the handler received them."""

    event_type: list[EventType] | None = None
    actor: list[str] | None = None
    country: list[str] | None = None
    admin1: list[str] | None = None
    campaign: list[str] | None = None
    source: list[str] | None = None
    verification: list[Verification] | None = None
    min_confidence: Confidence | None = None
    date_from: str | None = None
    date_to: str | None = None
    date_match: Literal["overlaps", "within"] = "overlaps"
    q: str | None = None


_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def parse_date_bound(name: str, value: str | None, *, end: bool) -> dt.date | None:
    """A window bound from YYYY-MM-DD, YYYY-MM or YYYY: the first day of a month or year for
    the start of a window, the last day for its end."""
    if value is None:
        return None
    match = _DATE.fullmatch(value)
    try:
        if match is None:
            raise ValueError(value)
        year, month, day = match.group(1, 2, 3)
        if day is not None:
            return dt.date(int(year), int(month), int(day))
        if month is not None:
            first = dt.date(int(year), int(month), 1)
            if not end:
                return first
            return (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return dt.date(int(year), 12, 31) if end else dt.date(int(year), 1, 1)
    except (ValueError, OverflowError):
        raise BadRequest.param(
            name, f"'{value}' is not a date; use YYYY-MM-DD (or YYYY-MM, or YYYY)"
        ) from None


def _descendants(
    store: Store, conn: Connection, release: ReleaseInfo, roots: list[str]
) -> list[str]:
    children: dict[str, list[str]] = {}
    for o in store.vocab(conn, release).organisations:
        if o.parent:
            children.setdefault(o.parent, []).append(o.id)
    out: set[str] = set()
    stack = list(roots)
    while stack:
        org = stack.pop()
        if org not in out:
            out.add(org)
            stack.extend(children.get(org, []))
    return sorted(out)


def build_filters(
    store: Store, conn: Connection, release: ReleaseInfo, params: FilterParams
) -> EventFilters:
    """Resolve vocabulary values and dates and build the ``EventFilters`` of a request.

    Unknown organisations, campaigns, countries and admin1 codes are a 400 naming the closest
    value (``api.routes._vocabulary``); organisation aliases become their ids.
    """
    actors = resolve("actor", params.actor)
    return EventFilters(
        event_type=[str(v) for v in params.event_type or []],
        actor=_descendants(store, conn, release, actors) if actors else [],
        country=resolve("country", params.country),
        admin1=resolve("admin1", params.admin1),
        campaign=resolve("campaign", params.campaign),
        source=list(params.source or []),
        verification=[str(v) for v in params.verification or []],
        min_confidence=None
        if params.min_confidence is None
        else CONFIDENCE_RANK[str(params.min_confidence)],
        date_from=parse_date_bound("date_from", params.date_from, end=False),
        date_to=parse_date_bound("date_to", params.date_to, end=True),
        date_match=params.date_match,
        q=None if params.q is None else parse_fulltext(params.q),
    )
