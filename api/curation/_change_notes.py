"""Change notes: why each event and source record changed in a release.

``dataset/changes/<version>.yaml`` gives a reason for every existing record that a release
changes (merged and retracted events carry theirs in ``status_reason``)::

    events:
      FL-000202: Summary reworded; it copied a 10-word run from its source.
    sources:
      SRC-000606: Publication date corrected from December 2024 to 7 December 2025.

The release builder checks the notes against what actually changed (a changed record without a
reason, or a reason for a record that did not change, refuses the release) and writes the
reasons into ``changes.json``. A release without a notes file must change no existing record.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import msgspec
import yaml
from msgspec import Meta

from api.records import EVENT_ID_PATTERN, SOURCE_ID_PATTERN

__all__ = ["ChangeNotes", "load_change_notes", "notes_path"]

_Reason = Annotated[str, Meta(min_length=10, max_length=1000)]
_EventId = Annotated[str, Meta(pattern=EVENT_ID_PATTERN)]
_SourceId = Annotated[str, Meta(pattern=SOURCE_ID_PATTERN)]


class ChangeNotes(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Reasons by record id for the existing records a release changes."""

    events: dict[_EventId, _Reason] = {}
    sources: dict[_SourceId, _Reason] = {}


def notes_path(root: Path, version: str) -> Path:
    """Where the change notes of ``version`` live under the dataset root."""
    return root / "changes" / f"{version}.yaml"


def load_change_notes(root: Path, version: str) -> ChangeNotes | None:
    """The notes of ``version``, None if it has none; ``ValueError`` if the file is malformed."""
    path = notes_path(root, version)
    if not path.exists():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return msgspec.convert(data, ChangeNotes)
    except (yaml.YAMLError, msgspec.ValidationError) as exc:
        raise ValueError(f"{path}: {exc}") from exc
