"""Load the source-of-truth records and vocabularies from a dataset folder.

Layout (relative to the dataset root, ``dataset/`` in the repository):

- ``events/FL-NNNNNN.yaml``: one event per file, file stem equal to the event id.
- ``sources/SRC-NNNNNN.yaml``: one source per file, file stem equal to the source id.
- ``coverage/COV-NNNN.yaml``: one coverage record per file, file stem equal to its id.
- ``vocab/*.yaml``: vocabularies of the schema version named inside each file.

Records can be loaded all at once (:func:`load_dataset`, fine for the curated dataset) or
streamed one file at a time (:func:`iter_records`, used by the validator and the release
builder so that a million events never sit in memory together).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import msgspec
import yaml

from api.curation._problems import Problem
from api.records import (
    Campaign,
    Country,
    Coverage,
    Event,
    EventTypeDef,
    Organisation,
    Source,
    VocabEntry,
    Vocabularies,
)

__all__ = [
    "DECODE_RULES",
    "Dataset",
    "LoadProblem",
    "iter_records",
    "load_dataset",
    "load_vocabularies",
    "record_files",
]

T = TypeVar("T")

LoadProblem = Problem
"""Former name of :class:`Problem`, kept for callers written against the first loader."""

# libyaml's loader is ~10x faster than the pure-Python one; same safe subset of YAML.
_YamlLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DECODE_RULES: tuple[tuple[str, str, str], ...] = (
    (
        "safety-basis",
        r"^\$\.actors\[\d+\]\.people\[\d+\]\.basis$",
        "A named person's basis is public_official, commander or on_the_record.",
    ),
    (
        "source-sha256",
        r"^\$\.content_sha256$",
        "content_sha256 is 64 lower-case hex digits (SHA-256 of the coded text).",
    ),
)
"""Decoding failures at these JSON paths get a specific rule id instead of ``schema``."""

_DECODE_RULE_RES = [(rule, re.compile(pattern)) for rule, pattern, _ in DECODE_RULES]


@dataclass
class Dataset:
    """The records and vocabularies read from one dataset folder, in file-name order."""

    root: Path
    vocab: Vocabularies
    events: list[Event] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)
    event_files: dict[str, str] = field(default_factory=dict)
    source_files: dict[str, str] = field(default_factory=dict)
    coverage_files: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _read_yaml(path: Path) -> Any:
    with path.open("rb") as fh:
        return yaml.load(fh, Loader=_YamlLoader)  # a safe loader: see _YamlLoader


def _split_msgspec_error(message: str) -> tuple[str, str]:
    """Split msgspec's "msg - at `$.path`" into (path, msg)."""
    head, sep, tail = message.rpartition(" - at `")
    if sep:
        return tail.rstrip("`"), head
    return "$", message


def _decode_rule(where: str) -> str:
    for rule, pattern in _DECODE_RULE_RES:
        if pattern.match(where):
            return rule
    return "schema"


def _decode(rel: str, data: Any, kind: type[T], problems: list[Problem]) -> T | None:
    try:
        return msgspec.convert(data, kind)
    except msgspec.ValidationError as exc:
        where, what = _split_msgspec_error(str(exc))
        problems.append(Problem(rel, where, _decode_rule(where), what))
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
    except (OSError, KeyError, AttributeError, msgspec.ValidationError, yaml.YAMLError) as exc:
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


def record_files(root: Path, sub: str) -> list[str]:
    """Relative paths (``sub/NAME.yaml``) of the record files in ``root/sub``, sorted by name.

    Plain strings, not ``Path`` objects: a million of them cost ~100 MB less.
    """
    folder = root / sub
    if not folder.is_dir():
        return []
    with os.scandir(folder) as it:
        names = sorted(e.name for e in it if e.name.endswith(".yaml") and e.is_file())
    return [f"{sub}/{name}" for name in names]


def iter_records(
    root: Path,
    sub: str,
    kind: type[T],
    report: Callable[[Problem], None],
) -> Iterator[tuple[str, T]]:
    """Yield ``(relative path, record)`` for each decodable file in ``root/sub``, in name order.

    Unreadable or undecodable files are passed to ``report`` and skipped.
    """
    for rel in record_files(root, sub):
        try:
            data = _read_yaml(root / rel)
        except yaml.YAMLError as exc:
            report(Problem(rel, "$", "yaml", str(exc).replace("\n", " ")))
            continue
        problems: list[Problem] = []
        record = _decode(rel, data, kind, problems)
        for problem in problems:
            report(problem)
        if record is not None:
            yield rel, record


def load_dataset(root: Path) -> Dataset:
    """Load every record under ``root``; decoding problems are collected, not raised."""
    ds = Dataset(root=root, vocab=load_vocabularies(root))
    for rel, source in iter_records(root, "sources", Source, ds.problems.append):
        ds.sources.append(source)
        ds.source_files[source.id] = rel
    for rel, event in iter_records(root, "events", Event, ds.problems.append):
        ds.events.append(event)
        ds.event_files[event.id] = rel
    for rel, cov in iter_records(root, "coverage", Coverage, ds.problems.append):
        ds.coverage.append(cov)
        ds.coverage_files[cov.id] = rel
    return ds
