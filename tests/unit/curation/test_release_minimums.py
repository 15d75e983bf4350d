"""Issue 12's minimums, asserted on the published release 1.2.0 from its own files.

Every figure is computed from the release folder (events.jsonl, sources.jsonl, vocab.json) with
the toolchain's own definitions (``api.curation._figures``, one origin per reprint chain, the
same code as ``python -m api.curation figures``), never from constants kept beside the data.
The module runs once dataset/releases/1.2.0 exists; before that there is nothing to measure,
and the module says so rather than passing vacuously.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec
import pytest

from api.curation._context import Context
from api.curation._figures import Figures, figures
from api.records import Event, EventStatus, Source, Vocabularies

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


@pytest.fixture(scope="module")
def measured(release: tuple[list[Event], list[Source], Context]) -> Figures:
    events, sources, ctx = release
    return figures(events, sources, ctx)


def test_at_least_360_active_events_and_320_sources(measured: Figures) -> None:
    assert measured.active >= 360
    assert measured.sources >= 320
    manifest = json.loads((RELEASE / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["active"] == measured.active


def test_at_least_168_new_active_events_since_1_1_1(
    release: tuple[list[Event], list[Source], Context],
) -> None:
    events, _, _ = release
    before = {e.id for e in _decode(RELEASE.parent / "1.1.1" / "events.jsonl", Event)}
    new = [e for e in events if e.id not in before and e.status is EventStatus.ACTIVE]
    assert len(new) >= 168


def test_at_least_95_percent_of_city_and_site_events_are_placed(measured: Figures) -> None:
    assert measured.placeable
    assert measured.placed_share >= 0.95, measured.unplaced


def test_at_most_half_of_active_events_rest_on_a_single_origin(measured: Figures) -> None:
    assert measured.single_origin_share <= 0.50, (len(measured.single_origin), measured.active)


def test_source_diversity_persian_and_state_outlets(measured: Figures) -> None:
    assert measured.persian_sources >= 40
    assert measured.official_sources >= 15
