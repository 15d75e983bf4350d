"""Where a claim comes from: reprints and relays of one claim count as one origin.

A report's *origin* is the root of its source, following ``Source.republished_from``; when the
report names ``cites_source`` (it relays a claim from another source in the dataset), the origin
is the root of that cited source instead.

A *reprint chain* groups the reports that carry one claim: reports with the same origin, and
reports that relay the same outlet (no ``cites_source``, and a ``via`` chain ending at that
outlet rather than at the report's own publisher, e.g. two pages relaying one ILNA report), and
reports published by the outlet that another report relays. At most one origin is counted per
chain: the chains are the independent origins of a set of reports.

A report's *origin outlet* is the outlet that first published the claim: the outlet of the
origin source, except that a report whose ``via`` chain names outlets outside the dataset is
credited to the last outlet of that chain (the one nearest the claimant). It tells two reprints
of one outlet's story apart from two outlets' independent reporting.
"""

from __future__ import annotations

from collections.abc import Iterable

from api.curation._context import Context
from api.records import ClaimantType, Report, ReportStance

__all__ = ["ANONYMOUS_CLAIMANTS", "asserting", "origin_chains", "origin_of", "origin_outlet_of"]

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


def _relayed_outlet(report: Report, ctx: Context) -> str | None:
    """The outside outlet a report relays: the end of its via chain, unless its own outlet."""
    if report.cites_source is not None or not report.via:
        return None
    last = _norm(report.via[-1])
    source = ctx.sources.get(report.source)
    return None if source is not None and _norm(source.outlet) == last else last


def origin_chains(reports: Iterable[Report], ctx: Context) -> list[list[Report]]:
    """The reports grouped into reprint chains (union of same origin and same relayed outlet)."""
    items = list(reports)
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple[str, str], int] = {}

    def join(i: int, key: tuple[str, str]) -> None:
        if key in first:
            parent[find(i)] = find(first[key])
        else:
            first[key] = i

    relayed = [_relayed_outlet(r, ctx) for r in items]
    relayed_outlets = {x for x in relayed if x is not None}
    for i, report in enumerate(items):
        origin = origin_of(report, ctx)
        join(i, ("origin", origin))
        outlet = relayed[i]
        if outlet is not None:
            join(i, ("outlet", outlet))
        # a report published by the outlet that another report relays is that relay's original
        source = ctx.sources.get(origin)
        own = _norm(source.outlet) if source is not None else None
        if own in relayed_outlets:
            join(i, ("outlet", own))
    groups: dict[int, list[Report]] = {}
    for i, report in enumerate(items):
        groups.setdefault(find(i), []).append(report)
    return list(groups.values())
