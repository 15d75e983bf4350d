"""Where a claim comes from: reprints and relays of one claim count as one origin.

A report's *origin* is the root of its source, following ``Source.republished_from``; when the
report names ``cites_source`` (it relays a claim from another source in the dataset), the origin
is the root of that cited source instead.

A report's *origin outlet* is the outlet that first published the claim: the outlet of the
origin source, except that a report whose ``via`` chain names outlets outside the dataset is
credited to the last outlet of that chain (the one nearest the claimant). It tells two reprints
of one outlet's story apart from two outlets' independent reporting.
"""

from __future__ import annotations

from collections.abc import Iterable

from api.curation._context import Context
from api.records import ClaimantType, Report, ReportStance

__all__ = ["ANONYMOUS_CLAIMANTS", "asserting", "origin_of", "origin_outlet_of"]

ANONYMOUS_CLAIMANTS = frozenset({ClaimantType.ANONYMOUS_INSIDER, ClaimantType.ANONYMOUS_SOURCE})


def asserting(reports: Iterable[Report]) -> list[Report]:
    """The reports that assert the event (not those that dispute or deny it)."""
    return [r for r in reports if r.stance is ReportStance.ASSERTS]


def origin_of(report: Report, ctx: Context) -> str:
    """The id of the source the report's claim originates from."""
    return ctx.root_of(report.cites_source or report.source)


def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


def origin_outlet_of(report: Report, ctx: Context) -> str:
    """The (normalised) name of the outlet that first published the report's claim."""
    if report.cites_source is None and report.via:
        return _norm(report.via[-1])
    origin = ctx.sources.get(origin_of(report, ctx))
    return _norm(origin.outlet) if origin is not None else origin_of(report, ctx)
