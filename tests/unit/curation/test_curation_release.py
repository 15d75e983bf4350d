"""The release builder: determinism, Frictionless, checksums, immutability, change lists."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import frictionless
import pyarrow.parquet as pq
import pytest
import yaml
from curation_fixtures import CHANGELOG, Records, base_records, write_dataset

from api.curation._cli import main
from api.curation._release import ReleaseError, build_release


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def curation_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One release 1.0.0 of the base fixture, built once for the read-only checks."""
    base = tmp_path_factory.mktemp("release")
    root = write_dataset(base / "ds", base_records())
    return build_release(root, "1.0.0", out=base / "releases")


def test_release_has_exactly_the_documented_files(curation_release: Path) -> None:
    assert sorted(p.name for p in curation_release.iterdir()) == [
        "SHA256SUMS",
        "changes.json",
        "coverage.jsonl",
        "datapackage.json",
        "events.csv",
        "events.jsonl",
        "events.parquet",
        "faultlines.sqlite",
        "manifest.json",
        "schema.json",
        "sources.jsonl",
        "vocab.json",
    ]
    manifest = json.loads((curation_release / "manifest.json").read_text())
    assert manifest["date"] == "2026-11-22"
    assert manifest["previous"] is None
    assert manifest["counts"] == {
        "events": 2,
        "active": 2,
        "merged": 0,
        "retracted": 0,
        "reports": 3,
        "sources": 3,
        "coverage": 1,
    }
    assert set(manifest["files"]) == {p.name for p in curation_release.iterdir()} - {
        "manifest.json",
        "SHA256SUMS",
    }


def test_release_is_byte_identical_across_builds(tmp_path: Path, curation_release: Path) -> None:
    root = write_dataset(tmp_path / "ds", base_records())
    again = build_release(root, "1.0.0", out=tmp_path / "releases")
    assert _snapshot(again) == _snapshot(curation_release)


def test_frictionless_validates_the_release(curation_release: Path) -> None:
    report = frictionless.validate(str(curation_release / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])
    assert len(report.tasks) == 8


def test_sha256sum_check_passes(curation_release: Path) -> None:
    done = subprocess.run(
        ["sha256sum", "-c", "--strict", "SHA256SUMS"],
        cwd=curation_release,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count(": OK") == 11


def test_tables_agree_with_the_jsonl(curation_release: Path) -> None:
    lines = (curation_release / "events.jsonl").read_text().splitlines()
    ids = [json.loads(line)["id"] for line in lines]
    assert ids == sorted(ids) == ["FL-000001", "FL-000002"]
    table = pq.read_table(curation_release / "events.parquet")
    assert table.column("id").to_pylist() == ids
    assert table.column("participants_best").to_pylist() == [None, 150]
    assert str(table.schema.field("date_start").type) == "date32[day]"
    db = sqlite3.connect(curation_release / "faultlines.sqlite")
    assert [r[0] for r in db.execute("SELECT id FROM events ORDER BY id")] == ids
    origins = db.execute("SELECT event_id, origin FROM reports ORDER BY 1, report_index").fetchall()
    assert origins == [
        ("FL-000001", "SRC-000001"),
        ("FL-000002", "SRC-000002"),
        ("FL-000002", "SRC-000001"),
    ]
    assert db.execute("SELECT count(*) FROM sources").fetchone() == (3,)
    assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_existing_release_is_never_overwritten(
    curation_release: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _snapshot(curation_release)
    root = curation_release.parents[1] / "ds"
    status = main(["release", "1.0.0", "--root", str(root), "--out", str(curation_release.parent)])
    assert status == 1
    assert "already exists" in capsys.readouterr().err
    assert _snapshot(curation_release) == before
    assert [p.name for p in curation_release.parent.iterdir()] == ["1.0.0"]


@pytest.mark.parametrize(
    ("version", "changelog", "message"),
    [
        ("1.0", CHANGELOG, "not semver"),
        ("2.0.0", CHANGELOG, "no '## 2.0.0"),
    ],
)
def test_bad_version_or_missing_changelog_entry_is_refused(
    tmp_path: Path, version: str, changelog: str, message: str
) -> None:
    root = write_dataset(tmp_path / "ds", base_records(), changelog)
    with pytest.raises(ReleaseError, match=message):
        build_release(root, version, out=tmp_path / "rel")
    assert not (tmp_path / "rel").exists() or list((tmp_path / "rel").iterdir()) == []


def test_version_must_be_above_the_latest_release(tmp_path: Path) -> None:
    root = write_dataset(tmp_path / "ds", base_records())
    build_release(root, "1.1.0", out=tmp_path / "rel")
    with pytest.raises(ReleaseError, match=r"not above the latest release 1\.1\.0"):
        build_release(root, "1.0.0", out=tmp_path / "rel")


def test_invalid_dataset_leaves_nothing(tmp_path: Path) -> None:
    records = base_records()
    records["events"]["FL-000001"]["date_end"] = "2000-01-01"
    root = write_dataset(tmp_path / "ds", records)
    with pytest.raises(ReleaseError) as info:
        build_release(root, "1.0.0", out=tmp_path / "rel")
    assert [p.rule for p in info.value.problems] == ["date-order"]
    assert list((tmp_path / "rel").iterdir()) == []


def _second_release(records: Records) -> None:
    events = records["events"]
    # changed: a corrected title; merged: FL-000003 into FL-000002; retracted: FL-000004.
    events["FL-000001"]["title"] = "Basij members reported skipping preparatory meetings"
    dup = dict(events["FL-000002"], id="FL-000003", status="merged")
    dup.update(merged_into="FL-000002", status_reason="Duplicate of FL-000002.")
    events["FL-000003"] = dup
    events["FL-000004"] = dict(
        events["FL-000002"], id="FL-000004", status="retracted", status_reason="Fabricated."
    )
    events["FL-000005"] = dict(events["FL-000002"], id="FL-000005")


TITLE_REASON = "Title shortened: it named a meeting type the source does not."
DATE_REASON = "Publication date corrected from the page's crawl date."


def _notes(root: Path, version: str, **kinds: dict[str, str]) -> None:
    (root / "changes").mkdir(exist_ok=True)
    (root / "changes" / f"{version}.yaml").write_text(yaml.safe_dump(kinds), encoding="utf-8")


def test_changes_across_two_releases(tmp_path: Path) -> None:
    records = base_records()
    first = dict(records["events"]["FL-000002"], id="FL-000003")
    records["events"]["FL-000003"] = first
    records["events"]["FL-000004"] = dict(first, id="FL-000004")
    root = write_dataset(tmp_path / "ds", records)
    rel = tmp_path / "rel"
    build_release(root, "1.0.0", out=rel)

    _second_release(records)
    records["sources"]["SRC-000002"]["published"] = "2022-10-06"
    write_dataset(root, records)
    _notes(root, "1.1.0", events={"FL-000001": TITLE_REASON}, sources={"SRC-000002": DATE_REASON})
    folder = build_release(root, "1.1.0", out=rel)
    changes = json.loads((folder / "changes.json").read_text())
    assert changes == {
        "version": "1.1.0",
        "since": "1.0.0",
        "added": ["FL-000005"],
        "changed": ["FL-000001"],
        "merged": [{"id": "FL-000003", "into": "FL-000002", "reason": "Duplicate of FL-000002."}],
        "retracted": [{"id": "FL-000004", "reason": "Fabricated."}],
        "reasons": {"FL-000001": TITLE_REASON},
        "sources": {"added": [], "changed": [{"id": "SRC-000002", "reason": DATE_REASON}]},
    }
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["previous"] == "1.0.0"
    assert manifest["counts"]["merged"] == 1
    assert manifest["counts"]["retracted"] == 1


def test_removed_event_id_is_refused(tmp_path: Path) -> None:
    records = base_records()
    root = write_dataset(tmp_path / "ds", records)
    build_release(root, "1.0.0", out=tmp_path / "rel")
    del records["events"]["FL-000002"]
    records["coverage"]["COV-0001"]["events_found"] = []
    write_dataset(root, records)
    with pytest.raises(ReleaseError, match=r"1 event ids of release 1\.0\.0 are missing"):
        build_release(root, "1.1.0", out=tmp_path / "rel")
    assert [p.name for p in (tmp_path / "rel").iterdir()] == ["1.0.0"]


def _first_release(tmp_path: Path) -> tuple[Records, Path]:
    records = base_records()
    root = write_dataset(tmp_path / "ds", records)
    build_release(root, "1.0.0", out=tmp_path / "rel")
    return records, root


def test_a_changed_event_without_a_reason_is_refused(tmp_path: Path) -> None:
    records, root = _first_release(tmp_path)
    records["events"]["FL-000001"]["title"] = "Basij members reported skipping preparatory meetings"
    write_dataset(root, records)
    with pytest.raises(ReleaseError, match=r"1 changed event\(s\) have no reason.*FL-000001"):
        build_release(root, "1.1.0", out=tmp_path / "rel")
    _notes(root, "1.1.0", events={"FL-000002": TITLE_REASON})  # the wrong event
    with pytest.raises(ReleaseError, match=r"reasons for event\(s\) this release does not change"):
        build_release(root, "1.1.0", out=tmp_path / "rel")
    assert [p.name for p in (tmp_path / "rel").iterdir()] == ["1.0.0"]
    _notes(root, "1.1.0", events={"FL-000001": TITLE_REASON})
    assert build_release(root, "1.1.0", out=tmp_path / "rel").name == "1.1.0"


def test_a_changed_or_removed_source_without_a_reason_is_refused(tmp_path: Path) -> None:
    records, root = _first_release(tmp_path)
    records["sources"]["SRC-000001"]["url"] = "https://iranwire.com/en/example-1-dated"
    write_dataset(root, records)
    with pytest.raises(ReleaseError, match=r"1 changed source\(s\) have no reason.*SRC-000001"):
        build_release(root, "1.1.0", out=tmp_path / "rel")
    del records["sources"]["SRC-000003"]
    write_dataset(root, records)
    _notes(root, "1.1.0", sources={"SRC-000001": DATE_REASON})
    with pytest.raises(
        ReleaseError, match=r"source ids of release 1\.0\.0 are missing: SRC-000003"
    ):
        build_release(root, "1.1.0", out=tmp_path / "rel")


def test_unreadable_change_notes_are_refused(tmp_path: Path) -> None:
    _records, root = _first_release(tmp_path)
    _notes(root, "1.1.0", events={"FL-000001": "short"})
    with pytest.raises(ReleaseError, match="unreadable change notes"):
        build_release(root, "1.1.0", out=tmp_path / "rel")


def test_release_command_refuses_when_a_rule_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`make release` runs this command: a failing rule exits 1 and publishes nothing."""
    records = base_records()
    records["events"]["FL-000002"]["location"].update(latitude=None, longitude=None)
    changelog = (
        "# Changelog\n\n## 1.2.0 — 2026-11-30\n\nGeocoded.\n\n## 1.1.1 — 2026-11-29\n\nOld.\n"
    )
    root = write_dataset(tmp_path / "ds", records, changelog=changelog)
    out = tmp_path / "rel"
    assert main(["release", "1.2.0", "--root", str(root), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "release 1.2.0 refused: validation failed" in err and "[geo-placed]" in err
    assert not (out / "1.2.0").exists()
    # the rule is new in 1.2.0: an older version of the same records still builds
    assert main(["release", "1.1.1", "--root", str(root), "--out", str(out)]) == 0
