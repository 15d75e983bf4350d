"""Closed vocabularies of the query parameters: their values for the contract, and lookups.

The values come from the vocabularies under ``dataset/vocab/`` (the codebook's source), read
once per process: the OpenAPI document lists them as enums (``api.routes._spec``), and the
filters accept exactly those values. An organisation is named by its id or by one of the
aliases ``/v1/actors`` lists (``IRGC``, ``Sepah``), country and admin1 codes in any letter
case; anything else is a 400 that names the closest value and the endpoint listing them all.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from api.errors import BadRequest
from api.records import Vocabularies

__all__ = [
    "VOCAB_ROOT",
    "Vocabulary",
    "closest",
    "resolve",
    "spec_vocabulary",
    "unknown_value",
]

VOCAB_ROOT = Path(__file__).resolve().parents[2] / "dataset"
"""Dataset root whose ``vocab/`` the contract's enums are generated from."""


@dataclass(frozen=True)
class Vocabulary:
    """One closed parameter vocabulary: accepted spellings -> canonical value."""

    param: str
    listed_by: str
    canonical: tuple[str, ...]
    spellings: dict[str, str]
    """Lower-cased accepted spelling -> canonical value."""

    aliases: tuple[str, ...] = ()
    """Other accepted names, as the vocabulary writes them (organisation aliases)."""

    @property
    def enum(self) -> list[str]:
        """Values the contract lists: the canonical values, then the aliases."""
        return [*self.canonical, *(a for a in self.aliases if a not in self.canonical)]


def _vocabulary(
    param: str, listed_by: str, canonical: list[str], aliases: dict[str, str] | None = None
) -> Vocabulary:
    spellings = {v.lower(): v for v in canonical}
    for alias, value in (aliases or {}).items():
        spellings.setdefault(alias.lower(), value)
    return Vocabulary(
        param=param,
        listed_by=listed_by,
        canonical=tuple(canonical),
        spellings=spellings,
        aliases=tuple(aliases or {}),
    )


@functools.cache
def spec_vocabulary() -> dict[str, Vocabulary]:
    """Parameter name -> vocabulary, from ``dataset/vocab`` (read once)."""
    from api.curation import load_vocabularies  # lazy: only the loader, not the builder

    vocab: Vocabularies = load_vocabularies(VOCAB_ROOT)
    orgs = sorted(vocab.organisations, key=lambda o: o.id)
    aliases = {a: o.id for o in orgs for a in o.aliases}
    countries = sorted(c.code for c in vocab.countries)
    admin1 = sorted(a.code for c in vocab.countries for a in c.admin1)
    return {
        "actor": _vocabulary("actor", "/v1/actors", [o.id for o in orgs], aliases),
        "campaign": _vocabulary("campaign", "/v1/campaigns", sorted(c.id for c in vocab.campaigns)),
        "country": _vocabulary("country", "the enum of /schema/openapi.json", countries),
        "admin1": _vocabulary("admin1", "the enum of /schema/openapi.json", admin1),
    }


def closest(value: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like ``value`` (case-insensitive), if any is close."""
    pool = {c.lower(): c for c in candidates}
    match = difflib.get_close_matches(value.lower(), list(pool), n=1, cutoff=0.6)
    return pool[match[0]] if match else None


def unknown_value(param: str, value: str, allowed: Iterable[str], listed_by: str) -> BadRequest:
    """A 400 for a value outside a closed vocabulary: the closest value and where all are."""
    allowed = list(allowed)
    guess = closest(value, allowed)
    hint = f"; did you mean '{guess}'?" if guess else ""
    where = f"listed by {listed_by}"
    if len(allowed) <= 30:
        where = "valid values: " + ", ".join(allowed) + "; " + where
    return BadRequest.param(param, f"unknown value '{value}'{hint} ({where})")


def resolve(param: str, values: list[str] | None) -> list[str]:
    """Canonical values of a vocabulary parameter; a 400 for the first unknown one."""
    vocab = spec_vocabulary()[param]
    out: list[str] = []
    for value in values or []:
        canonical = vocab.spellings.get(value.lower())
        if canonical is None:
            raise unknown_value(param, value, vocab.canonical, vocab.listed_by)
        if canonical not in out:
            out.append(canonical)
    return out
