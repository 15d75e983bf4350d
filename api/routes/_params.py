"""Query parameters shared by the events list and the stats endpoint, and their resolution."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from litestar.params import QueryParameter
from msgspec import Meta
from sqlalchemy import Connection

from api.db.ingest import CONFIDENCE_RANK
from api.db.reads import ReleaseInfo, Store
from api.errors import BadRequest
from api.query.filters import EventFilters, fts_match_expression
from api.records import Confidence, EventType, Verification

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
    "MinConfidenceP",
    "SourceP",
    "VerificationP",
    "build_filters",
]

EventTypeP = Annotated[
    list[EventType] | None,
    QueryParameter(
        name="event_type", description="Event type(s); repeat for OR.", examples=[], required=False
    ),
]
ActorP = Annotated[
    list[Annotated[str, Meta(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]] | None,
    QueryParameter(
        name="actor",
        required=False,
        description="Organisation id(s) from /v1/actors; includes sub-organisations "
        "(irgc matches basij and quds_force). Repeat for OR.",
    ),
]
CountryP = Annotated[
    list[Annotated[str, Meta(pattern=r"^[A-Z]{2}$")]] | None,
    QueryParameter(name="country", required=False, description="ISO 3166-1 alpha-2 code(s)."),
]
Admin1P = Annotated[
    list[Annotated[str, Meta(pattern=r"^[A-Z]{2}-[0-9A-Z]{1,3}$")]] | None,
    QueryParameter(name="admin1", required=False, description="ISO 3166-2 code(s), e.g. IR-23."),
]
CampaignP = Annotated[
    list[Annotated[str, Meta(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]] | None,
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
    dt.date | None,
    QueryParameter(
        name="date_from",
        required=False,
        description="Start of the date window (ISO date, inclusive).",
    ),
]
DateToP = Annotated[
    dt.date | None,
    QueryParameter(
        name="date_to", required=False, description="End of the date window (ISO date, inclusive)."
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
        description="Full-text search over titles and summaries (all words must match).",
    ),
]


def _descendants(
    store: Store, conn: Connection, release: ReleaseInfo, roots: list[str]
) -> list[str]:
    orgs = store.vocab(conn, release).organisations
    known = {o.id for o in orgs}
    for r in roots:
        if r not in known:
            raise BadRequest.param("actor", f"unknown organisation {r!r}; see /v1/actors")
    children: dict[str, list[str]] = {}
    for o in orgs:
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
    store: Store,
    conn: Connection,
    release: ReleaseInfo,
    params: dict[str, Any],
) -> EventFilters:
    """Validate cross-field rules and build the ``EventFilters`` of a request."""
    date_from, date_to = params.get("date_from"), params.get("date_to")
    if date_from and date_to and date_from > date_to:
        raise BadRequest.param("date_to", "must not be before date_from")
    q = params.get("q")
    if q is not None and not fts_match_expression(q):
        raise BadRequest.param("q", "must contain at least one word")
    actors = params.get("actor") or []
    min_conf = params.get("min_confidence")
    return EventFilters(
        event_type=[str(v) for v in params.get("event_type") or []],
        actor=_descendants(store, conn, release, actors) if actors else [],
        country=list(params.get("country") or []),
        admin1=list(params.get("admin1") or []),
        campaign=list(params.get("campaign") or []),
        source=list(params.get("source") or []),
        verification=[str(v) for v in params.get("verification") or []],
        min_confidence=None if min_conf is None else CONFIDENCE_RANK[str(min_conf)],
        date_from=date_from,
        date_to=date_to,
        date_match=params.get("date_match") or "overlaps",
        q=q,
    )
