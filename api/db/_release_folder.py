"""Read and verify a release folder before anything touches the database."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import msgspec

from api.schema import Coverage, Event, Source, Vocabularies
from api.schemas.releases import ChangeList, ReleaseManifest

__all__ = ["IngestError", "ReleaseFolder", "read_release_folder"]

_REQUIRED = (
    "manifest.json",
    "events.jsonl",
    "sources.jsonl",
    "coverage.jsonl",
    "vocab.json",
    "schema.json",
    "changes.json",
    "events.csv",
)
T = TypeVar("T")
_SUM_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")
_SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$")


class IngestError(Exception):
    """A release folder that cannot be ingested; the message says what is wrong."""


@dataclass
class ReleaseFolder:
    """A verified, decoded release folder."""

    path: Path
    sums_sha256: str
    files: dict[str, tuple[int, str]]
    manifest: ReleaseManifest
    manifest_raw: bytes
    events: list[tuple[Event, bytes]]
    sources: list[tuple[Source, bytes]]
    coverage_json: bytes
    vocab: Vocabularies
    vocab_raw: bytes
    schema_raw: bytes
    changes_raw: bytes
    csv_header: list[str]
    csv_rows: dict[str, str]


def semver_key(version: str) -> tuple[int, int, int]:
    """Sort key of a semantic version; raises ``IngestError`` if it is not one."""
    m = _SEMVER.match(version)
    if not m:
        raise IngestError(f"version {version!r} is not a semantic version")
    return int(m[1]), int(m[2]), int(m[3])


def _verify_sums(folder: Path) -> tuple[str, dict[str, tuple[int, str]]]:
    sums_path = folder / "SHA256SUMS"
    if not sums_path.is_file():
        raise IngestError(f"{folder}: no SHA256SUMS file")
    raw = sums_path.read_bytes()
    listed: dict[str, str] = {}
    for n, line in enumerate(raw.decode("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        m = _SUM_LINE.match(line)
        if not m:
            raise IngestError(f"SHA256SUMS line {n} is malformed: {line!r}")
        listed[m[2]] = m[1]
    for name in _REQUIRED:
        if name not in listed:
            raise IngestError(f"SHA256SUMS does not list required file {name}")
    present = {p.name for p in folder.iterdir() if p.is_file() and p.name != "SHA256SUMS"}
    unlisted = sorted(present - set(listed))
    if unlisted:
        raise IngestError(f"files not listed in SHA256SUMS: {', '.join(unlisted)}")
    files: dict[str, tuple[int, str]] = {}
    for name, expected in sorted(listed.items()):
        path = folder / name
        if "/" in name or not path.is_file():
            raise IngestError(f"{name} is listed in SHA256SUMS but missing")
        digest = hashlib.sha256()
        size = 0
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
        if digest.hexdigest() != expected:
            raise IngestError(
                f"checksum mismatch for {name}: SHA256SUMS says {expected}, "
                f"file has {digest.hexdigest()}"
            )
        files[name] = (size, expected)
    # The checksum list itself is downloadable too: clients verify the other files against it.
    sums_sha = hashlib.sha256(raw).hexdigest()
    files["SHA256SUMS"] = (len(raw), sums_sha)
    return sums_sha, files


def _jsonl(path: Path, kind: type[T]) -> list[tuple[T, bytes]]:
    decoder = msgspec.json.Decoder(kind)
    out: list[tuple[T, bytes]] = []
    for n, line in enumerate(path.read_bytes().splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = decoder.decode(line)
        except (msgspec.ValidationError, msgspec.DecodeError) as exc:
            raise IngestError(f"{path.name} line {n}: {exc}") from exc
        out.append((record, msgspec.json.encode(record)))
    return out


def _csv(path: Path) -> tuple[list[str], dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration as exc:
        raise IngestError("events.csv is empty") from exc
    if "id" not in header:
        raise IngestError("events.csv has no id column")
    idx = header.index("id")
    rows: dict[str, str] = {}
    for row in reader:
        if len(row) != len(header):
            raise IngestError(f"events.csv row {row[:1]} has {len(row)} cells, not {len(header)}")
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerow(row)
        rows[row[idx]] = buf.getvalue()
    return header, rows


def _decode(raw: bytes, kind: type[T], name: str) -> T:
    try:
        return msgspec.json.decode(raw, type=kind)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise IngestError(f"{name}: {exc}") from exc


def _check_consistency(rf: ReleaseFolder, coverage: list[Coverage]) -> None:
    event_ids = [e.id for e, _ in rf.events]
    if len(set(event_ids)) != len(event_ids):
        raise IngestError("events.jsonl has duplicate ids")
    source_ids = {s.id for s, _ in rf.sources}
    if len(source_ids) != len(rf.sources):
        raise IngestError("sources.jsonl has duplicate ids")
    known = set(event_ids)
    for event, _ in rf.events:
        if event.status == "merged" and event.merged_into not in known:
            raise IngestError(f"{event.id} is merged into unknown event {event.merged_into}")
        for report in event.reports:
            if report.source not in source_ids:
                raise IngestError(f"{event.id} cites unknown source {report.source}")
        if event.id not in rf.csv_rows:
            raise IngestError(f"events.csv has no row for {event.id}")
    counts = rf.manifest.counts
    actual = {
        "events": len(rf.events),
        "sources": len(rf.sources),
        "coverage": len(coverage),
        "active": sum(1 for e, _ in rf.events if e.status == "active"),
        "merged": sum(1 for e, _ in rf.events if e.status == "merged"),
        "retracted": sum(1 for e, _ in rf.events if e.status == "retracted"),
    }
    for key, value in actual.items():
        if getattr(counts, key) != value:
            raise IngestError(
                f"manifest counts.{key} is {getattr(counts, key)} but the files hold {value}"
            )


def read_release_folder(folder: Path) -> ReleaseFolder:
    """Verify ``SHA256SUMS``, then decode and validate every record; raise ``IngestError``."""
    if not folder.is_dir():
        raise IngestError(f"{folder} is not a folder")
    sums_sha, files = _verify_sums(folder)
    manifest_raw = (folder / "manifest.json").read_bytes()
    manifest = _decode(manifest_raw, ReleaseManifest, "manifest.json")
    semver_key(manifest.version)
    for name, entry in manifest.files.items():
        if name in files and (entry.sha256, entry.bytes) != (files[name][1], files[name][0]):
            raise IngestError(f"manifest.json disagrees with SHA256SUMS about {name}")
    vocab_raw = (folder / "vocab.json").read_bytes()
    vocab = _decode(vocab_raw, Vocabularies, "vocab.json")
    changes_raw = (folder / "changes.json").read_bytes()
    _decode(changes_raw, ChangeList, "changes.json")
    schema_raw = (folder / "schema.json").read_bytes()
    _decode(schema_raw, dict[str, object], "schema.json")
    events = _jsonl(folder / "events.jsonl", Event)
    sources = _jsonl(folder / "sources.jsonl", Source)
    coverage = _jsonl(folder / "coverage.jsonl", Coverage)
    header, rows = _csv(folder / "events.csv")
    rf = ReleaseFolder(
        path=folder.resolve(),
        sums_sha256=sums_sha,
        files=files,
        manifest=manifest,
        manifest_raw=manifest_raw,
        events=events,
        sources=sources,
        coverage_json=b"[" + b",".join(raw for _, raw in coverage) + b"]",
        vocab=vocab,
        vocab_raw=msgspec.json.encode(vocab),
        schema_raw=schema_raw,
        changes_raw=changes_raw,
        csv_header=header,
        csv_rows=rows,
    )
    _check_consistency(rf, [c for c, _ in coverage])
    return rf
