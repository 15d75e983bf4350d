"""Closed vocabularies of schema v1.

Each enum here is part of the schema: adding a member is a minor schema change, removing or
renaming one is a major change. Definitions for every member live in ``dataset/vocab/*.yaml``
(the codebook), and a test keeps the two in step.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "ActorRole",
    "ClaimantType",
    "Confidence",
    "DateBasis",
    "DatePrecision",
    "EventStatus",
    "EventType",
    "GeoPrecision",
    "OutletType",
    "PersonBasis",
    "Qualifier",
    "RankTier",
    "ReportStance",
    "Verification",
]


class EventStatus(StrEnum):
    """Lifecycle of an event id. Ids are never reused, whatever the status."""

    ACTIVE = "active"
    MERGED = "merged"
    RETRACTED = "retracted"


class EventType(StrEnum):
    """The codebook: what kind of act an event records (definitions in vocab/event_types.yaml)."""

    DESERTION = "desertion"
    RESIGNATION_OR_EARLY_RETIREMENT = "resignation_or_early_retirement"
    REFUSAL_OF_ORDERS = "refusal_of_orders"
    SHIRKING_OR_ABSENTEEISM = "shirking_or_absenteeism"
    MUTINY_OR_ARMED_REBELLION = "mutiny_or_armed_rebellion"
    SIDE_SWITCHING = "side_switching"
    FRATERNIZATION = "fraternization"
    LEAK = "leak"
    DISSENT_STATEMENT = "dissent_statement"
    ELITE_DIVISION = "elite_division"
    MORALE_OR_COHESION_REPORT = "morale_or_cohesion_report"
    OFFICIAL_ACKNOWLEDGMENT = "official_acknowledgment"
    DISCIPLINARY_ACTION = "disciplinary_action"
    LOYALTY_INDUCEMENT = "loyalty_inducement"
    RECRUITMENT_MEASURE = "recruitment_measure"
    CONTEXT = "context"


class DatePrecision(StrEnum):
    """How precisely the event's date interval is known."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    RANGE = "range"


class DateBasis(StrEnum):
    """Whether the dates are stated by a source or inferred by the coder."""

    STATED = "stated"
    INFERRED = "inferred"


class GeoPrecision(StrEnum):
    """How precisely the event's place is known."""

    SITE = "site"
    CITY = "city"
    ADMIN1 = "admin1"
    COUNTRY = "country"
    MULTIPLE = "multiple"
    UNKNOWN = "unknown"


class ActorRole(StrEnum):
    """The part an actor plays in the event."""

    DEFECTOR = "defector"
    DISSENTER = "dissenter"
    LEAKER = "leaker"
    COMMANDER = "commander"
    RESPONDER = "responder"
    TARGET = "target"
    ACKNOWLEDGER = "acknowledger"
    BENEFICIARY = "beneficiary"
    RECRUITER = "recruiter"
    PARTICIPANT = "participant"


class RankTier(StrEnum):
    """Coarse rank of the members involved; never precise enough to identify a person."""

    SENIOR_COMMANDER = "senior_commander"
    OFFICER = "officer"
    JUNIOR_OFFICER = "junior_officer"
    RANK_AND_FILE = "rank_and_file"
    VOLUNTEER = "volunteer"
    CIVILIAN_OFFICIAL = "civilian_official"
    FORMER_MEMBER = "former_member"
    MIXED = "mixed"
    UNKNOWN = "unknown"


class PersonBasis(StrEnum):
    """Why a person may be named under the safety policy."""

    PUBLIC_OFFICIAL = "public_official"
    COMMANDER = "commander"
    ON_THE_RECORD = "on_the_record"


class Qualifier(StrEnum):
    """How an estimate relates to the true number."""

    EXACT = "exact"
    APPROX = "approx"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    UNKNOWN = "unknown"


class ClaimantType(StrEnum):
    """Who originally made the claim a report carries."""

    ANONYMOUS_INSIDER = "anonymous_insider"
    ANONYMOUS_SOURCE = "anonymous_source"
    NAMED_INSIDER = "named_insider"
    NAMED_OFFICIAL = "named_official"
    OFFICIAL_STATEMENT = "official_statement"
    LEAKED_DOCUMENT = "leaked_document"
    OUTLET_REPORTING = "outlet_reporting"
    ANALYST = "analyst"
    OPPOSITION_GROUP = "opposition_group"
    RIGHTS_GROUP = "rights_group"
    UNKNOWN = "unknown"


class ReportStance(StrEnum):
    """What the report says about the event."""

    ASSERTS = "asserts"
    DISPUTES = "disputes"
    DENIES = "denies"


class Verification(StrEnum):
    """How far the event is established by its reports (rules in the codebook)."""

    UNVERIFIED = "unverified"
    SINGLE_SOURCE = "single_source"
    CORROBORATED = "corroborated"
    OFFICIALLY_ACKNOWLEDGED = "officially_acknowledged"
    DISPUTED = "disputed"
    DEBUNKED = "debunked"


class Confidence(StrEnum):
    """The coder's confidence that the event happened as coded."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class OutletType(StrEnum):
    """What kind of publisher a source comes from."""

    INDEPENDENT = "independent"
    STATE = "state"
    SEMI_OFFICIAL = "semi_official"
    OPPOSITION = "opposition"
    PARTISAN = "partisan"
    INTERNATIONAL = "international"
    FOREIGN_STATE = "foreign_state"
    ACADEMIC = "academic"
    RIGHTS_GROUP = "rights_group"
    AGGREGATOR = "aggregator"
