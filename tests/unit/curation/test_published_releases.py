"""The committed releases: intact, valid, and a pure function of their own records.

Each published release carries its records (events.jsonl, sources.jsonl, coverage.jsonl,
vocab.json). Turning them back into a records folder and building the same version again must
give byte-identical files: that is what "reproducible" means once later releases have moved the
working records on.
"""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
from pathlib import Path

import msgspec
import pytest
import yaml

from api.curation._release import build_release
from api.schema import Coverage, Event, Source, Vocabularies

REPO = Path(__file__).resolve().parents[3]
RELEASES = REPO / "dataset" / "releases"
PUBLISHED = sorted(
    (p for p in RELEASES.iterdir() if p.is_dir() and not p.name.startswith(".")),
    key=lambda p: tuple(int(x) for x in p.name.split(".")),
)
_VOCAB_FILES = {
    "event_types": "event_types.yaml",
    "organisations": "organisations.yaml",
    "campaigns": "campaigns.yaml",
    "countries": "countries.yaml",
    "outlet_types": "outlet_types.yaml",
}


def _dump(path: Path, data: object) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _records_root_from_release(release: Path, root: Path) -> None:
    """Write a records folder (the builder's input) holding exactly the release's records."""
    for sub in ("events", "sources", "coverage", "vocab"):
        (root / sub).mkdir(parents=True)
    for name, kind, sub in (
        ("events.jsonl", Event, "events"),
        ("sources.jsonl", Source, "sources"),
        ("coverage.jsonl", Coverage, "coverage"),
    ):
        for line in (release / name).read_bytes().splitlines():
            record = msgspec.json.decode(line, type=kind)
            _dump(root / sub / f"{record.id}.yaml", msgspec.to_builtins(record))
    vocab = msgspec.json.decode((release / "vocab.json").read_bytes(), type=Vocabularies)
    plain = msgspec.to_builtins(vocab)
    for key, filename in _VOCAB_FILES.items():
        _dump(root / "vocab" / filename, {"schema_version": vocab.schema_version, "entries": plain[key]})
    _dump(root / "vocab" / "terms.yaml", {"schema_version": vocab.schema_version, "terms": plain["terms"]})
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    (root / "CHANGELOG.md").write_text(
        f"# Changelog\n\n## {manifest['version']} — {manifest['date']}\n\nRebuilt.\n", encoding="utf-8"
    )


def test_there_is_a_published_release() -> None:
    assert PUBLISHED and PUBLISHED[0].name == "1.0.0"


@pytest.mark.parametrize("release", PUBLISHED, ids=lambda p: p.name)
def test_checksums_verify_with_sha256sum(release: Path) -> None:
    result = subprocess.run(
        ["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=release, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    listed = {line.split(maxsplit=1)[1].lstrip("*") for line in (release / "SHA256SUMS").read_text().splitlines()}
    assert listed == {p.name for p in release.iterdir()} - {"SHA256SUMS"}


@pytest.mark.parametrize("release", PUBLISHED, ids=lambda p: p.name)
def test_datapackage_passes_frictionless(release: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(release / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize("release", PUBLISHED, ids=lambda p: p.name)
def test_rebuilding_from_the_release_records_is_byte_identical(release: Path, tmp_path: Path) -> None:
    root = tmp_path / "records"
    _records_root_from_release(release, root)
    out = tmp_path / "releases"
    out.mkdir()
    for earlier in PUBLISHED[: PUBLISHED.index(release)]:
        shutil.copytree(earlier, out / earlier.name)
    built = build_release(root, release.name, out=out)
    names = sorted(p.name for p in release.iterdir())
    assert sorted(p.name for p in built.iterdir()) == names
    match, mismatch, errors = filecmp.cmpfiles(release, built, names, shallow=False)
    assert (mismatch, errors) == ([], [])
