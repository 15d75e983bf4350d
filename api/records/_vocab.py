"""Open vocabularies (organisations, campaigns, countries) and codebook definitions.

They live as YAML under ``dataset/vocab/`` and are versioned with the schema: each file names
the ``schema_version`` it belongs to. Closed vocabularies (enums) get their definitions here too,
so the codebook is generated from one place.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec
from msgspec import Meta

__all__ = [
    "Admin1",
    "Campaign",
    "Country",
    "EventTypeDef",
    "Organisation",
    "VocabEntry",
    "Vocabularies",
]

_SLUG = r"^[a-z][a-z0-9_]*$"


class _Vocab(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Common base: keyword-only, unknown fields rejected."""


class VocabEntry(_Vocab, kw_only=True):
    """A member of a closed vocabulary with its definition."""

    id: Annotated[str, Meta(pattern=_SLUG, description="Enum value as used in records.")]
    label: Annotated[str, Meta(min_length=1, description="Human-readable label.")]
    definition: Annotated[str, Meta(min_length=10, description="What the value means.")]


class EventTypeDef(VocabEntry, kw_only=True):
    """A codebook entry: an event type with inclusion and exclusion notes."""

    include: Annotated[list[str], Meta(description="What is coded as this type.")] = []
    exclude: Annotated[list[str], Meta(description="What is not, and where it goes instead.")] = []


class Organisation(_Vocab, kw_only=True):
    """An organisation of the security apparatus (or other actor), placed in a hierarchy."""

    id: Annotated[str, Meta(pattern=_SLUG, description="Stable organisation id.")]
    name: Annotated[str, Meta(min_length=1, description="English name.")]
    parent: Annotated[
        Annotated[str, Meta(pattern=_SLUG)] | None,
        Meta(description="Parent organisation id, if any."),
    ] = None
    country: Annotated[str, Meta(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code.")]
    kind: Annotated[str, Meta(min_length=1, description="military, paramilitary, police, ...")]
    aliases: Annotated[list[str], Meta(description="Other names and transliterations.")] = []
    description: Annotated[str, Meta(min_length=10, description="What the organisation is.")]


class Campaign(_Vocab, kw_only=True):
    """A campaign or context that events can be linked to (a protest wave, a deployment)."""

    id: Annotated[str, Meta(pattern=_SLUG, description="Stable campaign id.")]
    name: Annotated[str, Meta(min_length=1, description="English name.")]
    date_start: Annotated[dt.date, Meta(description="Approximate start of the campaign.")]
    date_end: Annotated[
        dt.date | None, Meta(description="Approximate end; null while ongoing or open-ended.")
    ] = None
    countries: Annotated[list[str], Meta(description="ISO 3166-1 alpha-2 codes involved.")]
    description: Annotated[str, Meta(min_length=10, description="What the campaign was.")]


class Admin1(_Vocab, kw_only=True):
    """A first-level administrative division (ISO 3166-2)."""

    code: Annotated[str, Meta(pattern=r"^[A-Z]{2}-[0-9A-Z]{1,3}$", description="ISO 3166-2 code.")]
    name: Annotated[str, Meta(min_length=1, description="English name.")]


class Country(_Vocab, kw_only=True):
    """A country (ISO 3166-1) with the admin1 units the dataset needs."""

    code: Annotated[str, Meta(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code.")]
    name: Annotated[str, Meta(min_length=1, description="English short name.")]
    admin1: Annotated[list[Admin1], Meta(description="Admin1 units used by the dataset.")] = []


class Vocabularies(_Vocab, kw_only=True):
    """All vocabularies of one schema version, as shipped in a release (vocab.json)."""

    schema_version: str
    event_types: list[EventTypeDef]
    organisations: list[Organisation]
    campaigns: list[Campaign]
    countries: list[Country]
    outlet_types: list[VocabEntry]
    terms: dict[str, list[VocabEntry]]
