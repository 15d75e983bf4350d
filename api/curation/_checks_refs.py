"""Referential integrity: every id a record mentions exists, in the vocabularies or the records."""

from __future__ import annotations

from api.curation._context import Context, Findings
from api.records import Coverage, Event, Source

__all__ = [
    "check_admin1_country",
    "check_coverage_refs_campaign",
    "check_coverage_refs_event",
    "check_coverage_refs_source",
    "check_ref_admin1",
    "check_ref_campaign",
    "check_ref_cites_source",
    "check_ref_country",
    "check_ref_organisation",
    "check_ref_republished_from",
    "check_ref_source",
]


def check_ref_source(event: Event, ctx: Context) -> Findings:
    """Each report's source is a source record."""
    for i, report in enumerate(event.reports):
        if report.source not in ctx.sources:
            yield f"$.reports[{i}].source", f"unknown source {report.source}"


def check_ref_cites_source(event: Event, ctx: Context) -> Findings:
    """A report's cites_source is a source record other than the report's own source."""
    for i, report in enumerate(event.reports):
        cited = report.cites_source
        if cited is None:
            continue
        if cited not in ctx.sources:
            yield f"$.reports[{i}].cites_source", f"unknown source {cited}"
        elif cited == report.source:
            yield f"$.reports[{i}].cites_source", f"{cited} cites itself"


def check_ref_organisation(event: Event, ctx: Context) -> Findings:
    """Each actor's organisation is in vocab/organisations.yaml."""
    for i, actor in enumerate(event.actors):
        if actor.organisation not in ctx.organisations:
            yield f"$.actors[{i}].organisation", f"unknown organisation {actor.organisation!r}"


def check_ref_campaign(event: Event, ctx: Context) -> Findings:
    """The event's campaign is in vocab/campaigns.yaml."""
    if event.campaign is not None and event.campaign not in ctx.campaigns:
        yield "$.campaign", f"unknown campaign {event.campaign!r}"


def check_ref_country(event: Event, ctx: Context) -> Findings:
    """The event's country is in vocab/countries.yaml."""
    if event.location.country not in ctx.admin1_of:
        yield "$.location.country", f"unknown country {event.location.country!r}"


def check_ref_admin1(event: Event, ctx: Context) -> Findings:
    """The event's admin1 is an admin1 unit listed in vocab/countries.yaml."""
    admin1 = event.location.admin1
    if admin1 is not None and admin1 not in ctx.admin1_codes:
        yield "$.location.admin1", f"unknown admin1 {admin1!r}"


def check_admin1_country(event: Event, ctx: Context) -> Findings:
    """The event's admin1 belongs to the event's country."""
    loc = event.location
    if (
        loc.admin1 is not None
        and loc.admin1 in ctx.admin1_codes
        and loc.admin1 not in ctx.admin1_of.get(loc.country, set())
    ):
        yield "$.location.admin1", f"admin1 {loc.admin1} is not in country {loc.country}"


def check_ref_republished_from(source: Source, ctx: Context) -> Findings:
    """A source's republished_from is another source record."""
    parent = source.republished_from
    if parent is None:
        return
    if parent == source.id:
        yield "$.republished_from", f"{parent} reprints itself"
    elif parent not in ctx.sources:
        yield "$.republished_from", f"unknown source {parent}"


def check_coverage_refs_source(cov: Coverage, ctx: Context) -> Findings:
    """Each of a coverage record's sources_found is a source record."""
    for i, sid in enumerate(cov.sources_found):
        if sid not in ctx.sources:
            yield f"$.sources_found[{i}]", f"unknown source {sid}"


def check_coverage_refs_event(cov: Coverage, ctx: Context) -> Findings:
    """Each of a coverage record's events_found is an event record."""
    for i, eid in enumerate(cov.events_found):
        if eid not in ctx.event_status:
            yield f"$.events_found[{i}]", f"unknown event {eid}"


def check_coverage_refs_campaign(cov: Coverage, ctx: Context) -> Findings:
    """A coverage record's campaign is in vocab/campaigns.yaml."""
    if cov.campaign is not None and cov.campaign not in ctx.campaigns:
        yield "$.campaign", f"unknown campaign {cov.campaign!r}"
