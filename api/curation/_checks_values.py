"""Consistency of values inside one record: dates, estimates, coordinates, status, ids."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import PurePosixPath

from api.curation._context import Context, Findings
from api.curation._geocode import NOT_PLACED_MARK, PLACEABLE
from api.records import (
    Coverage,
    DatePrecision,
    Estimate,
    Event,
    EventStatus,
    Qualifier,
    Source,
)

__all__ = [
    "check_campaign_dates",
    "check_coordinates_pair",
    "check_coverage_date_order",
    "check_date_day_precision",
    "check_date_order",
    "check_estimate_at_least",
    "check_estimate_at_most",
    "check_estimate_exact",
    "check_estimate_order",
    "check_geo_placed",
    "check_id_filename",
    "check_status_active",
    "check_status_merged",
    "check_status_retracted",
]

_MAGNITUDES = ("participants", "cases", "killed", "arrested")
_PLACEABLE = PLACEABLE
_NOT_PLACED = NOT_PLACED_MARK.casefold()


def check_id_filename(record: Event | Source | Coverage, ctx: Context) -> Findings:
    """A record's file is named after its id (``FL-000001.yaml`` holds ``id: FL-000001``)."""
    stem = PurePosixPath(ctx.current_file).stem
    if stem != record.id:
        yield "$.id", f"id {record.id} does not match file name {stem}"


def check_date_order(event: Event, ctx: Context) -> Findings:
    """date_start is on or before date_end."""
    if event.date_start > event.date_end:
        yield "$.date_end", f"date_start {event.date_start} > date_end {event.date_end}"


def check_date_day_precision(event: Event, ctx: Context) -> Findings:
    """date_precision day means date_start equals date_end."""
    if event.date_precision is DatePrecision.DAY and event.date_start != event.date_end:
        yield (
            "$.date_precision",
            f"precision day but date_start {event.date_start} != date_end {event.date_end}",
        )


def check_coverage_date_order(cov: Coverage, ctx: Context) -> Findings:
    """A coverage period's date_start is on or before its date_end."""
    if cov.date_start > cov.date_end:
        yield "$.date_end", f"date_start {cov.date_start} > date_end {cov.date_end}"


def _estimates(event: Event) -> list[tuple[str, Estimate]]:
    found = []
    for name in _MAGNITUDES:
        est = getattr(event.magnitudes, name)
        if est is not None:
            found.append((f"$.magnitudes.{name}", est))
    return found


def check_estimate_order(event: Event, ctx: Context) -> Findings:
    """Estimates are ordered: low <= best <= high, for whichever of them are given."""
    for path, est in _estimates(event):
        named = [(n, v) for n, v in (("low", est.low), ("best", est.best), ("high", est.high))]
        given = [(n, v) for n, v in named if v is not None]
        for (n1, v1), (n2, v2) in itertools.pairwise(given):
            if v1 > v2:
                yield path, f"{n1} {v1} > {n2} {v2}"


def check_estimate_at_least(event: Event, ctx: Context) -> Findings:
    """Qualifier at_least means a lower bound: low set, high unset."""
    for path, est in _estimates(event):
        if est.qualifier is not Qualifier.AT_LEAST:
            continue
        if est.low is None:
            yield path, "qualifier at_least needs low"
        if est.high is not None:
            yield path, f"qualifier at_least cannot have high ({est.high})"


def check_estimate_at_most(event: Event, ctx: Context) -> Findings:
    """Qualifier at_most means an upper bound: high set, low unset."""
    for path, est in _estimates(event):
        if est.qualifier is not Qualifier.AT_MOST:
            continue
        if est.high is None:
            yield path, "qualifier at_most needs high"
        if est.low is not None:
            yield path, f"qualifier at_most cannot have low ({est.low})"


def check_estimate_exact(event: Event, ctx: Context) -> Findings:
    """Qualifier exact needs a number, and low, best and high (where given) are equal."""
    for path, est in _estimates(event):
        if est.qualifier is not Qualifier.EXACT:
            continue
        given = {v for v in (est.low, est.best, est.high) if v is not None}
        if not given:
            yield path, "qualifier exact needs a number"
        elif len(given) > 1:
            yield (
                path,
                f"qualifier exact but low/best/high differ ({est.low}/{est.best}/{est.high})",
            )


def check_coordinates_pair(event: Event, ctx: Context) -> Findings:
    """latitude and longitude are given together or not at all."""
    loc = event.location
    if (loc.latitude is None) != (loc.longitude is None):
        missing = "longitude" if loc.longitude is None else "latitude"
        yield f"$.location.{missing}", f"{missing} missing while the other coordinate is set"


def check_status_merged(event: Event, ctx: Context) -> Findings:
    """A merged event names the event it was merged into, which is not itself."""
    if event.status is not EventStatus.MERGED:
        return
    if event.merged_into is None:
        yield "$.merged_into", "status merged needs merged_into"
    elif event.merged_into == event.id:
        yield "$.merged_into", f"{event.id} is merged into itself"


def check_status_retracted(event: Event, ctx: Context) -> Findings:
    """A retracted event says why (status_reason) and is merged into nothing."""
    if event.status is not EventStatus.RETRACTED:
        return
    if not event.status_reason:
        yield "$.status_reason", "status retracted needs status_reason"
    if event.merged_into is not None:
        yield "$.merged_into", "a retracted event cannot have merged_into"


def check_status_active(event: Event, ctx: Context) -> Findings:
    """An active event has neither merged_into nor status_reason."""
    if event.status is not EventStatus.ACTIVE:
        return
    if event.merged_into is not None:
        yield "$.merged_into", "an active event cannot have merged_into"
    if event.status_reason is not None:
        yield "$.status_reason", "an active event cannot have status_reason"


def check_campaign_dates(event: Event, ctx: Context) -> Findings:
    """The event's dates overlap its campaign's dates (warning: campaign bounds are approximate)."""
    campaign = ctx.campaigns.get(event.campaign) if event.campaign else None
    if campaign is None:
        return
    end = campaign.date_end or dt.date.max
    if event.date_end < campaign.date_start or event.date_start > end:
        span = f"{campaign.date_start}..{campaign.date_end or 'open'}"
        yield (
            "$.campaign",
            f"event {event.date_start}..{event.date_end} is outside campaign "
            f"{campaign.id} ({span})",
        )


def check_geo_placed(event: Event, ctx: Context) -> Findings:
    """An active city/site event has coordinates, or its coder_notes say why not ("Not placed:")."""
    loc = event.location
    if event.status is not EventStatus.ACTIVE or loc.geo_precision not in _PLACEABLE:
        return
    if loc.latitude is not None and loc.longitude is not None:
        return
    if _NOT_PLACED in (event.coder_notes or "").casefold():
        return
    yield (
        "$.location",
        f"{loc.geo_precision} precision needs latitude and longitude (run `python -m "
        "api.curation geocode --write`), or a coder note 'Not placed: <why>'",
    )
