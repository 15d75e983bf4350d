"""The closed vocabularies (enums) and their definitions in dataset/vocab/ stay in step."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import pytest

from api.curation import load_vocabularies
from api.records import (
    ActorRole,
    ClaimantType,
    Confidence,
    DateBasis,
    DatePrecision,
    EventStatus,
    EventType,
    GeoPrecision,
    OutletType,
    PersonBasis,
    Qualifier,
    RankTier,
    ReportStance,
    Verification,
)

DATASET = Path(__file__).resolve().parents[3] / "dataset"

TERMS: dict[str, type[StrEnum]] = {
    "status": EventStatus,
    "date_precision": DatePrecision,
    "date_basis": DateBasis,
    "geo_precision": GeoPrecision,
    "role": ActorRole,
    "rank_tier": RankTier,
    "basis": PersonBasis,
    "qualifier": Qualifier,
    "claimant_type": ClaimantType,
    "stance": ReportStance,
    "verification": Verification,
    "confidence": Confidence,
}


def _values(enum: type[StrEnum]) -> list[str]:
    return [m.value for m in enum]


def test_event_types_match_the_codebook() -> None:
    vocab = load_vocabularies(DATASET)
    assert [t.id for t in vocab.event_types] == _values(EventType)


def test_outlet_types_match_the_vocabulary() -> None:
    vocab = load_vocabularies(DATASET)
    assert [t.id for t in vocab.outlet_types] == _values(OutletType)


def test_terms_cover_exactly_the_closed_vocabularies() -> None:
    assert set(load_vocabularies(DATASET).terms) == set(TERMS)


@pytest.mark.parametrize("key", sorted(TERMS))
def test_term_ids_match_the_enum(key: str) -> None:
    entries = load_vocabularies(DATASET).terms[key]
    assert [e.id for e in entries] == _values(TERMS[key])
