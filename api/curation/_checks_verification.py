"""Verification and confidence follow the reports (see ``_origins`` for what an origin is)."""

from __future__ import annotations

from api.curation._context import Context, Findings
from api.curation._origins import (
    ANONYMOUS_CLAIMANTS,
    asserting,
    origin_chains,
    origin_of,
    origin_outlet_of,
)
from api.records import ClaimantType, Confidence, Event, ReportStance, Verification

__all__ = [
    "check_confidence_anonymous",
    "check_origin_chain",
    "check_verification_corroborated",
    "check_verification_debunked",
    "check_verification_disputed",
    "check_verification_official",
    "check_verification_single_source",
]

_OFFICIAL = frozenset({ClaimantType.NAMED_OFFICIAL, ClaimantType.OFFICIAL_STATEMENT})
_CONTRARY = frozenset({ReportStance.DISPUTES, ReportStance.DENIES})


def _origins(event: Event, ctx: Context) -> list[str]:
    return sorted({origin_of(r, ctx) for r in asserting(event.reports)})


def check_verification_corroborated(event: Event, ctx: Context) -> Findings:
    """corroborated: >= 2 distinct origins assert it, and they are not one anonymous claim.

    Two origins are enough if any asserting report is not anonymous; anonymous claims alone
    need origins at two distinct outlets.
    """
    if event.verification is not Verification.CORROBORATED:
        return
    origins = _origins(event, ctx)
    if len(origins) < 2:
        yield (
            "$.verification",
            f"corroborated needs >= 2 distinct origins among asserting reports, "
            f"found {len(origins)} ({', '.join(origins) or 'none'})",
        )
        return
    reports = asserting(event.reports)
    if all(r.claimant_type in ANONYMOUS_CLAIMANTS for r in reports):
        outlets = sorted({origin_outlet_of(r, ctx) for r in reports})
        if len(outlets) < 2:
            yield (
                "$.verification",
                f"corroborated from anonymous claims needs origins at distinct outlets, "
                f"all trace to {outlets[0]!r}",
            )


def check_verification_single_source(event: Event, ctx: Context) -> Findings:
    """single_source: the asserting reports form exactly one reprint chain (one origin)."""
    if event.verification is not Verification.SINGLE_SOURCE:
        return
    chains = origin_chains(asserting(event.reports), ctx)
    if len(chains) != 1:
        origins = sorted({origin_of(chain[0], ctx) for chain in chains})
        yield (
            "$.verification",
            f"single_source needs exactly 1 origin among asserting reports, "
            f"found {len(chains)} ({', '.join(origins) or 'none'})",
        )


def check_origin_chain(event: Event, ctx: Context) -> Findings:
    """corroborated: asserting reports form >= 2 reprint chains (relays of one outlet are one)."""
    if event.verification is not Verification.CORROBORATED:
        return
    reports = asserting(event.reports)
    if len(_origins(event, ctx)) < 2:
        return  # verification-corroborated reports this
    chains = origin_chains(reports, ctx)
    if len(chains) < 2:
        relayed = sorted({r.via[-1] for r in reports if r.via and r.cites_source is None})
        yield (
            "$.verification",
            "corroborated needs >= 2 independent origins, but every asserting report relays "
            f"one claim ({', '.join(relayed) or 'one origin'}): count it once",
        )


def check_verification_official(event: Event, ctx: Context) -> Findings:
    """officially_acknowledged: a named official or an official statement asserts it."""
    if event.verification is not Verification.OFFICIALLY_ACKNOWLEDGED:
        return
    if not any(r.claimant_type in _OFFICIAL for r in asserting(event.reports)):
        yield (
            "$.verification",
            "officially_acknowledged needs an asserting report by a named_official "
            "or an official_statement",
        )


def check_verification_disputed(event: Event, ctx: Context) -> Findings:
    """disputed: at least one report disputes or denies it."""
    if event.verification is not Verification.DISPUTED:
        return
    if not any(r.stance in _CONTRARY for r in event.reports):
        yield "$.verification", "disputed needs a report that disputes or denies the event"


def check_verification_debunked(event: Event, ctx: Context) -> Findings:
    """debunked: at least one report disputes or denies it, and confidence is low."""
    if event.verification is not Verification.DEBUNKED:
        return
    if not any(r.stance in _CONTRARY for r in event.reports):
        yield "$.verification", "debunked needs a report that disputes or denies the event"
    if event.confidence is not Confidence.LOW:
        yield "$.confidence", f"debunked needs confidence low, not {event.confidence}"


def check_confidence_anonymous(event: Event, ctx: Context) -> Findings:
    """Confidence high is not allowed for an unverified or single-source anonymous claim."""
    if event.confidence is not Confidence.HIGH:
        return
    if event.verification not in (Verification.UNVERIFIED, Verification.SINGLE_SOURCE):
        return
    if all(r.claimant_type in ANONYMOUS_CLAIMANTS for r in event.reports):
        yield (
            "$.confidence",
            f"confidence high with verification {event.verification} and only anonymous reports",
        )
