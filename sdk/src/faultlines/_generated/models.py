# generated from openapi/openapi.json sha256=a9a9241c6d5ce9e49e05bd752fe0ebda870fc3add2cc1e5ecf5e40e079104f0c — do not edit

from __future__ import annotations
from typing import Annotated
from msgspec import Meta, Struct, UNSET, UnsetType
from enum import StrEnum
from datetime import date as date_aliased


class ActorNode(Struct, kw_only=True):
    aliases: list[str]
    children: Annotated[list[ActorNode], Meta(description="Sub-organisations.")]
    """
    Sub-organisations.
    """
    country: str
    description: str
    id: str
    kind: str
    name: str
    parent: str | None


class ActorRole(StrEnum):
    """
    The part the actor plays in the event.
    """

    defector = "defector"
    dissenter = "dissenter"
    leaker = "leaker"
    commander = "commander"
    responder = "responder"
    target = "target"
    acknowledger = "acknowledger"
    beneficiary = "beneficiary"
    recruiter = "recruiter"
    participant = "participant"


class Campaign(Struct, kw_only=True):
    countries: Annotated[
        list[str], Meta(description="ISO 3166-1 alpha-2 codes involved.")
    ]
    """
    ISO 3166-1 alpha-2 codes involved.
    """
    date_end: (
        Annotated[
            date_aliased,
            Meta(description="Approximate end; null while ongoing or open-ended."),
        ]
        | None
    )
    """
    Approximate end; null while ongoing or open-ended.
    """
    date_start: Annotated[
        date_aliased, Meta(description="Approximate start of the campaign.")
    ]
    """
    Approximate start of the campaign.
    """
    description: Annotated[
        str, Meta(description="What the campaign was.", min_length=10)
    ]
    """
    What the campaign was.
    """
    id: Annotated[
        str, Meta(description="Stable campaign id.", pattern="^[a-z][a-z0-9_]*$")
    ]
    """
    Stable campaign id.
    """
    name: Annotated[str, Meta(description="English name.", min_length=1)]
    """
    English name.
    """


class Citation(Struct, kw_only=True):
    """
    Suggested citation of this release.
    """

    bibtex: Annotated[str, Meta(description="BibTeX entry.")]
    """
    BibTeX entry.
    """
    text: Annotated[str, Meta(description="Plain-text citation.")]
    """
    Plain-text citation.
    """


class ClaimantType(StrEnum):
    """
    Who originally made the claim.
    """

    anonymous_insider = "anonymous_insider"
    anonymous_source = "anonymous_source"
    named_insider = "named_insider"
    named_official = "named_official"
    official_statement = "official_statement"
    leaked_document = "leaked_document"
    outlet_reporting = "outlet_reporting"
    analyst = "analyst"
    opposition_group = "opposition_group"
    rights_group = "rights_group"
    unknown = "unknown"


class Confidence(StrEnum):
    """
    The coder's confidence that the event happened as coded.
    """

    low = "low"
    medium = "medium"
    high = "high"


class Coverage(Struct, kw_only=True):
    campaign: (
        Annotated[
            str, Meta(description="Campaign id the period corresponds to, if any.")
        ]
        | None
    )
    """
    Campaign id the period corresponds to, if any.
    """
    date_end: Annotated[
        date_aliased, Meta(description="Last day of the period searched.")
    ]
    """
    Last day of the period searched.
    """
    date_start: Annotated[
        date_aliased, Meta(description="First day of the period searched.")
    ]
    """
    First day of the period searched.
    """
    documents_reviewed: Annotated[
        int,
        Meta(description="Candidate documents read, kept or not.", ge=0, le=100000000),
    ]
    """
    Candidate documents read, kept or not.
    """
    events_found: Annotated[
        list[str], Meta(description="Events coded from this search.")
    ]
    """
    Events coded from this search.
    """
    gaps: (
        Annotated[
            str,
            Meta(description="What the search could not cover, and known blind spots."),
        ]
        | None
    )
    """
    What the search could not cover, and known blind spots.
    """
    id: Annotated[
        str, Meta(description="Stable coverage record id.", pattern="^COV-[0-9]{4}$")
    ]
    """
    Stable coverage record id.
    """
    languages: Annotated[
        list[str], Meta(description="ISO 639-1 codes of the languages searched.")
    ]
    """
    ISO 639-1 codes of the languages searched.
    """
    method: Annotated[
        str,
        Meta(
            description="How the search was done: collection, queries, criteria.",
            max_length=4000,
            min_length=1,
        ),
    ]
    """
    How the search was done: collection, queries, criteria.
    """
    period: Annotated[
        str,
        Meta(
            description="The period searched, in words.", max_length=300, min_length=1
        ),
    ]
    """
    The period searched, in words.
    """
    queries: Annotated[list[str], Meta(description="Search queries used.")]
    """
    Search queries used.
    """
    searched_on: Annotated[date_aliased, Meta(description="When the search was done.")]
    """
    When the search was done.
    """
    source_family: Annotated[
        str,
        Meta(
            description="Which sources were searched (e.g. English-language news pages).",
            max_length=300,
            min_length=1,
        ),
    ]
    """
    Which sources were searched (e.g. English-language news pages).
    """
    sources_found: Annotated[
        list[str], Meta(description="Sources recorded from this search.")
    ]
    """
    Sources recorded from this search.
    """


class DateBasis(StrEnum):
    """
    stated by a source, or inferred by the coder.
    """

    stated = "stated"
    inferred = "inferred"


class DatePrecision(StrEnum):
    """
    Precision of the date interval.
    """

    day = "day"
    week = "week"
    month = "month"
    quarter = "quarter"
    year = "year"
    range = "range"


class EventStatus(StrEnum):
    """
    active, merged (see merged_into) or retracted.
    """

    active = "active"
    merged = "merged"
    retracted = "retracted"


class EventType(StrEnum):
    """
    The codebook: what kind of act an event records (definitions in vocab/event_types.yaml).
    """

    desertion = "desertion"
    resignation_or_early_retirement = "resignation_or_early_retirement"
    refusal_of_orders = "refusal_of_orders"
    shirking_or_absenteeism = "shirking_or_absenteeism"
    mutiny_or_armed_rebellion = "mutiny_or_armed_rebellion"
    side_switching = "side_switching"
    fraternization = "fraternization"
    leak = "leak"
    dissent_statement = "dissent_statement"
    elite_division = "elite_division"
    morale_or_cohesion_report = "morale_or_cohesion_report"
    official_acknowledgment = "official_acknowledgment"
    disciplinary_action = "disciplinary_action"
    loyalty_inducement = "loyalty_inducement"
    recruitment_measure = "recruitment_measure"
    context = "context"


class EventTypeDef(Struct, kw_only=True):
    definition: Annotated[str, Meta(description="What the value means.", min_length=10)]
    """
    What the value means.
    """
    exclude: Annotated[
        list[str], Meta(description="What is not, and where it goes instead.")
    ]
    """
    What is not, and where it goes instead.
    """
    id: Annotated[
        str,
        Meta(description="Enum value as used in records.", pattern="^[a-z][a-z0-9_]*$"),
    ]
    """
    Enum value as used in records.
    """
    include: Annotated[list[str], Meta(description="What is coded as this type.")]
    """
    What is coded as this type.
    """
    label: Annotated[str, Meta(description="Human-readable label.", min_length=1)]
    """
    Human-readable label.
    """


class FacetValue(Struct, kw_only=True):
    count: Annotated[
        int, Meta(description="Number of matching events with this value.", ge=0)
    ]
    """
    Number of matching events with this value.
    """
    value: (
        Annotated[
            str,
            Meta(
                description="The value (null: events without one, e.g. no campaign or province)."
            ),
        ]
        | None
    )
    """
    The value (null: events without one, e.g. no campaign or province).
    """


class FileEntry(Struct, kw_only=True):
    bytes: Annotated[int, Meta(description="Size in bytes.", ge=0)]
    """
    Size in bytes.
    """
    sha256: Annotated[str, Meta(description="Hex SHA-256 of the file's content.")]
    """
    Hex SHA-256 of the file's content.
    """


class GeoPrecision(StrEnum):
    """
    How precisely the place is known.
    """

    site = "site"
    city = "city"
    admin1 = "admin1"
    country = "country"
    multiple = "multiple"
    unknown = "unknown"


class Health(Struct, kw_only=True):
    status: Annotated[str, Meta(examples=["ok"])]


class InvalidParam(Struct, kw_only=True):
    name: Annotated[str, Meta(description="Parameter name.", examples=["limit"])]
    """
    Parameter name.
    """
    reason: Annotated[
        str, Meta(description="What was wrong.", examples=["must be <= 1000"])
    ]
    """
    What was wrong.
    """
    location: (
        Annotated[
            str, Meta(description="Where the parameter was: query, path or header.")
        ]
        | None
        | UnsetType
    ) = UNSET
    """
    Where the parameter was: query, path or header.
    """


class Links(Struct, kw_only=True):
    next: Annotated[str, Meta(description="Next page; null on the last.")] | None
    """
    Next page; null on the last.
    """
    self: Annotated[str, Meta(description="This page.")]
    """
    This page.
    """


class MergedChange(Struct, kw_only=True):
    id: Annotated[str, Meta(description="Merged event id.", examples=["FL-000012"])]
    """
    Merged event id.
    """
    into: Annotated[str, Meta(description="Surviving event id.")] | None
    """
    Surviving event id.
    """
    reason: Annotated[str, Meta(description="Why it was merged.")] | None
    """
    Why it was merged.
    """


class MetaModel(Struct, kw_only=True):
    count: Annotated[int, Meta(description="Rows in this page.", ge=0)]
    """
    Rows in this page.
    """
    limit: Annotated[int, Meta(description="Page size asked for.", ge=1)]
    """
    Page size asked for.
    """
    next_cursor: (
        Annotated[
            str,
            Meta(
                description="Pass as `cursor` to get the next page; null on the last."
            ),
        ]
        | None
    )
    """
    Pass as `cursor` to get the next page; null on the last.
    """
    release: Annotated[str, Meta(description="Release version.", examples=["1.0.0"])]
    """
    Release version.
    """
    schema_version: Annotated[
        str, Meta(description="Record schema version.", examples=["1.0.0"])
    ]
    """
    Record schema version.
    """
    total: Annotated[
        int,
        Meta(
            description="Rows matching the filters in all pages (independent of `limit` and `cursor`); exact when `total_exact`, else a lower bound: events are counted up to 10,000.",
            ge=0,
        ),
    ]
    """
    Rows matching the filters in all pages (independent of `limit` and `cursor`); exact when `total_exact`, else a lower bound: events are counted up to 10,000.
    """
    total_exact: Annotated[
        bool,
        Meta(
            description="Whether `total` is the exact count (false: at least `total` match)."
        ),
    ]
    """
    Whether `total` is the exact count (false: at least `total` match).
    """


class OutletType(StrEnum):
    """
    Kind of publisher.
    """

    independent = "independent"
    state = "state"
    semi_official = "semi_official"
    opposition = "opposition"
    partisan = "partisan"
    international = "international"
    foreign_state = "foreign_state"
    academic = "academic"
    rights_group = "rights_group"
    aggregator = "aggregator"


class PersonBasis(StrEnum):
    """
    Why naming is allowed: public official, commander, or on the record.
    """

    public_official = "public_official"
    commander = "commander"
    on_the_record = "on_the_record"


class Place(Struct, kw_only=True):
    """
    Where the event happened.
    """

    admin1: (
        Annotated[
            str,
            Meta(
                description="ISO 3166-2 code of the first-level division, when known."
            ),
        ]
        | None
    )
    """
    ISO 3166-2 code of the first-level division, when known.
    """
    country: Annotated[
        str,
        Meta(
            description="ISO 3166-1 alpha-2 code of the country.", pattern="^[A-Z]{2}$"
        ),
    ]
    """
    ISO 3166-1 alpha-2 code of the country.
    """
    geo_precision: Annotated[
        GeoPrecision, Meta(description="How precisely the place is known.")
    ]
    """
    How precisely the place is known.
    """
    latitude: (
        Annotated[float, Meta(description="WGS84 latitude of the place, if coded.")]
        | None
    )
    """
    WGS84 latitude of the place, if coded.
    """
    longitude: (
        Annotated[float, Meta(description="WGS84 longitude of the place, if coded.")]
        | None
    )
    """
    WGS84 longitude of the place, if coded.
    """
    place_name: Annotated[str, Meta(description="Place as named by the source.")] | None
    """
    Place as named by the source.
    """


class Problem(Struct, kw_only=True):
    status: Annotated[int, Meta(description="HTTP status code.", examples=[400])]
    """
    HTTP status code.
    """
    title: Annotated[str, Meta(description="Short summary of the problem type.")]
    """
    Short summary of the problem type.
    """
    detail: (
        Annotated[str, Meta(description="What went wrong in this request.")]
        | None
        | UnsetType
    ) = UNSET
    """
    What went wrong in this request.
    """
    errors: (
        Annotated[
            list[InvalidParam],
            Meta(
                description="The same list as `invalid_params` (its name before API 1.2.0)."
            ),
        ]
        | None
        | UnsetType
    ) = UNSET
    """
    The same list as `invalid_params` (its name before API 1.2.0).
    """
    id: (
        Annotated[str, Meta(description="Event id of a tombstone (410).")]
        | None
        | UnsetType
    ) = UNSET
    """
    Event id of a tombstone (410).
    """
    instance: (
        Annotated[str, Meta(description="Path of the request.")] | None | UnsetType
    ) = UNSET
    """
    Path of the request.
    """
    invalid_params: (
        Annotated[
            list[InvalidParam],
            Meta(
                description="Invalid parameters, for 400 responses: each named, with the reason."
            ),
        ]
        | None
        | UnsetType
    ) = UNSET
    """
    Invalid parameters, for 400 responses: each named, with the reason.
    """
    reason: (
        Annotated[str, Meta(description="Why the event was retracted (410).")]
        | None
        | UnsetType
    ) = UNSET
    """
    Why the event was retracted (410).
    """
    release: (
        Annotated[str, Meta(description="Release the answer refers to.")]
        | None
        | UnsetType
    ) = UNSET
    """
    Release the answer refers to.
    """
    type: (
        Annotated[
            str,
            Meta(
                description="URI reference identifying the problem type.",
                examples=["about:blank"],
            ),
        ]
        | UnsetType
    ) = "about:blank"
    """
    URI reference identifying the problem type.
    """


class Qualifier(StrEnum):
    """
    exact, approx, at_least (low only), at_most (high only) or unknown.
    """

    exact = "exact"
    approx = "approx"
    at_least = "at_least"
    at_most = "at_most"
    unknown = "unknown"


class RankTier(StrEnum):
    """
    Coarse rank of the members involved.
    """

    senior_commander = "senior_commander"
    officer = "officer"
    junior_officer = "junior_officer"
    rank_and_file = "rank_and_file"
    volunteer = "volunteer"
    civilian_official = "civilian_official"
    former_member = "former_member"
    mixed = "mixed"
    unknown = "unknown"


class Readiness(Struct, kw_only=True):
    release: Annotated[str, Meta(description="Release served by default.")] | None
    """
    Release served by default.
    """
    status: Annotated[str, Meta(examples=["ready"])]


class ReleaseCounts(Struct, kw_only=True):
    active: Annotated[int, Meta(description="Active events.")]
    """
    Active events.
    """
    coverage: Annotated[int, Meta(description="Coverage records.")]
    """
    Coverage records.
    """
    events: Annotated[int, Meta(description="All events, whatever their status.")]
    """
    All events, whatever their status.
    """
    merged: Annotated[int, Meta(description="Events merged into another.")]
    """
    Events merged into another.
    """
    reports: Annotated[int, Meta(description="Reports over all events.")]
    """
    Reports over all events.
    """
    retracted: Annotated[int, Meta(description="Retracted events (tombstones).")]
    """
    Retracted events (tombstones).
    """
    sources: Annotated[int, Meta(description="Sources.")]
    """
    Sources.
    """


class ReleaseManifest(Struct, kw_only=True):
    counts: ReleaseCounts
    date: Annotated[date_aliased, Meta(description="Release date.")] | None
    """
    Release date.
    """
    files: Annotated[
        dict[str, FileEntry],
        Meta(description="Every data file with its size and checksum."),
    ]
    """
    Every data file with its size and checksum.
    """
    name: Annotated[str, Meta(description="Dataset name.")]
    """
    Dataset name.
    """
    previous: (
        Annotated[str, Meta(description="Version of the previous release.")] | None
    )
    """
    Version of the previous release.
    """
    schema_version: Annotated[str, Meta(description="Record schema version.")]
    """
    Record schema version.
    """
    version: Annotated[
        str, Meta(description="Semantic version of a release.", examples=["1.0.0"])
    ]
    """
    Semantic version of a release.
    """


class ReleaseRef(Struct, kw_only=True):
    release: Annotated[str, Meta(description="Release version.", examples=["1.0.0"])]
    """
    Release version.
    """
    schema_version: Annotated[
        str, Meta(description="Record schema version.", examples=["1.0.0"])
    ]
    """
    Record schema version.
    """


class ReleaseSummary(Struct, kw_only=True):
    date: Annotated[date_aliased, Meta(description="Release date.")] | None
    """
    Release date.
    """
    latest: Annotated[
        bool, Meta(description="Whether this release is served by default.")
    ]
    """
    Whether this release is served by default.
    """
    previous: Annotated[str, Meta(description="Previous release version.")] | None
    """
    Previous release version.
    """
    schema_version: Annotated[str, Meta(description="Record schema version.")]
    """
    Record schema version.
    """
    url: Annotated[str, Meta(description="Path of the release's detail.")]
    """
    Path of the release's detail.
    """
    version: Annotated[
        str, Meta(description="Semantic version of a release.", examples=["1.0.0"])
    ]
    """
    Semantic version of a release.
    """


class ReportStance(StrEnum):
    """
    Whether the report asserts, disputes or denies the event.
    """

    asserts = "asserts"
    disputes = "disputes"
    denies = "denies"


class RetractedChange(Struct, kw_only=True):
    id: Annotated[str, Meta(description="Retracted event id.", examples=["FL-000013"])]
    """
    Retracted event id.
    """
    reason: Annotated[str, Meta(description="Why it was retracted.")] | None
    """
    Why it was retracted.
    """


class Source(Struct, kw_only=True):
    affiliation: (
        Annotated[
            str,
            Meta(description="Political or institutional affiliation of the outlet."),
        ]
        | None
    )
    """
    Political or institutional affiliation of the outlet.
    """
    content_sha256: (
        Annotated[str, Meta(description="SHA-256 of the exact text that was coded.")]
        | None
    )
    """
    SHA-256 of the exact text that was coded.
    """
    id: Annotated[
        str,
        Meta(description="Stable source id, never reused.", pattern="^SRC-[0-9]{6}$"),
    ]
    """
    Stable source id, never reused.
    """
    language: Annotated[
        str, Meta(description="ISO 639-1 code of the coded text.", pattern="^[a-z]{2}$")
    ]
    """
    ISO 639-1 code of the coded text.
    """
    notes: Annotated[str, Meta(description="Coder's notes on the source.")] | None
    """
    Coder's notes on the source.
    """
    outlet: Annotated[
        str,
        Meta(description="Publisher as it names itself.", max_length=300, min_length=1),
    ]
    """
    Publisher as it names itself.
    """
    outlet_type: Annotated[OutletType, Meta(description="Kind of publisher.")]
    """
    Kind of publisher.
    """
    published: Annotated[
        date_aliased,
        Meta(description="Publication date (first day of the interval if imprecise)."),
    ]
    """
    Publication date (first day of the interval if imprecise).
    """
    published_note: (
        Annotated[str, Meta(description="How the publication date was worked out.")]
        | None
    )
    """
    How the publication date was worked out.
    """
    published_precision: Annotated[
        DatePrecision, Meta(description="Precision of the publication date.")
    ]
    """
    Precision of the publication date.
    """
    republication_note: (
        Annotated[
            str,
            Meta(
                description="Republication chain in words, including originals not in the dataset."
            ),
        ]
        | None
    )
    """
    Republication chain in words, including originals not in the dataset.
    """
    republished_from: (
        Annotated[
            str,
            Meta(
                description="Source in the dataset that this document reprints, if any."
            ),
        ]
        | None
    )
    """
    Source in the dataset that this document reprints, if any.
    """
    retrieved: (
        Annotated[
            date_aliased,
            Meta(description="When the coded copy was retrieved, if known."),
        ]
        | None
    )
    """
    When the coded copy was retrieved, if known.
    """
    title: Annotated[
        str, Meta(description="Title of the document.", max_length=300, min_length=1)
    ]
    """
    Title of the document.
    """
    url: Annotated[str, Meta(description="Address of the document.")] | None
    """
    Address of the document.
    """


class SourceChange(Struct, kw_only=True):
    id: Annotated[str, Meta(description="Source id.", examples=["SRC-000606"])]
    """
    Source id.
    """
    reason: Annotated[str, Meta(description="Why it was changed.")] | None
    """
    Why it was changed.
    """


class SourceChanges(Struct, kw_only=True):
    """
    Source records added and corrected, as the releases recorded them.
    """

    added: Annotated[list[str], Meta(description="Source ids new since.")]
    """
    Source ids new since.
    """
    changed: Annotated[
        list[SourceChange], Meta(description="Source ids corrected since.")
    ]
    """
    Source ids corrected since.
    """


class SourceDetail(Struct, kw_only=True):
    data: Source
    events: Annotated[
        list[str], Meta(description="Ids of events whose reports cite it.")
    ]
    """
    Ids of events whose reports cite it.
    """
    meta: ReleaseRef


class SourcePage(Struct, kw_only=True):
    data: list[Source]
    links: Links
    meta: MetaModel


class StatsRow(Struct, kw_only=True):
    arrested_best: (
        Annotated[
            int,
            Meta(description="Sum of best arrested estimates; null when none has one."),
        ]
        | None
    )
    """
    Sum of best arrested estimates; null when none has one.
    """
    arrested_known: Annotated[
        int, Meta(description="Events with a best arrested estimate.", ge=0)
    ]
    """
    Events with a best arrested estimate.
    """
    cases_best: (
        Annotated[
            int, Meta(description="Sum of best case estimates; null when none has one.")
        ]
        | None
    )
    """
    Sum of best case estimates; null when none has one.
    """
    cases_known: Annotated[
        int, Meta(description="Events with a best case estimate.", ge=0)
    ]
    """
    Events with a best case estimate.
    """
    count: Annotated[
        int, Meta(description="Number of events (0 for an empty time bucket).", ge=0)
    ]
    """
    Number of events (0 for an empty time bucket).
    """
    group: Annotated[
        dict[str, str | None],
        Meta(description="Group key values by dimension.", examples=[{"year": "2022"}]),
    ]
    """
    Group key values by dimension.
    """
    killed_best: (
        Annotated[
            int,
            Meta(description="Sum of best killed estimates; null when none has one."),
        ]
        | None
    )
    """
    Sum of best killed estimates; null when none has one.
    """
    killed_known: Annotated[
        int, Meta(description="Events with a best killed estimate.", ge=0)
    ]
    """
    Events with a best killed estimate.
    """
    participants_best: (
        Annotated[
            int,
            Meta(
                description="Sum of best participant estimates; null when none has one."
            ),
        ]
        | None
    )
    """
    Sum of best participant estimates; null when none has one.
    """
    participants_known: Annotated[
        int, Meta(description="Events with a best participant estimate.", ge=0)
    ]
    """
    Events with a best participant estimate.
    """


class Verification(StrEnum):
    """
    How far the event is established by its reports (rules in the codebook).
    """

    unverified = "unverified"
    single_source = "single_source"
    corroborated = "corroborated"
    officially_acknowledged = "officially_acknowledged"
    disputed = "disputed"
    debunked = "debunked"


class ActorTree(Struct, kw_only=True):
    data: list[ActorNode]
    meta: ReleaseRef


class CampaignList(Struct, kw_only=True):
    data: list[Campaign]
    meta: ReleaseRef


class ChangeList(Struct, kw_only=True):
    added: Annotated[list[str], Meta(description="Ids new in this release.")]
    """
    Ids new in this release.
    """
    changed: Annotated[list[str], Meta(description="Ids whose record changed.")]
    """
    Ids whose record changed.
    """
    merged: Annotated[list[MergedChange], Meta(description="Ids merged since.")]
    """
    Ids merged since.
    """
    reasons: Annotated[
        dict[str, str],
        Meta(
            description="Why each changed event changed, by id, as recorded by the releases in between (releases from 1.1.1 on record a reason for every change)."
        ),
    ]
    """
    Why each changed event changed, by id, as recorded by the releases in between (releases from 1.1.1 on record a reason for every change).
    """
    retracted: Annotated[
        list[RetractedChange], Meta(description="Ids retracted since.")
    ]
    """
    Ids retracted since.
    """
    since: (
        Annotated[str, Meta(description="The older release; null for the first.")]
        | None
    )
    """
    The older release; null for the first.
    """
    sources: Annotated[
        SourceChanges,
        Meta(
            description="Source records added and corrected, as the releases recorded them."
        ),
    ]
    """
    Source records added and corrected, as the releases recorded them.
    """
    version: Annotated[
        str, Meta(description="Semantic version of a release.", examples=["1.0.0"])
    ]
    """
    Semantic version of a release.
    """


class CoverageList(Struct, kw_only=True):
    data: list[Coverage]
    meta: ReleaseRef


class Estimate(Struct, kw_only=True):
    best: Annotated[int, Meta(description="Best single estimate, if any.")] | None
    """
    Best single estimate, if any.
    """
    high: Annotated[int, Meta(description="Upper bound, if known.")] | None
    """
    Upper bound, if known.
    """
    low: Annotated[int, Meta(description="Lower bound, if known.")] | None
    """
    Lower bound, if known.
    """
    note: (
        Annotated[str, Meta(description="What was counted and how, in own words.")]
        | None
    )
    """
    What was counted and how, in own words.
    """
    qualifier: Annotated[
        Qualifier,
        Meta(
            description="exact, approx, at_least (low only), at_most (high only) or unknown."
        ),
    ]
    """
    exact, approx, at_least (low only), at_most (high only) or unknown.
    """


class EventTypeList(Struct, kw_only=True):
    data: list[EventTypeDef]
    meta: ReleaseRef


class Facet(Struct, kw_only=True):
    facet: Annotated[
        str, Meta(description="The dimension counted.", examples=["event_type"])
    ]
    """
    The dimension counted.
    """
    values: Annotated[
        list[FacetValue],
        Meta(
            description="Values with their counts: by count, largest first (ties by value), or in time order for year and month (empty buckets included, count 0)."
        ),
    ]
    """
    Values with their counts: by count, largest first (ties by value), or in time order for year and month (empty buckets included, count 0).
    """


class FacetsPage(Struct, kw_only=True):
    data: list[Facet]
    meta: ReleaseRef


class Magnitudes(Struct, kw_only=True):
    """
    Size estimates with qualifiers.
    """

    arrested: (
        Annotated[Estimate, Meta(description="People arrested or detained.")] | None
    )
    """
    People arrested or detained.
    """
    cases: (
        Annotated[
            Estimate, Meta(description="Distinct incidents covered by the event.")
        ]
        | None
    )
    """
    Distinct incidents covered by the event.
    """
    killed: Annotated[Estimate, Meta(description="People killed.")] | None
    """
    People killed.
    """
    participants: (
        Annotated[
            Estimate,
            Meta(description="People who took part in the act (e.g. who deserted)."),
        ]
        | None
    )
    """
    People who took part in the act (e.g. who deserted).
    """


class Person(Struct, kw_only=True):
    basis: Annotated[
        PersonBasis,
        Meta(
            description="Why naming is allowed: public official, commander, or on the record."
        ),
    ]
    """
    Why naming is allowed: public official, commander, or on the record.
    """
    name: Annotated[
        str,
        Meta(
            description="Name as commonly transliterated in English.",
            max_length=300,
            min_length=1,
        ),
    ]
    """
    Name as commonly transliterated in English.
    """
    position: (
        Annotated[
            str, Meta(description="Office or command held at the time of the event.")
        ]
        | None
    )
    """
    Office or command held at the time of the event.
    """


class ReleaseDetail(Struct, kw_only=True):
    changes_url: Annotated[str, Meta(description="Path of the change list.")]
    """
    Path of the change list.
    """
    citation: Annotated[
        Citation, Meta(description="Suggested citation of this release.")
    ]
    """
    Suggested citation of this release.
    """
    data: ReleaseManifest
    files: Annotated[dict[str, str], Meta(description="File name -> download path.")]
    """
    File name -> download path.
    """
    latest: Annotated[
        bool, Meta(description="Whether this release is served by default.")
    ]
    """
    Whether this release is served by default.
    """


class ReleaseList(Struct, kw_only=True):
    data: list[ReleaseSummary]


class Report(Struct, kw_only=True):
    cites_source: (
        Annotated[
            str,
            Meta(
                description="Source in the dataset this report's claim was taken from, if any."
            ),
        ]
        | None
    )
    """
    Source in the dataset this report's claim was taken from, if any.
    """
    claimant: Annotated[
        str,
        Meta(
            description="The original claimant as the source describes them (no private names).",
            max_length=300,
            min_length=1,
        ),
    ]
    """
    The original claimant as the source describes them (no private names).
    """
    claimant_type: Annotated[
        ClaimantType, Meta(description="Who originally made the claim.")
    ]
    """
    Who originally made the claim.
    """
    description: Annotated[
        str,
        Meta(
            description="What the report claims, in the coder's own words.",
            max_length=4000,
            min_length=1,
        ),
    ]
    """
    What the report claims, in the coder's own words.
    """
    source: Annotated[
        str,
        Meta(
            description="The source document carrying the claim.",
            pattern="^SRC-[0-9]{6}$",
        ),
    ]
    """
    The source document carrying the claim.
    """
    stance: Annotated[
        ReportStance,
        Meta(description="Whether the report asserts, disputes or denies the event."),
    ]
    """
    Whether the report asserts, disputes or denies the event.
    """
    via: Annotated[
        list[str],
        Meta(
            description="Relay chain from the source back towards the claimant, nearest first (e.g. the outlet this source cites)."
        ),
    ]
    """
    Relay chain from the source back towards the claimant, nearest first (e.g. the outlet this source cites).
    """


class StatsPage(Struct, kw_only=True):
    data: list[StatsRow]
    group_by: Annotated[list[str], Meta(description="Dimensions grouped by.")]
    """
    Dimensions grouped by.
    """
    meta: ReleaseRef


class Actor(Struct, kw_only=True):
    organisation: Annotated[
        str,
        Meta(
            description="Organisation id from the actor vocabulary (vocab/organisations).",
            max_length=64,
            min_length=2,
            pattern="^[a-z][a-z0-9_]*$",
        ),
    ]
    """
    Organisation id from the actor vocabulary (vocab/organisations).
    """
    people: Annotated[
        list[Person],
        Meta(description="Named people, only as the safety policy allows."),
    ]
    """
    Named people, only as the safety policy allows.
    """
    rank_tier: Annotated[
        RankTier, Meta(description="Coarse rank of the members involved.")
    ]
    """
    Coarse rank of the members involved.
    """
    role: Annotated[
        ActorRole, Meta(description="The part the actor plays in the event.")
    ]
    """
    The part the actor plays in the event.
    """
    unit: (
        Annotated[
            str, Meta(description="Unit or branch as described by the source, if any.")
        ]
        | None
    )
    """
    Unit or branch as described by the source, if any.
    """


class Event(Struct, kw_only=True):
    actors: Annotated[
        list[Actor],
        Meta(description="Organisations involved, with their roles.", min_length=1),
    ]
    """
    Organisations involved, with their roles.
    """
    campaign: (
        Annotated[str, Meta(description="Campaign or context id from vocab/campaigns.")]
        | None
    )
    """
    Campaign or context id from vocab/campaigns.
    """
    coder_notes: (
        Annotated[str, Meta(description="Caveats and coding decisions.")] | None
    )
    """
    Caveats and coding decisions.
    """
    confidence: Annotated[
        Confidence, Meta(description="Coder's confidence in the coding.")
    ]
    """
    Coder's confidence in the coding.
    """
    date_basis: Annotated[
        DateBasis, Meta(description="stated by a source, or inferred by the coder.")
    ]
    """
    stated by a source, or inferred by the coder.
    """
    date_end: Annotated[
        date_aliased, Meta(description="Last day the event may have occurred.")
    ]
    """
    Last day the event may have occurred.
    """
    date_note: Annotated[str, Meta(description="How the dates were worked out.")] | None
    """
    How the dates were worked out.
    """
    date_precision: Annotated[
        DatePrecision, Meta(description="Precision of the date interval.")
    ]
    """
    Precision of the date interval.
    """
    date_start: Annotated[
        date_aliased, Meta(description="First day the event may have occurred.")
    ]
    """
    First day the event may have occurred.
    """
    event_type: Annotated[EventType, Meta(description="Codebook type of the event.")]
    """
    Codebook type of the event.
    """
    id: Annotated[
        str, Meta(description="Stable event id, never reused.", pattern="^FL-[0-9]{6}$")
    ]
    """
    Stable event id, never reused.
    """
    location: Annotated[Place, Meta(description="Where the event happened.")]
    """
    Where the event happened.
    """
    magnitudes: Annotated[
        Magnitudes, Meta(description="Size estimates with qualifiers.")
    ]
    """
    Size estimates with qualifiers.
    """
    merged_into: (
        Annotated[str, Meta(description="Surviving event of a merged event.")] | None
    )
    """
    Surviving event of a merged event.
    """
    related_events: Annotated[
        list[str], Meta(description="Events this one responds to or is linked with.")
    ]
    """
    Events this one responds to or is linked with.
    """
    reports: Annotated[
        list[Report], Meta(description="Claims backing the event.", min_length=1)
    ]
    """
    Claims backing the event.
    """
    status: Annotated[
        EventStatus, Meta(description="active, merged (see merged_into) or retracted.")
    ]
    """
    active, merged (see merged_into) or retracted.
    """
    status_reason: (
        Annotated[str, Meta(description="Why the event was merged or retracted.")]
        | None
    )
    """
    Why the event was merged or retracted.
    """
    summary: Annotated[
        str,
        Meta(
            description="Summary in the coder's own words; never copied from a source.",
            max_length=4000,
            min_length=20,
        ),
    ]
    """
    Summary in the coder's own words; never copied from a source.
    """
    title: Annotated[
        str,
        Meta(
            description="Short title in the coder's own words.",
            max_length=200,
            min_length=5,
        ),
    ]
    """
    Short title in the coder's own words.
    """
    verification: Annotated[
        Verification, Meta(description="How far the reports establish the event.")
    ]
    """
    How far the reports establish the event.
    """


class EventDetail(Struct, kw_only=True):
    data: Event
    meta: ReleaseRef
    sources: Annotated[list[Source], Meta(description="Sources cited by the reports.")]
    """
    Sources cited by the reports.
    """


class EventPage(Struct, kw_only=True):
    data: Annotated[list[Event], Meta(description="Events of this page.")]
    """
    Events of this page.
    """
    links: Links
    meta: MetaModel
