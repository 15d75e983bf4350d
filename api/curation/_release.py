"""Build an immutable release folder (format: docs/RELEASE_FORMAT.md).

The build streams: the validator hands each event to a staging ``events.jsonl`` as it reads
the YAML, then that file is read back line by line to write the CSV, Parquet and SQLite files
and the change list, so memory holds batches, not the dataset. Everything is written into a
hidden temporary folder beside the target and renamed at the end: a failed build leaves
nothing behind, and an existing release is never touched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import msgspec

from api.curation._change_notes import load_change_notes
from api.curation._changes import ChangeTracker
from api.curation._columns import event_row
from api.curation._context import Context
from api.curation._datapackage import datapackage
from api.curation._hashing import file_digest
from api.curation._problems import Problem
from api.curation._schema_export import bundle_schema, dumps
from api.curation._validate import ValidationResult, validate
from api.curation._versions import existing_releases, parse_semver, release_date
from api.curation._write_sqlite import SqliteWriter
from api.curation._write_tables import CsvTableWriter, ParquetTableWriter
from api.records import SCHEMA_VERSION, Event

__all__ = ["ReleaseError", "build_release"]

NAME = "faultlines"


class ReleaseError(Exception):
    """The release cannot be built; ``problems`` lists validation errors, if that is why."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def _check_version(version: str, releases: Path, root: Path) -> tuple[str | None, str]:
    """Refuse bad or stale versions; return (previous version, release date)."""
    if parse_semver(version) is None:
        raise ReleaseError(f"version {version!r} is not semver X.Y.Z")
    target = releases / version
    if target.exists():
        raise ReleaseError(f"{target} already exists; published releases are immutable")
    existing = existing_releases(releases)
    if existing and (parse_semver(existing[-1]) or (0, 0, 0)) >= (parse_semver(version) or ()):
        raise ReleaseError(f"version {version} is not above the latest release {existing[-1]}")
    date = release_date(root / "CHANGELOG.md", version)
    if date is None:
        raise ReleaseError(
            f"no '## {version} — YYYY-MM-DD' heading in {root / 'CHANGELOG.md'}; "
            "the changelog entry's date is the release date"
        )
    return (existing[-1] if existing else None), date.isoformat()


def _write_jsonl(path: Path, records: list[Any]) -> None:
    encoder = msgspec.json.Encoder()
    with path.open("wb") as fh:
        for record in records:
            fh.write(encoder.encode(record) + b"\n")


def _stage(root: Path, tmp: Path, version: str) -> ValidationResult:
    """Validate while writing events.jsonl; raise ReleaseError if validation fails."""
    encoder = msgspec.json.Encoder()
    with (tmp / "events.jsonl").open("wb") as fh:

        def stage(event: Event) -> None:
            fh.write(encoder.encode(event) + b"\n")

        result = validate(root, on_event=stage, version=version)
    if result.errors:
        raise ReleaseError(f"validation failed: {result.summary()}", result.errors)
    return result


def _derive(
    tmp: Path, result: ValidationResult, tracker: ChangeTracker, info: dict[str, str]
) -> dict[str, int]:
    """Write the CSV, Parquet and SQLite files from the staged events.jsonl."""
    ctx = Context.for_vocab(result.vocab)
    ctx.add_sources((s.id, s) for s in result.sources)
    counts = {"events": 0, "active": 0, "merged": 0, "retracted": 0, "reports": 0}
    decoder = msgspec.json.Decoder(Event)
    sqlite = SqliteWriter(tmp / "faultlines.sqlite", ctx)
    sqlite.add_release_info(info)
    sqlite.add_sources(result.sources)
    with (
        (tmp / "events.jsonl").open("rb") as fh,
        CsvTableWriter(tmp / "events.csv") as csv_out,
        ParquetTableWriter(tmp / "events.parquet") as parquet_out,
    ):
        for raw in fh:
            line = raw.rstrip(b"\n")
            event = decoder.decode(line)
            row = event_row(event)
            csv_out.add(row)
            parquet_out.add(row)
            sqlite.add_event(event)
            tracker.add(event, line)
            counts["events"] += 1
            counts[event.status.value] += 1
            counts["reports"] += len(event.reports)
    sqlite.close()
    return counts


def _json_file(path: Path, document: Any) -> None:
    path.write_text(dumps(document), encoding="utf-8")


def _files(folder: Path, skip: set[str]) -> dict[str, dict[str, int | str]]:
    out: dict[str, dict[str, int | str]] = {}
    for path in sorted(folder.iterdir()):
        if path.name not in skip:
            size, sha = file_digest(path)
            out[path.name] = {"bytes": size, "sha256": sha}
    return out


def build_release(root: Path, version: str, out: Path | None = None) -> Path:
    """Validate ``root`` and build ``<out or root/releases>/<version>/``; return the folder."""
    releases = out if out is not None else root / "releases"
    previous, date = _check_version(version, releases, root)
    releases.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{version}.building-", dir=releases))
    try:
        result = _stage(root, tmp, version)
        if result.vocab.schema_version != SCHEMA_VERSION:
            raise ReleaseError(
                f"vocab/ is for schema {result.vocab.schema_version}, the code for {SCHEMA_VERSION}"
            )
        _write_jsonl(tmp / "sources.jsonl", result.sources)
        _write_jsonl(tmp / "coverage.jsonl", result.coverage)
        vocab = msgspec.json.format(msgspec.json.encode(result.vocab, order="deterministic"))
        (tmp / "vocab.json").write_bytes(vocab + b"\n")
        (tmp / "schema.json").write_text(bundle_schema(), encoding="utf-8")

        try:
            notes = load_change_notes(root, version)
        except ValueError as exc:
            raise ReleaseError(f"unreadable change notes: {exc}") from exc
        tracker = ChangeTracker.against(
            version, releases / previous if previous else None, notes=notes
        )
        tracker.add_sources(result.sources)
        info = {"name": NAME, "version": version, "date": date, "schema_version": SCHEMA_VERSION}
        counts = _derive(tmp, result, tracker, info)
        if gone := tracker.missing_ids():
            shown = ", ".join(gone[:10]) + (" ..." if len(gone) > 10 else "")
            raise ReleaseError(
                f"{len(gone)} event ids of release {previous} are missing ({shown}); ids are "
                "never removed: mark them merged or retracted instead"
            )
        if unexplained := tracker.note_problems():
            raise ReleaseError(
                "every change to an existing record needs its reason in "
                f"changes/{version}.yaml: " + "; ".join(unexplained)
            )
        counts["sources"] = len(result.sources)
        counts["coverage"] = len(result.coverage)

        _json_file(tmp / "datapackage.json", datapackage(tmp, version, date, SCHEMA_VERSION))
        _json_file(tmp / "changes.json", tracker.document())
        manifest = {
            **info,
            "previous": previous,
            "counts": counts,
            "files": _files(tmp, skip=set()),
        }
        _json_file(tmp / "manifest.json", manifest)
        sums = "".join(
            f"{meta['sha256']}  {name}\n" for name, meta in _files(tmp, skip={"SHA256SUMS"}).items()
        )
        (tmp / "SHA256SUMS").write_text(sums, encoding="utf-8")
        tmp.chmod(0o755)  # mkdtemp makes it private; a release is for everyone to read
        target = releases / version
        if target.exists():  # another build won the race
            raise ReleaseError(f"{target} appeared during the build; refusing to replace it")
        os.rename(tmp, target)
        return target
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
