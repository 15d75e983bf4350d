"""A release's headline figures, by the toolchain's own definitions.

One function computes them from records, so the figures the coders watch while curating
(``python -m api.curation figures`` on the dataset folder) and the minimums asserted on a
published release (``tests/unit/curation/test_release_minimums.py``, from its files) cannot
disagree: active events, sources, the share of city/site events placed, the share of active
events resting on a single origin (one origin per reprint chain), Persian-language sources and
state or semi-official sources.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from api.curation._context import Context
from api.curation._geocode import PLACEABLE
from api.curation._origins import asserting, origin_chains
from api.records import Event, EventStatus, OutletType, Source

__all__ = ["Figures", "figures"]

_OFFICIAL = frozenset({OutletType.STATE, OutletType.SEMI_OFFICIAL})


@dataclass(frozen=True)
class Figures:
    """What a release holds, and the ids behind the shares."""

    events: int
    active: int
    sources: int
    persian_sources: int
    official_sources: int
    placeable: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    single_origin: list[str] = field(default_factory=list)

    @property
    def placed_share(self) -> float:
        """Share of active city/site events with coordinates."""
        if not self.placeable:
            return 1.0
        return (len(self.placeable) - len(self.unplaced)) / len(self.placeable)

    @property
    def single_origin_share(self) -> float:
        """Share of active events whose asserting reports form at most one reprint chain."""
        return len(self.single_origin) / self.active if self.active else 0.0

    def lines(self) -> list[str]:
        """The figures in words, one per line."""
        placed = len(self.placeable) - len(self.unplaced)
        return [
            f"events: {self.events} ({self.active} active)",
            f"sources: {self.sources}",
            f"city/site events placed: {placed} of {len(self.placeable)} "
            f"({100 * self.placed_share:.1f}%)",
            f"single-origin active events: {len(self.single_origin)} of {self.active} "
            f"({100 * self.single_origin_share:.1f}%)",
            f"Persian-language sources: {self.persian_sources}",
            f"state or semi-official sources: {self.official_sources}",
        ]


def figures(events: Iterable[Event], sources: Iterable[Source], ctx: Context) -> Figures:
    """The figures of ``events`` and ``sources``; ``ctx`` must know every source."""
    all_events = list(events)
    all_sources = list(sources)
    active = [e for e in all_events if e.status is EventStatus.ACTIVE]
    placeable = [e for e in active if e.location.geo_precision in PLACEABLE]
    return Figures(
        events=len(all_events),
        active=len(active),
        sources=len(all_sources),
        persian_sources=sum(s.language == "fa" for s in all_sources),
        official_sources=sum(s.outlet_type in _OFFICIAL for s in all_sources),
        placeable=[e.id for e in placeable],
        unplaced=[e.id for e in placeable if e.location.latitude is None],
        single_origin=[e.id for e in active if len(origin_chains(asserting(e.reports), ctx)) <= 1],
    )
