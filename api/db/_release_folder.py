"""Read and verify a release folder: checksums and small files first, events streamed."""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import msgspec

from api.curation._hashing import file_digest
from api.records import Coverage, Event, Source, Vocabularies
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
    """A verified release folder: small files decoded, events left to stream.

    ``events()`` reads ``events.jsonl`` line by line (with the matching ``events.csv`` rows)
    and validates every record as it goes, so memory does not grow with the release; the
    cross-record checks raise at the end of the iteration, which the ingest runs inside its
    transaction (an error rolls everything back).
    """

    path: Path
    sums_sha256: str
    files: dict[str, tuple[int, str]]
    manifest: ReleaseManifest
    manifest_raw: bytes
    source_ids: frozenset[str]
    coverage_json: bytes
    coverage_count: int
    vocab: Vocabularies
    vocab_raw: bytes
    schema_raw: bytes
    changes_raw: bytes
    csv_header: list[str]

    def sources(self) -> Iterator[tuple[Source, bytes]]:
        """(record, compact JSON) of every source, read again from the verified file."""
        return _jsonl_iter(self.path / "sources.jsonl", Source)

    def events(self) -> Iterator[tuple[Event, bytes, str]]:
        """(record, compact JSON, CSV line) of every event, validated; ``IngestError`` if not."""
        source_ids = self.source_ids
        seen: set[str] = set()
        merged_into: dict[str, str] = {}
        counts = {"active": 0, "merged": 0, "retracted": 0}
        rows = _CsvRows(self.path / "events.csv")
        try:
            for event, body in _jsonl_iter(self.path / "events.jsonl", Event):
                if event.id in seen:
                    raise IngestError("events.jsonl has duplicate ids")
                seen.add(event.id)
                status = str(event.status)
                counts[status] = counts.get(status, 0) + 1
                if status == "merged":
                    merged_into[event.id] = str(event.merged_into)
                for report in event.reports:
                    if report.source not in source_ids:
                        raise IngestError(f"{event.id} cites unknown source {report.source}")
                line = rows.row_for(event.id)
                if line is None:
                    raise IngestError(f"events.csv has no row for {event.id}")
                yield event, body, line
            rows.check_rest()
        finally:
            rows.close()
        for event_id, target in merged_into.items():
            if target not in seen:
                raise IngestError(f"{event_id} is merged into unknown event {target}")
        actual = {"events": len(seen), "sources": len(self.source_ids)}
        actual["coverage"] = self.coverage_count
        actual.update(counts)
        for key, value in actual.items():
            if getattr(self.manifest.counts, key) != value:
                raise IngestError(
                    f"manifest counts.{key} is {getattr(self.manifest.counts, key)} "
                    f"but the files hold {value}"
                )


class _CsvRows:
    """``events.csv`` read alongside ``events.jsonl``: in step when both share an order
    (constant memory), buffering the rows it skips when they do not.

    Each row is handed out as the line ``csv.writer`` writes for it (CRLF-terminated). A line
    with no quote is that line already (nothing in it needed quoting), so only quoted lines go
    through the ``csv`` module: writing every row again was a tenth of a large ingest.
    """

    def __init__(self, path: Path) -> None:
        self._fh = path.open(encoding="utf-8", newline="")
        self._lines = iter(self._fh)
        try:
            self.header = next(csv.reader(self._lines))
        except StopIteration as exc:
            self._fh.close()
            raise IngestError("events.csv is empty") from exc
        if "id" not in self.header:
            self._fh.close()
            raise IngestError("events.csv has no id column")
        self._idx = self.header.index("id")
        self._pending: dict[str, str] = {}
        self._buf = io.StringIO()
        self._writer = csv.writer(self._buf, lineterminator="\r\n")

    def _rows(self) -> Iterator[tuple[list[str], str]]:
        """(cells, CSV line) of every remaining row."""
        for line in self._lines:
            text = line.rstrip("\r\n")
            if '"' not in text and "\r" not in text and "\n" not in text:
                row = text.split(",")
                self._check(row)
                yield row, text + "\r\n"
                continue
            row = next(csv.reader(itertools.chain([line], self._lines)))
            self._check(row)
            self._buf.seek(0)
            self._buf.truncate()
            self._writer.writerow(row)
            yield row, self._buf.getvalue()

    def _check(self, row: list[str]) -> None:
        if len(row) != len(self.header):
            raise IngestError(
                f"events.csv row {row[:1]} has {len(row)} cells, not {len(self.header)}"
            )

    def row_for(self, event_id: str) -> str | None:
        """The CSV line (CRLF-terminated) of ``event_id``, or None if the file has none."""
        if event_id in self._pending:
            return self._pending.pop(event_id)
        for row, line in self._rows():
            if row[self._idx] == event_id:
                return line
            self._pending[row[self._idx]] = line
        return None

    def check_rest(self) -> None:
        """Check the shape of the rows no event asked for."""
        for _ in self._rows():
            pass

    def close(self) -> None:
        self._fh.close()


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
        size, actual = file_digest(path)
        if actual != expected:
            raise IngestError(
                f"checksum mismatch for {name}: SHA256SUMS says {expected}, file has {actual}"
            )
        files[name] = (size, expected)
    # The checksum list itself is downloadable too: clients verify the other files against it.
    sums_sha = hashlib.sha256(raw).hexdigest()
    files["SHA256SUMS"] = (len(raw), sums_sha)
    return sums_sha, files


def _jsonl_iter(path: Path, kind: type[T]) -> Iterator[tuple[T, bytes]]:
    decoder = msgspec.json.Decoder(kind)
    encode = msgspec.json.Encoder().encode
    with path.open("rb") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = decoder.decode(line)
            except (msgspec.ValidationError, msgspec.DecodeError) as exc:
                raise IngestError(f"{path.name} line {n}: {exc}") from exc
            yield record, encode(record)


def _jsonl(path: Path, kind: type[T]) -> list[tuple[T, bytes]]:
    return list(_jsonl_iter(path, kind))


def _decode(raw: bytes, kind: type[T], name: str) -> T:
    try:
        return msgspec.json.decode(raw, type=kind)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise IngestError(f"{name}: {exc}") from exc


def read_release_folder(folder: Path) -> ReleaseFolder:
    """Verify ``SHA256SUMS`` and decode the small files; raise ``IngestError``.

    Events are validated as ``ReleaseFolder.events()`` streams them.
    """
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
    source_ids: set[str] = set()
    n_sources = 0
    for source, _ in _jsonl_iter(folder / "sources.jsonl", Source):  # validated, not kept
        source_ids.add(source.id)
        n_sources += 1
    if len(source_ids) != n_sources:
        raise IngestError("sources.jsonl has duplicate ids")
    coverage = _jsonl(folder / "coverage.jsonl", Coverage)
    header = _CsvRows(folder / "events.csv")
    header.close()
    return ReleaseFolder(
        path=folder.resolve(),
        sums_sha256=sums_sha,
        files=files,
        manifest=manifest,
        manifest_raw=manifest_raw,
        source_ids=frozenset(source_ids),
        coverage_json=b"[" + b",".join(raw for _, raw in coverage) + b"]",
        coverage_count=len(coverage),
        vocab=vocab,
        vocab_raw=msgspec.json.encode(vocab),
        schema_raw=schema_raw,
        changes_raw=changes_raw,
        csv_header=header.header,
    )
