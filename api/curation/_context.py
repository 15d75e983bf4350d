"""What the validator knows while it streams records: vocabulary indexes and record indexes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from api.records import Campaign, EventStatus, Source, Vocabularies

__all__ = ["Context", "Finding", "Findings"]

Finding = tuple[str, str]
"""A broken rule inside the current record: (JSON path, message)."""

Findings = Iterator[Finding]


@dataclass
class Context:
    """Indexes the rules look things up in.

    Sources are few and all kept; events are only remembered by id and status, so that the
    validator can stream a million events.
    """

    vocab: Vocabularies
    organisations: set[str] = field(default_factory=set)
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    admin1_of: dict[str, set[str]] = field(default_factory=dict)
    admin1_codes: set[str] = field(default_factory=set)
    sources: dict[str, Source] = field(default_factory=dict)
    source_files: dict[str, str] = field(default_factory=dict)
    source_root: dict[str, str] = field(default_factory=dict)
    event_status: dict[str, EventStatus] = field(default_factory=dict)
    current_file: str = ""
    version: str | None = None
    """The release being built, if any (rules introduced later are skipped)."""

    @classmethod
    def for_vocab(cls, vocab: Vocabularies) -> Context:
        """Build the vocabulary indexes."""
        ctx = cls(vocab=vocab)
        ctx.organisations = {o.id for o in vocab.organisations}
        ctx.campaigns = {c.id: c for c in vocab.campaigns}
        ctx.admin1_of = {c.code: {a.code for a in c.admin1} for c in vocab.countries}
        ctx.admin1_codes = set().union(*ctx.admin1_of.values()) if ctx.admin1_of else set()
        return ctx

    def add_sources(self, sources: Iterable[tuple[str, Source]]) -> None:
        """Index the sources (by id) and work out each one's root through ``republished_from``."""
        for rel, source in sources:
            self.sources.setdefault(source.id, source)
            self.source_files.setdefault(source.id, rel)
        self.source_root = {sid: self._walk_to_root(sid) for sid in self.sources}

    def _walk_to_root(self, source_id: str) -> str:
        # Stops at a missing link or a cycle; both are reported by their own rules.
        seen = {source_id}
        current = source_id
        while True:
            parent = self.sources[current].republished_from
            if parent is None or parent not in self.sources or parent in seen:
                return current
            seen.add(parent)
            current = parent

    def root_of(self, source_id: str) -> str:
        """The original a source reprints (itself if it is no reprint, or is unknown)."""
        return self.source_root.get(source_id, source_id)
