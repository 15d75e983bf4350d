"""The benchmark's synthetic events are schema-valid, pass the validator, and are marked."""

from __future__ import annotations

from pathlib import Path

import msgspec

from api.curation import validate
from api.records import Event
from tests.bench.synthetic import SYNTHETIC_MARK, SyntheticConfig, write_dataset_root


def test_synthetic_root_passes_the_validator_and_is_marked(tmp_path: Path) -> None:
    info = write_dataset_root(SyntheticConfig(events=600, seed=7), tmp_path / "root")
    result = validate(tmp_path / "root")
    assert (result.errors, result.warnings) == ([], [])
    assert info["events"] == 600
    files = sorted((tmp_path / "root" / "events").iterdir())
    assert len(files) == 600
    for path in files[:50]:
        event = msgspec.json.decode(path.read_bytes(), type=Event)
        assert event.title.startswith(SYNTHETIC_MARK)
        assert event.coder_notes is not None and "Synthetic" in event.coder_notes


def test_same_seed_same_records(tmp_path: Path) -> None:
    for name in ("a", "b"):
        write_dataset_root(SyntheticConfig(events=200, seed=3), tmp_path / name)
    for sub in ("events", "sources"):
        a = {p.name: p.read_bytes() for p in (tmp_path / "a" / sub).iterdir()}
        b = {p.name: p.read_bytes() for p in (tmp_path / "b" / sub).iterdir()}
        assert a == b
