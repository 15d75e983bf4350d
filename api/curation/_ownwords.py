"""Own-words check: runs of words an event's text shares with the source text the coder read.

The coding rules say titles, summaries and report descriptions are paraphrases. This module
finds every run of ``min_words`` (default 8) or more consecutive words that appears both in
one of those fields and in a source text. Both sides are normalised first (Unicode NFKC,
case-folded, punctuation dropped, whitespace collapsed), so a copied sentence is found even
when its quotes, capitals or commas were changed.

Source texts are never committed: the command reads the text from a file outside the
repository or from standard input, and only reports the shared runs.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from api.records import Event

__all__ = ["MIN_WORDS", "SharedRun", "event_fields", "shared_runs", "words"]

MIN_WORDS = 8
"""The shortest run that counts as copied (the coding rules' "8 or more words")."""

# Letters and digits of any script (Persian and Arabic included); everything else separates
# words, so "protesters," and "Protesters" are one word. Apostrophes are dropped first, so a
# possessive or contraction stays one word ("leader's" -> "leaders") with straight or curly quotes.
_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = dict.fromkeys(map(ord, "'\u2019\u02bc\u2018"), None)


def words(text: str) -> list[str]:
    """The normalised words of ``text``: NFKC, case-folded, apostrophes and punctuation dropped."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES))


@dataclass(frozen=True)
class SharedRun:
    """A run of words found in both a field of the event and the source text."""

    field: str
    """Which field: ``title``, ``summary`` or ``reports[i].description``."""
    start: int
    """Index of the run's first word in the field's normalised words."""
    text: str
    """The run, as normalised words joined by single spaces."""

    @property
    def length(self) -> int:
        """Number of words in the run."""
        return len(self.text.split())


def event_fields(event: Event) -> Iterator[tuple[str, str]]:
    """``(field name, text)`` of the event's own-words fields, in record order."""
    yield "title", event.title
    yield "summary", event.summary
    for i, report in enumerate(event.reports):
        yield f"reports[{i}].description", report.description


def _index(source: Sequence[str], n: int) -> dict[tuple[str, ...], list[int]]:
    grams: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in range(len(source) - n + 1):
        grams[tuple(source[i : i + n])].append(i)
    return grams


def _longest_from(field: Sequence[str], i: int, source: Sequence[str], starts: list[int]) -> int:
    best = 0
    for p in starts:
        k = 0
        while i + k < len(field) and p + k < len(source) and field[i + k] == source[p + k]:
            k += 1
        best = max(best, k)
    return best


def _runs_in(
    name: str,
    field: Sequence[str],
    source: Sequence[str],
    grams: dict[tuple[str, ...], list[int]],
    n: int,
) -> Iterator[SharedRun]:
    covered_to = 0  # runs inside an already reported run are not reported again
    for i in range(len(field) - n + 1):
        starts = grams.get(tuple(field[i : i + n]))
        if not starts:
            continue
        length = _longest_from(field, i, source, starts)
        if i + length > covered_to:
            yield SharedRun(name, i, " ".join(field[i : i + length]))
            covered_to = i + length


def shared_runs(event: Event, source_text: str, min_words: int = MIN_WORDS) -> list[SharedRun]:
    """Every maximal run of ``min_words``+ words shared by the event's fields and the text."""
    if min_words < 1:
        raise ValueError("min_words must be at least 1")
    source = words(source_text)
    grams = _index(source, min_words)
    out: list[SharedRun] = []
    for name, text in event_fields(event):
        out.extend(_runs_in(name, words(text), source, grams, min_words))
    return out
