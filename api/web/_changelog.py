"""A release's entry in ``dataset/CHANGELOG.md`` (beside the releases folder), as paragraphs."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

__all__ = ["changelog_entry"]

_HEADING = re.compile(r"^## (\d+\.\d+\.\d+)\b.*$", re.MULTILINE)


@lru_cache(maxsize=8)
def _entries(path: Path, mtime: float) -> dict[str, list[str]]:
    text = path.read_text(encoding="utf-8")
    marks = list(_HEADING.finditer(text))
    entries: dict[str, list[str]] = {}
    for mark, following in zip(marks, [*marks[1:], None], strict=True):
        body = text[mark.end() : following.start() if following else len(text)]
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body) if p.strip()]
        entries[mark.group(1)] = paragraphs
    return entries


def changelog_entry(releases_dir: Path, version: str) -> list[str]:
    """Paragraphs of ``version``'s changelog entry; empty when there is no changelog or entry."""
    path = Path(releases_dir).parent / "CHANGELOG.md"
    if not path.is_file():
        return []
    return _entries(path, path.stat().st_mtime).get(version, [])
