"""Run the rule table over a dataset folder, streaming the events.

Order: vocabularies, then every source (kept, they are few), then events one at a time
(only id and status kept), then coverage records, then the rules that need every record.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from api.curation._checks_links import EventLinks
from api.curation._context import Context
from api.curation._load import iter_records, load_vocabularies
from api.curation._problems import Problem, Severity
from api.curation._rules import (
    COVERAGE_RULES,
    DATASET_RULES,
    EVENT_RULES,
    SOURCE_RULES,
    RecordRule,
)
from api.records import Coverage, Event, Source, Vocabularies

__all__ = ["ValidationResult", "validate"]

R = TypeVar("R", Event, Source, Coverage)


@dataclass
class ValidationResult:
    """Problems found, record counts, and the small record sets (sources, coverage) by id."""

    vocab: Vocabularies
    problems: list[Problem] = field(default_factory=list)
    events: int = 0
    sources: list[Source] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Problems that block a release."""
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """Problems worth a look that do not block a release."""
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def summary(self) -> str:
        """One line: what was checked and how it went."""
        return (
            f"{self.events} events, {len(self.sources)} sources, {len(self.coverage)} coverage "
            f"records: {len(self.errors)} errors, {len(self.warnings)} warnings"
        )


def _run(rules: Iterable[RecordRule[R]], record: R, ctx: Context, out: list[Problem]) -> None:
    for rule in rules:
        if not rule.applies_to(ctx.version):
            continue
        for where, message in rule.check(record, ctx):
            out.append(Problem(ctx.current_file, where, rule.id, message, rule.severity))


def _unique(rel: str, rid: str, seen: dict[str, str], out: list[Problem]) -> bool:
    first = seen.get(rid)
    if first is not None:
        out.append(Problem(rel, "$.id", "id-unique", f"id {rid} is also used by {first}"))
        return False
    return True


def validate(
    root: Path, on_event: Callable[[Event], None] | None = None, version: str | None = None
) -> ValidationResult:
    """Validate every record under ``root``.

    ``on_event`` receives each decodable event in file order, so that a caller (the release
    builder) can stage it while the validator streams. ``version`` is the release being built:
    rules introduced in a later release are skipped, so a published release rebuilds from its
    own records (None, the default, checks every rule). Raises ``ValueError`` if the
    vocabularies themselves cannot be read.
    """
    vocab = load_vocabularies(root)
    result = ValidationResult(vocab=vocab)
    out = result.problems
    ctx = Context.for_vocab(vocab)
    ctx.version = version

    source_seen: dict[str, str] = {}
    sources: list[tuple[str, Source]] = []
    for rel, source in iter_records(root, "sources", Source, out.append):
        if _unique(rel, source.id, source_seen, out):
            source_seen[source.id] = rel
            sources.append((rel, source))
    ctx.add_sources(sources)
    for rel, source in sources:
        ctx.current_file = rel
        _run(SOURCE_RULES, source, ctx, out)
    result.sources = sorted((s for _, s in sources), key=lambda s: s.id)

    links = EventLinks()
    for rel, event in iter_records(root, "events", Event, out.append):
        result.events += 1
        if event.id in ctx.event_status:
            out.append(Problem(rel, "$.id", "id-unique", f"id {event.id} is used twice"))
            continue
        ctx.event_status[event.id] = event.status
        ctx.current_file = rel
        _run(EVENT_RULES, event, ctx, out)
        if event.merged_into is not None:
            links.merged.append((event.id, event.merged_into))
        links.related.extend((event.id, i, t) for i, t in enumerate(event.related_events))
        if on_event is not None:
            on_event(event)

    cov_seen: dict[str, str] = {}
    for rel, cov in iter_records(root, "coverage", Coverage, out.append):
        if _unique(rel, cov.id, cov_seen, out):
            cov_seen[cov.id] = rel
            ctx.current_file = rel
            _run(COVERAGE_RULES, cov, ctx, out)
            result.coverage.append(cov)
    result.coverage.sort(key=lambda c: c.id)

    for drule in DATASET_RULES:
        for problem in drule.check(ctx, links):
            out.append(dataclasses.replace(problem, rule=drule.id, severity=drule.severity))

    out.sort()
    return result
