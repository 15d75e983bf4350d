"""Load the source-of-truth records and vocabularies from a dataset folder.

Layout (relative to the dataset root, ``dataset/`` in the repository):

- ``events/FL-NNNNNN.yaml``: one event per file, file stem equal to the event id.
- ``sources/SRC-NNNNNN.yaml``: one source per file, file stem equal to the source id.
- ``vocab/*.yaml``: vocabularies of the schema version named inside each file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import msgspec
import yaml

from api.schema import (
    Campaign,
    Country,
    Event,
    EventTypeDef,
    Organisation,
    Source,
    VocabEntry,
    Vocabularies,
)

__all__ = ["Dataset", "LoadProblem", "load_dataset", "load_vocabularies"]

T = TypeVar("T")


@dataclass(frozen=True)
class LoadProblem:
    """A record that could not be read or decoded: file, JSON path of the field, and why."""

    file: str
    field: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: [{self.rule}] {self.message}"


@dataclass
class Dataset:
    """The records and vocabularies read from one dataset folder, in file-name order."""

    root: Path
    vocab: Vocabularies
    events: list[Event] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    event_files: dict[str, str] = field(default_factory=dict)
    source_files: dict[str, str] = field(default_factory=dict)
    problems: list[LoadProblem] = field(default_factory=list)


def _read_yaml(path: Path) -> Any:
    with path.open("rb") as fh:
        return yaml.safe_load(fh)


def _split_msgspec_error(message: str) -> tuple[str, str]:
    """Split msgspec's "msg - at `$.path`" into (path, msg)."""
    head, sep, tail = message.rpartition(" - at `")
    if sep:
        return tail.rstrip("`"), head
    return "$", message


def _decode(
    path: Path, rel: str, data: Any, kind: type[T], problems: list[LoadProblem]
) -> T | None:
    try:
        return msgspec.convert(data, kind)
    except msgspec.ValidationError as exc:
        where, what = _split_msgspec_error(str(exc))
        problems.append(LoadProblem(rel, where, "schema", what))
        return None


def _entries(path: Path, kind: type[T], key: str = "entries") -> tuple[str, list[T]]:
    raw = _read_yaml(path)
    version = str(raw.get("schema_version", ""))
    return version, msgspec.convert(raw[key], list[kind])  # type: ignore[valid-type]


def load_vocabularies(root: Path) -> Vocabularies:
    """Read ``vocab/*.yaml``; raise ``ValueError`` naming the file if one is malformed."""
    vdir = root / "vocab"
    versions: set[str] = set()
    try:
        v, event_types = _entries(vdir / "event_types.yaml", EventTypeDef)
        versions.add(v)
        v, organisations = _entries(vdir / "organisations.yaml", Organisation)
        versions.add(v)
        v, campaigns = _entries(vdir / "campaigns.yaml", Campaign)
        versions.add(v)
        v, countries = _entries(vdir / "countries.yaml", Country)
        versions.add(v)
        v, outlet_types = _entries(vdir / "outlet_types.yaml", VocabEntry)
        versions.add(v)
        raw_terms = _read_yaml(vdir / "terms.yaml")
        versions.add(str(raw_terms.get("schema_version", "")))
        terms = msgspec.convert(raw_terms["terms"], dict[str, list[VocabEntry]])
    except (OSError, KeyError, msgspec.ValidationError, yaml.YAMLError) as exc:
        raise ValueError(f"vocabulary under {vdir}: {exc}") from exc
    if len(versions) != 1:
        raise ValueError(f"vocabulary files disagree on schema_version: {sorted(versions)}")
    return Vocabularies(
        schema_version=versions.pop(),
        event_types=event_types,
        organisations=organisations,
        campaigns=campaigns,
        countries=countries,
        outlet_types=outlet_types,
        terms=terms,
    )


def _load_folder(root: Path, sub: str, kind: type[T], ds: Dataset) -> list[tuple[str, T]]:
    out: list[tuple[str, T]] = []
    for path in sorted((root / sub).glob("*.yaml")):
        rel = path.relative_to(root).as_posix()
        try:
            data = _read_yaml(path)
        except yaml.YAMLError as exc:
            ds.problems.append(LoadProblem(rel, "$", "yaml", str(exc).replace("\n", " ")))
            continue
        record = _decode(path, rel, data, kind, ds.problems)
        if record is not None:
            out.append((rel, record))
    return out


def load_dataset(root: Path) -> Dataset:
    """Load every record under ``root``; decoding problems are collected, not raised."""
    ds = Dataset(root=root, vocab=load_vocabularies(root))
    for rel, source in _load_folder(root, "sources", Source, ds):
        ds.sources.append(source)
        ds.source_files[source.id] = rel
    for rel, event in _load_folder(root, "events", Event, ds):
        ds.events.append(event)
        ds.event_files[event.id] = rel
    return ds
