"""The full-text query language of ``q``, translated into each backend's own syntax.

One documented syntax, the same matches on SQLite (FTS5, ``porter unicode61`` tokenizer) and
PostgreSQL (``english`` text-search configuration), because user input is never handed to
either engine's parser as it is:

- ``basij desertion``: every word must match (AND); words are stemmed, so ``resign`` finds
  "resigned" and "resignation", ``deserters`` finds "desertion";
- ``"morality police"``: a phrase, its words next to each other in that order;
- ``arrest OR detain``: either side (``OR`` in capitals; it binds tighter than the AND between
  words, so ``irgc arrest OR detain`` is ``irgc AND (arrest OR detain)``);
- ``desert*``: a prefix (of the stemmed word);
- anything else (punctuation, ``-``, ``:``, parentheses) separates words; a hyphenated word
  (``court-martial``) is the phrase of its parts. English stop words (``the``, ``of``, ...) are
  left out of the query, as PostgreSQL does, so that both backends agree on them; a query with
  no word left (only stop words or punctuation) matches no event.

Known limits of the agreement: each backend stems with its own algorithm (Porter on SQLite,
Snowball English on PostgreSQL), which conflate a few rare word pairs differently ("fairly"
and "fair" are one stem only in Snowball); inside a phrase, a stop word stands for any one
word on PostgreSQL; and PostgreSQL's parser keeps a few compound tokens whole (a decimal
number such as ``1.5``, an e-mail address, a URL), which FTS5 splits into words.
``tests/integration/test_fulltext.py`` runs a corpus of queries on both
backends and asserts identical matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "STOP_WORDS",
    "FullTextQuery",
    "Term",
    "parse_fulltext",
    "to_fts5",
    "to_tsquery",
]

_STOP_WORDS_TEXT = """
i me my myself we our ours ourselves you your yours yourself yourselves he him his
himself she her hers herself it its itself they them their theirs themselves what which
who whom this that these those am is are was were be been being have has had having do
does did doing a an the and but if or because as until while of at by for with about
against between into through during before after above below to from up down in out on
off over under again further then once here there when where why how all any both each
few more most other some such no nor not only own same so than too very s t can will
just don should now
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
"""PostgreSQL's English stop words (``tsearch_data/english.stop``), dropped on both backends."""

# A word: letters and digits (underscore is a separator, as both tokenizers treat it).
_WORD = re.compile(r"[^\W_]+")
# A quoted phrase (an unclosed quote runs to the end), or a run up to a space or a quote.
_TOKEN = re.compile(r'"([^"]*)"?|([^\s"]+)')


@dataclass(frozen=True)
class Term:
    """A word or a phrase (words in order), optionally a prefix of its last word."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class FullTextQuery:
    """AND of groups; each group is an OR of terms."""

    groups: tuple[tuple[Term, ...], ...]

    @property
    def empty(self) -> bool:
        """No searchable word: the query matches no event."""
        return not self.groups


def _term(text: str, phrase: bool) -> Term | None:
    prefix = not phrase and text.endswith("*")
    words = [w.lower() for w in _WORD.findall(text)]
    if not phrase and len(words) == 1 and words[0] in STOP_WORDS:
        return None
    if phrase or len(words) > 1:
        # Stop words at the ends of a phrase constrain nothing on PostgreSQL: drop them.
        while words and words[0] in STOP_WORDS:
            words.pop(0)
        while words and words[-1] in STOP_WORDS:
            words.pop()
    if not words:
        return None
    return Term(tuple(words), prefix)


def parse_fulltext(q: str) -> FullTextQuery:
    """Parse the user syntax (an empty result when no searchable word is left)."""
    groups: list[list[Term]] = []
    join_next = False
    for match in _TOKEN.finditer(q):
        phrase, bare = match.group(1), match.group(2)
        if phrase is None and bare == "OR":
            join_next = bool(groups)
            continue
        term = _term(phrase if phrase is not None else bare or "", phrase is not None)
        if term is None:
            continue
        if join_next and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    return FullTextQuery(tuple(tuple(g) for g in groups))


def _fts5_term(term: Term) -> str:
    text = '"' + " ".join(term.words) + '"'
    return text + "*" if term.prefix else text


def to_fts5(query: FullTextQuery) -> str:
    """The FTS5 MATCH expression (every word quoted, so never FTS5 syntax of the user's)."""
    return " AND ".join(
        "(" + " OR ".join(_fts5_term(t) for t in group) + ")" for group in query.groups
    )


def _ts_term(term: Term) -> str:
    words = list(term.words)
    if term.prefix:
        words[-1] += ":*"
    return "(" + " <-> ".join(words) + ")" if len(words) > 1 else words[0]


def to_tsquery(query: FullTextQuery) -> str:
    """The ``to_tsquery('english', ...)`` input (words are letters and digits only)."""
    return " & ".join("(" + " | ".join(_ts_term(t) for t in group) + ")" for group in query.groups)
