"""changes.json: what a release adds, changes, merges and retracts against the previous one.

- ``added``: ids not in the previous release (whatever their status).
- ``merged`` / ``retracted``: ids whose status became merged / retracted in this release
  (new ids that arrive merged or retracted are listed here as well as under ``added``).
- ``changed``: ids of the previous release whose record JSON differs and that were not
  newly merged or retracted.
- ``reasons`` and ``sources`` (only in releases with change notes, see ``_change_notes``):
  the reason for each changed event, and the sources added and changed (with reasons).

The previous release is streamed from its ``events.jsonl``: only a digest and the status of
each record are kept.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from api.curation._change_notes import ChangeNotes
from api.records import Event, EventStatus, Source

__all__ = ["ChangeTracker"]


class _Head(msgspec.Struct):
    id: str
    status: EventStatus = EventStatus.ACTIVE


def _digest(line: bytes) -> bytes:
    return hashlib.blake2b(line, digest_size=16).digest()


@dataclass
class ChangeTracker:
    """Feed it every event of the new release in id order; then ask for the document."""

    version: str
    since: str | None
    previous: dict[str, tuple[bytes, EventStatus]] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    merged: list[dict[str, str | None]] = field(default_factory=list)
    retracted: list[dict[str, str | None]] = field(default_factory=list)
    notes: ChangeNotes | None = None
    previous_sources: dict[str, bytes] = field(default_factory=dict)
    sources_added: list[str] = field(default_factory=list)
    sources_changed: list[str] = field(default_factory=list)
    sources_missing: list[str] = field(default_factory=list)

    @classmethod
    def against(
        cls, version: str, previous: Path | None, notes: ChangeNotes | None = None
    ) -> ChangeTracker:
        """A tracker against the release folder ``previous`` (None for a first release)."""
        tracker = cls(version=version, since=previous.name if previous else None, notes=notes)
        if previous is not None:
            decoder = msgspec.json.Decoder(_Head)
            with (previous / "events.jsonl").open("rb") as fh:
                for line in fh:
                    line = line.rstrip(b"\n")
                    head = decoder.decode(line)
                    tracker.previous[head.id] = (_digest(line), head.status)
            with (previous / "sources.jsonl").open("rb") as fh:
                for line in fh:
                    line = line.rstrip(b"\n")
                    tracker.previous_sources[decoder.decode(line).id] = _digest(line)
        return tracker

    def add_sources(self, sources: list[Source]) -> None:
        """Compare the new release's sources (all of them, once) with the previous release's."""
        encoder = msgspec.json.Encoder()
        seen = set()
        for source in sources:
            seen.add(source.id)
            before = self.previous_sources.get(source.id)
            if before is None:
                self.sources_added.append(source.id)
            elif before != _digest(encoder.encode(source)):
                self.sources_changed.append(source.id)
        self.sources_missing = sorted(set(self.previous_sources) - seen)

    def note_problems(self) -> list[str]:
        """What the change notes fail to explain, or explain that did not change."""
        notes = self.notes or ChangeNotes()
        out: list[str] = []
        for kind, changed, reasons in (
            ("event", self.changed, notes.events),
            ("source", self.sources_changed, notes.sources),
        ):
            if missing := [i for i in changed if i not in reasons]:
                out.append(
                    f"{len(missing)} changed {kind}(s) have no reason in the change notes: "
                    + ", ".join(missing)
                )
            if stale := sorted(set(reasons) - set(changed)):
                out.append(
                    f"the change notes give reasons for {kind}(s) this release does not change: "
                    + ", ".join(stale)
                )
        if self.sources_missing:
            out.append(
                f"source ids of release {self.since} are missing: "
                + ", ".join(self.sources_missing)
                + "; ids are never removed"
            )
        return out

    def add(self, event: Event, line: bytes) -> None:
        """Compare one new event (and its JSON line) with the previous release."""
        # Popped: each id comes once, and what is left at the end has disappeared.
        before = self.previous.pop(event.id, None)
        if before is None:
            self.added.append(event.id)
        status = event.status
        newly = before is None or before[1] is not status
        if status is EventStatus.MERGED and newly:
            self.merged.append(
                {"id": event.id, "into": event.merged_into, "reason": event.status_reason}
            )
        elif status is EventStatus.RETRACTED and newly:
            self.retracted.append({"id": event.id, "reason": event.status_reason})
        elif before is not None and before[0] != _digest(line):
            self.changed.append(event.id)

    def missing_ids(self) -> list[str]:
        """Ids of the previous release not fed so far (after the last event: ids that vanished)."""
        return sorted(self.previous)

    def document(self) -> dict[str, Any]:
        """The changes.json document (with reasons when the release has change notes)."""
        doc: dict[str, Any] = {
            "version": self.version,
            "since": self.since,
            "added": self.added,
            "changed": self.changed,
            "merged": self.merged,
            "retracted": self.retracted,
        }
        if self.notes is not None:
            doc["reasons"] = {i: self.notes.events[i] for i in self.changed}
            doc["sources"] = {
                "added": self.sources_added,
                "changed": [
                    {"id": i, "reason": self.notes.sources[i]} for i in self.sources_changed
                ],
            }
        return doc
