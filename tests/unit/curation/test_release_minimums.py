"""Issue 12's minimums, asserted on the published release 1.2.0 from its own files.

Every figure is computed from the release folder (events.jsonl, sources.jsonl, vocab.json) with
the toolchain's own definitions (one origin per reprint chain), never from constants kept beside
the data. The module runs once dataset/releases/1.2.0 exists; before that there is nothing to
measure, and the module says so rather than passing vacuously.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec
import pytest

from api.curation._context import Context
from api.curation._geocode import PLACEABLE
from api.curation._origins import asserting, origin_chains
from api.records import Event, EventStatus, OutletType, Source, Vocabularies

RELEASE = Path(__file__).resolve().parents[3] / "dataset" / "releases" / "1.2.0"

pytestmark = pytest.mark.skipif(
    not (RELEASE / "manifest.json").exists(),
    reason="release 1.2.0 is not published yet: the minimums are asserted on its files",
)


def _decode(path: Path, kind: Any) -> list[Any]:
    decoder = msgspec.json.Decoder(kind)
    return [decoder.decode(line) for line in path.read_bytes().splitlines()]


@pytest.fixture(scope="module")
def release() -> tuple[list[Event], list[Source], Context]:
    events: list[Event] = _decode(RELEASE / "events.jsonl", Event)
    sources: list[Source] = _decode(RELEASE / "sources.jsonl", Source)
    vocab = msgspec.json.decode((RELEASE / "vocab.json").read_bytes(), type=Vocabularies)
    ctx = Context.for_vocab(vocab)
    ctx.add_sources((s.id, s) for s in sources)
    return events, sources, ctx


def _active(events: list[Event]) -> list[Event]:
    return [e for e in events if e.status is EventStatus.ACTIVE]


def test_at_least_360_active_events_and_320_sources(
    release: tuple[list[Event], list[Source], Context],
) -> None:
    events, sources, _ = release
    assert len(_active(events)) >= 360
    assert len(sources) >= 320
    manifest = json.loads((RELEASE / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["active"] == len(_active(events))


def test_at_least_95_percent_of_city_and_site_events_are_placed(
    release: tuple[list[Event], list[Source], Context],
) -> None:
    events, _, _ = release
    placeable = [e for e in _active(events) if e.location.geo_precision in PLACEABLE]
    placed = [e for e in placeable if e.location.latitude is not None]
    assert placeable
    assert len(placed) / len(placeable) >= 0.95, (len(placed), len(placeable))


def test_at_most_half_of_active_events_rest_on_a_single_origin(
    release: tuple[list[Event], list[Source], Context],
) -> None:
    events, _, ctx = release
    active = _active(events)
    single = [e for e in active if len(origin_chains(asserting(e.reports), ctx)) <= 1]
    assert len(single) / len(active) <= 0.50, (len(single), len(active))


def test_source_diversity_persian_and_state_outlets(
    release: tuple[list[Event], list[Source], Context],
) -> None:
    _, sources, _ = release
    assert sum(s.language == "fa" for s in sources) >= 40
    official = {OutletType.STATE, OutletType.SEMI_OFFICIAL}
    assert sum(s.outlet_type in official for s in sources) >= 15
