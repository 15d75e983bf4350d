"""The record types of schema v1: the single source of truth for events, reports and sources.

Evolution rules (msgspec's): new fields get defaults; a field's type never changes within a
major version; removing a field or an enum member is a major change.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec
from msgspec import Meta

from api.records._enums import (
    ActorRole,
    ClaimantType,
    Confidence,
    DateBasis,
    DatePrecision,
    EventStatus,
    EventType,
    GeoPrecision,
    OutletType,
    PersonBasis,
    Qualifier,
    RankTier,
    ReportStance,
    Verification,
)

__all__ = [
    "EVENT_ID_PATTERN",
    "SCHEMA_VERSION",
    "SOURCE_ID_PATTERN",
    "Actor",
    "Coverage",
    "Estimate",
    "Event",
    "Magnitudes",
    "Person",
    "Place",
    "Report",
    "Source",
]

SCHEMA_VERSION = "1.0.0"
"""Semantic version of the record schema defined in this module."""

EVENT_ID_PATTERN = r"^FL-[0-9]{6}$"
SOURCE_ID_PATTERN = r"^SRC-[0-9]{6}$"
_SLUG = r"^[a-z][a-z0-9_]*$"

EventId = Annotated[
    str, Meta(pattern=EVENT_ID_PATTERN, description="Stable event id, never reused.")
]
SourceId = Annotated[
    str, Meta(pattern=SOURCE_ID_PATTERN, description="Stable source id, never reused.")
]
Slug = Annotated[str, Meta(pattern=_SLUG, min_length=2, max_length=64)]
ShortText = Annotated[str, Meta(min_length=1, max_length=300)]
LongText = Annotated[str, Meta(min_length=1, max_length=4000)]
Count = Annotated[int, Meta(ge=0, le=100_000_000)]


class _Record(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, omit_defaults=False):
    """Common base: keyword-only, unknown fields rejected."""


class Person(_Record, kw_only=True):
    """A named person, allowed only under the safety policy (officials, commanders, or on record)."""  # noqa: E501 (docstring is in the published JSON Schema)

    name: Annotated[ShortText, Meta(description="Name as commonly transliterated in English.")]
    position: Annotated[
        Annotated[str, Meta(max_length=300)] | None,
        Meta(description="Office or command held at the time of the event."),
    ] = None
    basis: Annotated[
        PersonBasis,
        Meta(description="Why naming is allowed: public official, commander, or on the record."),
    ]


class Actor(_Record, kw_only=True):
    """An organisation taking part in an event, with the part it plays and its rank tier."""

    organisation: Annotated[
        Slug, Meta(description="Organisation id from the actor vocabulary (vocab/organisations).")
    ]
    role: Annotated[ActorRole, Meta(description="The part the actor plays in the event.")]
    rank_tier: Annotated[RankTier, Meta(description="Coarse rank of the members involved.")] = (
        RankTier.UNKNOWN
    )
    unit: Annotated[
        Annotated[str, Meta(max_length=200)] | None,
        Meta(description="Unit or branch as described by the source, if any."),
    ] = None
    people: Annotated[
        list[Person], Meta(description="Named people, only as the safety policy allows.")
    ] = []


class Estimate(_Record, kw_only=True):
    """A number reported with its uncertainty: low <= best <= high, and a qualifier."""

    low: Annotated[Count | None, Meta(description="Lower bound, if known.")] = None
    best: Annotated[Count | None, Meta(description="Best single estimate, if any.")] = None
    high: Annotated[Count | None, Meta(description="Upper bound, if known.")] = None
    qualifier: Annotated[
        Qualifier,
        Meta(description="exact, approx, at_least (low only), at_most (high only) or unknown."),
    ]
    note: Annotated[
        Annotated[str, Meta(max_length=500)] | None,
        Meta(description="What was counted and how, in own words."),
    ] = None


class Magnitudes(_Record, kw_only=True):
    """Estimates of the size of the event; absent means not reported."""

    participants: Annotated[
        Estimate | None, Meta(description="People who took part in the act (e.g. who deserted).")
    ] = None
    cases: Annotated[
        Estimate | None, Meta(description="Distinct incidents covered by the event.")
    ] = None
    killed: Annotated[Estimate | None, Meta(description="People killed.")] = None
    arrested: Annotated[Estimate | None, Meta(description="People arrested or detained.")] = None


class Place(_Record, kw_only=True):
    """Where the event happened, with its precision."""

    country: Annotated[
        str,
        Meta(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code of the country."),
    ]
    admin1: Annotated[
        Annotated[str, Meta(pattern=r"^[A-Z]{2}-[0-9A-Z]{1,3}$")] | None,
        Meta(
            description="ISO 3166-2 code of the first-level division, when known.",
        ),
    ] = None
    place_name: Annotated[
        Annotated[str, Meta(max_length=200)] | None,
        Meta(description="Place as named by the source."),
    ] = None
    latitude: Annotated[
        Annotated[float, Meta(ge=-90, le=90)] | None,
        Meta(description="WGS84 latitude of the place, if coded."),
    ] = None
    longitude: Annotated[
        Annotated[float, Meta(ge=-180, le=180)] | None,
        Meta(description="WGS84 longitude of the place, if coded."),
    ] = None
    geo_precision: Annotated[GeoPrecision, Meta(description="How precisely the place is known.")]


class Report(_Record, kw_only=True):
    """One claim about the event, made in a source by a claimant, possibly relayed by others."""

    source: Annotated[SourceId, Meta(description="The source document carrying the claim.")]
    claimant_type: Annotated[ClaimantType, Meta(description="Who originally made the claim.")]
    claimant: Annotated[
        ShortText,
        Meta(description="The original claimant as the source describes them (no private names)."),
    ]
    via: Annotated[
        list[ShortText],
        Meta(
            description="Relay chain from the source back towards the claimant, nearest first "
            "(e.g. the outlet this source cites)."
        ),
    ] = []
    cites_source: Annotated[
        SourceId | None,
        Meta(description="Source in the dataset this report's claim was taken from, if any."),
    ] = None
    stance: Annotated[
        ReportStance, Meta(description="Whether the report asserts, disputes or denies the event.")
    ] = ReportStance.ASSERTS
    description: Annotated[
        LongText, Meta(description="What the report claims, in the coder's own words.")
    ]


class Event(_Record, kw_only=True):
    """One act of defection, insubordination or insider dissent, or the regime's response to it."""

    id: EventId
    status: Annotated[
        EventStatus, Meta(description="active, merged (see merged_into) or retracted.")
    ] = EventStatus.ACTIVE
    merged_into: Annotated[
        EventId | None, Meta(description="Surviving event of a merged event.")
    ] = None
    status_reason: Annotated[
        Annotated[str, Meta(max_length=1000)] | None,
        Meta(description="Why the event was merged or retracted."),
    ] = None
    event_type: Annotated[EventType, Meta(description="Codebook type of the event.")]
    title: Annotated[
        Annotated[str, Meta(min_length=5, max_length=200)],
        Meta(description="Short title in the coder's own words."),
    ]
    summary: Annotated[
        Annotated[str, Meta(min_length=20, max_length=4000)],
        Meta(description="Summary in the coder's own words; never copied from a source."),
    ]
    date_start: Annotated[dt.date, Meta(description="First day the event may have occurred.")]
    date_end: Annotated[dt.date, Meta(description="Last day the event may have occurred.")]
    date_precision: Annotated[DatePrecision, Meta(description="Precision of the date interval.")]
    date_basis: Annotated[
        DateBasis, Meta(description="stated by a source, or inferred by the coder.")
    ]
    date_note: Annotated[
        Annotated[str, Meta(max_length=1000)] | None,
        Meta(description="How the dates were worked out."),
    ] = None
    location: Annotated[Place, Meta(description="Where the event happened.")]
    actors: Annotated[
        list[Actor], Meta(min_length=1, description="Organisations involved, with their roles.")
    ]
    magnitudes: Annotated[Magnitudes, Meta(description="Size estimates with qualifiers.")] = (
        msgspec.field(default_factory=Magnitudes)
    )
    campaign: Annotated[
        Slug | None, Meta(description="Campaign or context id from vocab/campaigns.")
    ] = None
    related_events: Annotated[
        list[EventId], Meta(description="Events this one responds to or is linked with.")
    ] = []
    reports: Annotated[list[Report], Meta(min_length=1, description="Claims backing the event.")]
    verification: Annotated[
        Verification, Meta(description="How far the reports establish the event.")
    ]
    confidence: Annotated[Confidence, Meta(description="Coder's confidence in the coding.")]
    coder_notes: Annotated[
        Annotated[str, Meta(max_length=2000)] | None,
        Meta(description="Caveats and coding decisions."),
    ] = None


class Source(_Record, kw_only=True):
    """A document that carries reports: an article, statement, leak or analysis."""

    id: SourceId
    outlet: Annotated[ShortText, Meta(description="Publisher as it names itself.")]
    title: Annotated[ShortText, Meta(description="Title of the document.")]
    url: Annotated[
        Annotated[str, Meta(pattern=r"^https?://", max_length=2000)] | None,
        Meta(description="Address of the document."),
    ] = None
    published: Annotated[
        dt.date, Meta(description="Publication date (first day of the interval if imprecise).")
    ]
    published_precision: Annotated[
        DatePrecision, Meta(description="Precision of the publication date.")
    ]
    published_note: Annotated[
        Annotated[str, Meta(max_length=1000)] | None,
        Meta(description="How the publication date was worked out."),
    ] = None
    retrieved: Annotated[
        dt.date | None, Meta(description="When the coded copy was retrieved, if known.")
    ] = None
    language: Annotated[
        str, Meta(pattern=r"^[a-z]{2}$", description="ISO 639-1 code of the coded text.")
    ]
    outlet_type: Annotated[OutletType, Meta(description="Kind of publisher.")]
    affiliation: Annotated[
        Annotated[str, Meta(max_length=500)] | None,
        Meta(description="Political or institutional affiliation of the outlet."),
    ] = None
    republished_from: Annotated[
        SourceId | None,
        Meta(description="Source in the dataset that this document reprints, if any."),
    ] = None
    republication_note: Annotated[
        Annotated[str, Meta(max_length=500)] | None,
        Meta(
            description="Republication chain in words, including originals not in the dataset.",
        ),
    ] = None
    content_sha256: Annotated[
        Annotated[str, Meta(pattern=r"^[0-9a-f]{64}$")] | None,
        Meta(description="SHA-256 of the exact text that was coded."),
    ] = None
    notes: Annotated[
        Annotated[str, Meta(max_length=2000)] | None,
        Meta(description="Coder's notes on the source."),
    ] = None


class Coverage(_Record, kw_only=True):
    """What was searched for one period and source family, and what was found.

    Lets users tell "no events" from "not covered": a period with a coverage record and no
    events was searched and nothing was found; a period with no coverage record was not searched.
    """

    id: Annotated[
        str,
        Meta(pattern=r"^COV-[0-9]{4}$", description="Stable coverage record id."),
    ]
    period: Annotated[ShortText, Meta(description="The period searched, in words.")]
    campaign: Annotated[
        Slug | None, Meta(description="Campaign id the period corresponds to, if any.")
    ] = None
    date_start: Annotated[dt.date, Meta(description="First day of the period searched.")]
    date_end: Annotated[dt.date, Meta(description="Last day of the period searched.")]
    source_family: Annotated[
        ShortText,
        Meta(description="Which sources were searched (e.g. English-language news pages)."),
    ]
    languages: Annotated[
        list[Annotated[str, Meta(pattern=r"^[a-z]{2}$")]],
        Meta(description="ISO 639-1 codes of the languages searched."),
    ]
    method: Annotated[
        LongText, Meta(description="How the search was done: collection, queries, criteria.")
    ]
    queries: Annotated[list[ShortText], Meta(description="Search queries used.")] = []
    searched_on: Annotated[dt.date, Meta(description="When the search was done.")]
    documents_reviewed: Annotated[Count, Meta(description="Candidate documents read, kept or not.")]
    sources_found: Annotated[
        list[SourceId], Meta(description="Sources recorded from this search.")
    ] = []
    events_found: Annotated[list[EventId], Meta(description="Events coded from this search.")] = []
    gaps: Annotated[
        Annotated[str, Meta(max_length=2000)] | None,
        Meta(description="What the search could not cover, and known blind spots."),
    ] = None
