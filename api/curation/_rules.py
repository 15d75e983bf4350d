"""The validator's rule table: rule id -> check, scope, severity and a one-line doc.

The codebook lists this table, and every problem the validator reports carries one of these
ids. Decoding rules have no check function here: msgspec enforces them while loading (see
``_load.DECODE_RULES``), and the loader reports them under these ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from api.curation import _checks_links as links
from api.curation import _checks_refs as refs
from api.curation import _checks_safety as safety
from api.curation import _checks_values as values
from api.curation import _checks_verification as verif
from api.curation._context import Context, Findings
from api.curation._load import DECODE_RULES
from api.curation._problems import Problem, Severity
from api.curation._versions import parse_semver
from api.records import Coverage, Event, Source

__all__ = [
    "COVERAGE_RULES",
    "DATASET_RULES",
    "EVENT_RULES",
    "RULE_DOCS",
    "SOURCE_RULES",
    "DatasetRule",
    "RecordRule",
    "RuleDoc",
    "applies",
]

R = TypeVar("R", Event, Source, Coverage)


def applies(since: str | None, version: str | None) -> bool:
    """A rule introduced in release ``since`` applies to ``version`` and later (and to None)."""
    if since is None or version is None:
        return True
    return (parse_semver(version) or (0, 0, 0)) >= (parse_semver(since) or (0, 0, 0))


@dataclass(frozen=True)
class RuleDoc:
    """What the codebook says about a rule."""

    id: str
    scope: str
    severity: Severity
    doc: str


@dataclass(frozen=True)
class RecordRule(Generic[R]):
    """A rule checked on one record at a time."""

    id: str
    check: Callable[[R, Context], Findings]
    severity: Severity = Severity.ERROR
    since: str | None = None
    """First release the rule applies to; building an older release skips it (reproducibility)."""

    @property
    def doc(self) -> str:
        """First line of the check's docstring (and the release it applies from)."""
        doc = (self.check.__doc__ or "").strip().splitlines()[0]
        return f"{doc} (from release {self.since})" if self.since else doc

    def applies_to(self, version: str | None) -> bool:
        """Whether the rule is checked when building ``version`` (None: the working records)."""
        return applies(self.since, version)


@dataclass(frozen=True)
class DatasetRule:
    """A rule checked once every record has been seen."""

    id: str
    check: Callable[[Context, links.EventLinks], Iterator[Problem]]
    severity: Severity = Severity.ERROR

    @property
    def doc(self) -> str:
        """First line of the check's docstring."""
        return (self.check.__doc__ or "").strip().splitlines()[0]


SOURCE_RULES: tuple[RecordRule[Source], ...] = (
    RecordRule("id-filename", values.check_id_filename),
    RecordRule("ref-republished-from", refs.check_ref_republished_from),
    RecordRule("source-reprint-cycle", links.check_source_reprint_cycle),
)

EVENT_RULES: tuple[RecordRule[Event], ...] = (
    RecordRule("id-filename", values.check_id_filename),
    RecordRule("ref-source", refs.check_ref_source),
    RecordRule("ref-cites-source", refs.check_ref_cites_source),
    RecordRule("ref-organisation", refs.check_ref_organisation),
    RecordRule("ref-campaign", refs.check_ref_campaign),
    RecordRule("ref-country", refs.check_ref_country),
    RecordRule("ref-admin1", refs.check_ref_admin1),
    RecordRule("admin1-country", refs.check_admin1_country),
    RecordRule("date-order", values.check_date_order),
    RecordRule("date-day-precision", values.check_date_day_precision),
    RecordRule("estimate-order", values.check_estimate_order),
    RecordRule("estimate-at-least", values.check_estimate_at_least),
    RecordRule("estimate-at-most", values.check_estimate_at_most),
    RecordRule("estimate-exact", values.check_estimate_exact),
    RecordRule("coordinates-pair", values.check_coordinates_pair),
    RecordRule("geo-placed", values.check_geo_placed, since="1.2.0"),
    RecordRule("status-merged", values.check_status_merged),
    RecordRule("status-retracted", values.check_status_retracted),
    RecordRule("status-active", values.check_status_active),
    RecordRule("safety-rank", safety.check_safety_rank),
    RecordRule("safety-target", safety.check_safety_target),
    RecordRule("verification-corroborated", verif.check_verification_corroborated),
    RecordRule("verification-single-source", verif.check_verification_single_source),
    RecordRule("origin-chain", verif.check_origin_chain, since="1.2.0"),
    RecordRule("verification-official", verif.check_verification_official),
    RecordRule("verification-disputed", verif.check_verification_disputed),
    RecordRule("verification-debunked", verif.check_verification_debunked),
    RecordRule("confidence-anonymous", verif.check_confidence_anonymous),
    RecordRule("campaign-dates", values.check_campaign_dates, Severity.WARNING),
)

COVERAGE_RULES: tuple[RecordRule[Coverage], ...] = (
    RecordRule("id-filename", values.check_id_filename),
    RecordRule("coverage-date-order", values.check_coverage_date_order),
    RecordRule("coverage-ref-source", refs.check_coverage_refs_source),
    RecordRule("coverage-ref-event", refs.check_coverage_refs_event),
    RecordRule("coverage-ref-campaign", refs.check_coverage_refs_campaign),
)

DATASET_RULES: tuple[DatasetRule, ...] = (
    DatasetRule("merged-target", links.check_merged_target),
    DatasetRule("ref-related-event", links.check_ref_related_event),
)

_LOADER_DOCS: tuple[RuleDoc, ...] = (
    RuleDoc("yaml", "all", Severity.ERROR, "Every record file is well-formed YAML."),
    RuleDoc(
        "schema",
        "all",
        Severity.ERROR,
        "Every record decodes into its schema struct (types, enums, patterns, required fields).",
    ),
    *(RuleDoc(rid, "decode", Severity.ERROR, doc) for rid, _, doc in DECODE_RULES),
    RuleDoc("id-unique", "all", Severity.ERROR, "No two records of one kind share an id."),
)


def _docs() -> tuple[RuleDoc, ...]:
    out: dict[str, RuleDoc] = {d.id: d for d in _LOADER_DOCS}
    scoped: list[
        tuple[
            str,
            tuple[RecordRule[Source] | RecordRule[Event] | RecordRule[Coverage] | DatasetRule, ...],
        ]
    ] = [
        ("source", SOURCE_RULES),
        ("event", EVENT_RULES),
        ("coverage", COVERAGE_RULES),
        ("dataset", DATASET_RULES),
    ]
    for scope, rules in scoped:
        for rule in rules:
            if rule.id in out:
                # A rule shared by several record kinds (id-filename) is listed once.
                prev = out[rule.id]
                if prev.scope != "all" and scope not in prev.scope:
                    out[rule.id] = RuleDoc(rule.id, "all", prev.severity, prev.doc)
                continue
            out[rule.id] = RuleDoc(rule.id, scope, rule.severity, rule.doc)
    return tuple(out.values())


RULE_DOCS: tuple[RuleDoc, ...] = _docs()
"""Every rule id the validator can report, in table order."""
