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
from api.records import Coverage, Event, Source, Vocabularies

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
        _dump(
            root / "vocab" / filename,
            {"schema_version": vocab.schema_version, "entries": plain[key]},
        )
    _dump(
        root / "vocab" / "terms.yaml",
        {"schema_version": vocab.schema_version, "terms": plain["terms"]},
    )
    changes = json.loads((release / "changes.json").read_text(encoding="utf-8"))
    if "reasons" in changes:  # a release with change notes: they are the builder's input too
        (root / "changes").mkdir()
        notes = {
            "events": changes["reasons"],
            "sources": {c["id"]: c["reason"] for c in changes["sources"]["changed"]},
        }
        _dump(root / "changes" / f"{release.name}.yaml", notes)
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    (root / "CHANGELOG.md").write_text(
        f"# Changelog\n\n## {manifest['version']} — {manifest['date']}\n\nRebuilt.\n",
        encoding="utf-8",
    )


def test_there_is_a_published_release() -> None:
    assert PUBLISHED and PUBLISHED[0].name == "1.0.0"


@pytest.mark.parametrize("release", PUBLISHED, ids=lambda p: p.name)
def test_checksums_verify_with_sha256sum(release: Path) -> None:
    result = subprocess.run(
        ["sha256sum", "--check", "--strict", "SHA256SUMS"],
        cwd=release,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    listed = {
        line.split(maxsplit=1)[1].lstrip("*")
        for line in (release / "SHA256SUMS").read_text().splitlines()
    }
    assert listed == {p.name for p in release.iterdir()} - {"SHA256SUMS"}


@pytest.mark.parametrize("release", PUBLISHED, ids=lambda p: p.name)
def test_datapackage_passes_frictionless(release: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(release / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize("release", PUBLISHED, ids=lambda p: p.name)
def test_rebuilding_from_the_release_records_is_byte_identical(
    release: Path, tmp_path: Path
) -> None:
    root = tmp_path / "records"
    _records_root_from_release(release, root)
    out = tmp_path / "releases"
    out.mkdir()
    for earlier in PUBLISHED[: PUBLISHED.index(release)]:
        shutil.copytree(earlier, out / earlier.name)
    built = build_release(root, release.name, out=out)
    names = sorted(p.name for p in release.iterdir())
    assert sorted(p.name for p in built.iterdir()) == names
    _match, mismatch, errors = filecmp.cmpfiles(release, built, names, shallow=False)
    assert (mismatch, errors) == ([], [])


# SHA-256 of each published release's SHA256SUMS: pins every byte of every file, so a published
# release cannot be rewritten without this test failing. Add a line when a release is published.
PINNED_SUMS = {
    "1.0.0": "0d9c0bb51ce74abe95242828958971ad931571599a50f65f1611cb100838d9eb",
    "1.1.0": "da83fd0105250ebb3d38beea887113033ac0963578188c2396fc9eb91a734e4c",
    "1.1.1": "89fc46f6ff12c36b6eec7be11aad61736c11fe2e3ca490588b5f928c096b9482",
    "1.2.0": "4f721ae73aae4743a880702a6814ac340156d9173aec2f1631eedec013ad6155",
}


@pytest.mark.parametrize("release", PUBLISHED, ids=lambda p: p.name)
def test_published_releases_are_immutable(release: Path) -> None:
    import hashlib

    assert release.name in PINNED_SUMS, f"pin {release.name} in PINNED_SUMS when publishing it"
    assert (
        hashlib.sha256((release / "SHA256SUMS").read_bytes()).hexdigest()
        == PINNED_SUMS[release.name]
    )


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def test_release_1_1_0_meets_the_growth_minimums() -> None:
    """Issue 7's floor, asserted on the published release so it cannot silently shrink."""
    base = {e["id"] for e in _jsonl(RELEASES / "1.0.0" / "events.jsonl")}
    events = _jsonl(RELEASES / "1.1.0" / "events.jsonl")
    new = [e for e in events if e["id"] not in base and e["status"] == "active"]
    assert len(new) >= 150
    cited = {r["source"] for e in new for r in e["reports"]}  # type: ignore[attr-defined]
    assert len(cited) >= 60
    campaigns = {e["campaign"] for e in new if e["campaign"]}
    assert len(campaigns) >= 4
    sources = {s["id"]: s for s in _jsonl(RELEASES / "1.1.0" / "sources.jsonl")}
    assert len({sources[s]["language"] for s in cited}) > 1
    assert all(sources[s]["url"] and sources[s]["retrieved"] for s in cited)
    coverage = _jsonl(RELEASES / "1.1.0" / "coverage.jsonl")
    assert coverage, "coverage records ship with the release"
    ids = {e["id"] for e in events}
    assert all(set(c["events_found"]) <= ids for c in coverage)  # type: ignore[arg-type]
    changes = json.loads((RELEASES / "1.1.0" / "changes.json").read_text(encoding="utf-8"))
    assert changes["since"] == "1.0.0" and set(changes["added"]) == {e["id"] for e in new}


def test_release_1_1_1_is_corrections_with_a_reason_for_every_change() -> None:
    """A PATCH release: no new events, and every changed or retracted record says why."""
    before = {e["id"]: e for e in _jsonl(RELEASES / "1.1.0" / "events.jsonl")}
    after = {e["id"]: e for e in _jsonl(RELEASES / "1.1.1" / "events.jsonl")}
    assert set(after) == set(before)
    changes = json.loads((RELEASES / "1.1.1" / "changes.json").read_text(encoding="utf-8"))
    assert changes["since"] == "1.1.0" and changes["added"] == []
    differ = {i for i in after if after[i] != before[i]}
    retracted = {r["id"] for r in changes["retracted"]}
    assert differ == set(changes["changed"]) | retracted
    assert set(changes["reasons"]) == set(changes["changed"])
    assert all(len(reason) >= 10 for reason in changes["reasons"].values())
    assert all(after[i]["status"] == "retracted" and after[i]["status_reason"] for i in retracted)
    # the defects issue 12 lists
    assert {
        "FL-000400",
        "FL-000401",
        "FL-000402",
        "FL-000403",
        "FL-000404",
        "FL-000449",
    } <= retracted
    assert {"FL-000417", "FL-000447"} <= retracted
    assert {"FL-000202", "FL-000213", "FL-000225", "FL-000405", "FL-000619", "FL-000620"} <= differ
    assert after["FL-000225"]["location"]["country"] != "JP"
    sources = {s["id"]: s for s in _jsonl(RELEASES / "1.1.1" / "sources.jsonl")}
    old_sources = {s["id"]: s for s in _jsonl(RELEASES / "1.1.0" / "sources.jsonl")}
    assert set(old_sources) <= set(sources)
    changed_sources = {c["id"] for c in changes["sources"]["changed"]}
    assert changed_sources == {i for i in old_sources if old_sources[i] != sources[i]}
    assert {"SRC-000606", "SRC-000638", "SRC-000427"} <= changed_sources
    assert sources["SRC-000606"]["published"].startswith("2025-12")
    assert "iran-crisis-updates" not in sources["SRC-000427"]["url"]
    for eid in ("FL-000619", "FL-000620"):
        cited = {r["source"] for r in after[eid]["reports"]}
        assert all(sources[s]["outlet_type"] != "aggregator" for s in cited)
