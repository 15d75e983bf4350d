"""Links between records that can only be checked once every record has been seen."""

from __future__ import annotations

from collections.abc import Iterator

from api.curation._context import Context, Findings
from api.curation._problems import Problem
from api.records import EventStatus, Source

__all__ = [
    "EventLinks",
    "check_merged_target",
    "check_ref_related_event",
    "check_source_reprint_cycle",
]


class EventLinks:
    """Event-to-event links collected while streaming, checked at the end."""

    def __init__(self) -> None:
        self.merged: list[tuple[str, str]] = []
        self.related: list[tuple[str, int, str]] = []


def _file(event_id: str) -> str:
    # The file name equals the id, or id-filename has already failed for it.
    return f"events/{event_id}.yaml"


def check_merged_target(ctx: Context, links: EventLinks) -> Iterator[Problem]:
    """A merged event's merged_into is an existing, active event."""
    for event_id, target in links.merged:
        status = ctx.event_status.get(target)
        if target == event_id:
            continue  # reported by status-merged
        if status is None:
            yield Problem(_file(event_id), "$.merged_into", "", f"unknown event {target}")
        elif status is not EventStatus.ACTIVE:
            yield Problem(
                _file(event_id), "$.merged_into", "", f"merged into {target}, which is {status}"
            )


def check_ref_related_event(ctx: Context, links: EventLinks) -> Iterator[Problem]:
    """Each of related_events is an existing event other than the event itself."""
    for event_id, i, target in links.related:
        where = f"$.related_events[{i}]"
        if target == event_id:
            yield Problem(_file(event_id), where, "", f"{event_id} is related to itself")
        elif target not in ctx.event_status:
            yield Problem(_file(event_id), where, "", f"unknown event {target}")


def check_source_reprint_cycle(source: Source, ctx: Context) -> Findings:
    """Following republished_from from a source never comes back to it."""
    seen = {source.id}
    current = source.republished_from
    while current is not None and current in ctx.sources:
        if current in seen:
            if current == source.id and source.republished_from != source.id:
                yield "$.republished_from", f"republication cycle through {current}"
            return
        seen.add(current)
        current = ctx.sources[current].republished_from
