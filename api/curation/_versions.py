"""Release versions (semver) and release dates (from the dataset changelog)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

__all__ = ["existing_releases", "parse_semver", "release_date"]

_SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
# "## 1.0.0 — 2026-11-22" (an em dash, en dash or hyphen between version and date).
_HEADING = re.compile(r"^##\s+(\S+)\s+[—–-]\s+(\d{4}-\d{2}-\d{2})\s*$")


def parse_semver(version: str) -> tuple[int, int, int] | None:
    """``(major, minor, patch)`` of a plain ``X.Y.Z`` version, or None if it is not one."""
    m = _SEMVER.match(version)
    return (int(m[1]), int(m[2]), int(m[3])) if m else None


def existing_releases(releases: Path) -> list[str]:
    """Versions of the release folders under ``releases``, oldest first (others ignored)."""
    if not releases.is_dir():
        return []
    found = [p.name for p in releases.iterdir() if p.is_dir() and parse_semver(p.name)]
    return sorted(found, key=lambda v: parse_semver(v) or (0, 0, 0))


def release_date(changelog: Path, version: str) -> dt.date | None:
    """The date in the changelog heading ``## VERSION — YYYY-MM-DD``, or None if absent."""
    if not changelog.exists():
        return None
    for line in changelog.read_text(encoding="utf-8").splitlines():
        m = _HEADING.match(line)
        if m and m[1] == version:
            return dt.date.fromisoformat(m[2])
    return None
