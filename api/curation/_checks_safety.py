"""The safety policy: who may be named, and in which actors."""

from __future__ import annotations

from api.curation._context import Context, Findings
from api.records import ActorRole, Event, PersonBasis, RankTier

__all__ = ["check_safety_rank", "check_safety_target"]

_ANONYMOUS_TIERS = frozenset({RankTier.RANK_AND_FILE, RankTier.VOLUNTEER})
_TARGET_BASES = frozenset({PersonBasis.PUBLIC_OFFICIAL, PersonBasis.COMMANDER})


def check_safety_rank(event: Event, ctx: Context) -> Findings:
    """Rank-and-file members and volunteers are named only if they went on the record."""
    for i, actor in enumerate(event.actors):
        if actor.rank_tier not in _ANONYMOUS_TIERS:
            continue
        for j, person in enumerate(actor.people):
            if person.basis is not PersonBasis.ON_THE_RECORD:
                yield (
                    f"$.actors[{i}].people[{j}].basis",
                    f"a {actor.rank_tier} member may only be named on_the_record, "
                    f"not {person.basis}",
                )


def check_safety_target(event: Event, ctx: Context) -> Findings:
    """People targeted (arrested, tried, purged) are named only if officials or commanders."""
    for i, actor in enumerate(event.actors):
        if actor.role is not ActorRole.TARGET:
            continue
        for j, person in enumerate(actor.people):
            if person.basis not in _TARGET_BASES:
                yield (
                    f"$.actors[{i}].people[{j}].basis",
                    f"a target may only be named as public_official or commander, "
                    f"not {person.basis}",
                )
