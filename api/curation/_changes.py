"""changes.json: what a release adds, changes, merges and retracts against the previous one.

- ``added``: ids not in the previous release (whatever their status).
- ``merged`` / ``retracted``: ids whose status became merged / retracted in this release
  (new ids that arrive merged or retracted are listed here as well as under ``added``).
- ``changed``: ids of the previous release whose record JSON differs and that were not
  newly merged or retracted.

The previous release is streamed from its ``events.jsonl``: only a digest and the status of
each record are kept.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from api.records import Event, EventStatus

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

    @classmethod
    def against(cls, version: str, previous: Path | None) -> ChangeTracker:
        """A tracker against the release folder ``previous`` (None for a first release)."""
        tracker = cls(version=version, since=previous.name if previous else None)
        if previous is not None:
            decoder = msgspec.json.Decoder(_Head)
            with (previous / "events.jsonl").open("rb") as fh:
                for line in fh:
                    line = line.rstrip(b"\n")
                    head = decoder.decode(line)
                    tracker.previous[head.id] = (_digest(line), head.status)
        return tracker

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
        """The changes.json document."""
        return {
            "version": self.version,
            "since": self.since,
            "added": self.added,
            "changed": self.changed,
            "merged": self.merged,
            "retracted": self.retracted,
        }
