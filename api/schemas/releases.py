"""API structs for releases: manifest, files, change lists."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, get_args

import msgspec
from msgspec import Meta

__all__ = [
    "RELEASE_FILES",
    "ChangeList",
    "Citation",
    "FileEntry",
    "MergedChange",
    "ReleaseCounts",
    "ReleaseDetail",
    "ReleaseFileName",
    "ReleaseList",
    "ReleaseManifest",
    "ReleaseSummary",
    "RetractedChange",
]

ReleaseFileName = Literal[
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
"""Files a release folder may hold (docs/RELEASE_FORMAT.md); a release lists its own."""
RELEASE_FILES: tuple[str, ...] = get_args(ReleaseFileName)

Version = Annotated[str, Meta(description="Semantic version of a release.", examples=["1.0.0"])]


class FileEntry(msgspec.Struct, kw_only=True):
    """Size and SHA-256 of one release file."""

    bytes: Annotated[int, Meta(ge=0, description="Size in bytes.")]
    sha256: Annotated[str, Meta(description="Hex SHA-256 of the file's content.")]


class ReleaseCounts(msgspec.Struct, kw_only=True):
    """Record counts of a release."""

    events: Annotated[int, Meta(description="All events, whatever their status.")] = 0
    active: Annotated[int, Meta(description="Active events.")] = 0
    merged: Annotated[int, Meta(description="Events merged into another.")] = 0
    retracted: Annotated[int, Meta(description="Retracted events (tombstones).")] = 0
    sources: Annotated[int, Meta(description="Sources.")] = 0
    reports: Annotated[int, Meta(description="Reports over all events.")] = 0
    coverage: Annotated[int, Meta(description="Coverage records.")] = 0


class ReleaseManifest(msgspec.Struct, kw_only=True):
    """``manifest.json`` of a release folder."""

    name: Annotated[str, Meta(description="Dataset name.")]
    version: Version
    schema_version: Annotated[str, Meta(description="Record schema version.")]
    date: Annotated[dt.date | None, Meta(description="Release date.")] = None
    previous: Annotated[str | None, Meta(description="Version of the previous release.")] = None
    counts: ReleaseCounts = msgspec.field(default_factory=ReleaseCounts)
    files: Annotated[
        dict[str, FileEntry], Meta(description="Every data file with its size and checksum.")
    ] = {}


class MergedChange(msgspec.Struct, kw_only=True):
    """An event merged into another since the older release."""

    id: Annotated[str, Meta(description="Merged event id.", examples=["FL-000012"])]
    into: Annotated[str | None, Meta(description="Surviving event id.")]
    reason: Annotated[str | None, Meta(description="Why it was merged.")] = None


class RetractedChange(msgspec.Struct, kw_only=True):
    """An event retracted since the older release."""

    id: Annotated[str, Meta(description="Retracted event id.", examples=["FL-000013"])]
    reason: Annotated[str | None, Meta(description="Why it was retracted.")] = None


class SourceChange(msgspec.Struct, kw_only=True):
    """A source record corrected since the older release, with the recorded reason."""

    id: Annotated[str, Meta(description="Source id.", examples=["SRC-000606"])]
    reason: Annotated[str | None, Meta(description="Why it was changed.")] = None


class SourceChanges(msgspec.Struct, kw_only=True):
    """Source records added and changed since the older release (as the releases recorded)."""

    added: Annotated[list[str], Meta(description="Source ids new since.")] = []
    changed: Annotated[list[SourceChange], Meta(description="Source ids corrected since.")] = []


class ChangeList(msgspec.Struct, kw_only=True):
    """Events added, changed, merged and retracted between two releases."""

    version: Version
    since: Annotated[str | None, Meta(description="The older release; null for the first.")]
    added: Annotated[list[str], Meta(description="Ids new in this release.")] = []
    changed: Annotated[list[str], Meta(description="Ids whose record changed.")] = []
    merged: Annotated[list[MergedChange], Meta(description="Ids merged since.")] = []
    retracted: Annotated[list[RetractedChange], Meta(description="Ids retracted since.")] = []
    reasons: Annotated[
        dict[str, str],
        Meta(
            description="Why each changed event changed, by id, as recorded by the releases "
            "in between (releases from 1.1.1 on record a reason for every change)."
        ),
    ] = {}
    sources: Annotated[
        SourceChanges,
        Meta(description="Source records added and corrected, as the releases recorded them."),
    ] = msgspec.field(default_factory=SourceChanges)


class ReleaseSummary(msgspec.Struct, kw_only=True):
    """One release in the list of releases."""

    version: Version
    schema_version: Annotated[str, Meta(description="Record schema version.")]
    date: Annotated[dt.date | None, Meta(description="Release date.")]
    previous: Annotated[str | None, Meta(description="Previous release version.")]
    latest: Annotated[bool, Meta(description="Whether this release is served by default.")]
    url: Annotated[str, Meta(description="Path of the release's detail.")]


class ReleaseList(msgspec.Struct, kw_only=True):
    """All ingested releases, newest first."""

    data: list[ReleaseSummary]


class Citation(msgspec.Struct, kw_only=True):
    """How to cite a release."""

    text: Annotated[str, Meta(description="Plain-text citation.")]
    bibtex: Annotated[str, Meta(description="BibTeX entry.")]


class ReleaseDetail(msgspec.Struct, kw_only=True):
    """A release: manifest (counts, checksums), file URLs, change list URL and citation."""

    data: ReleaseManifest
    latest: Annotated[bool, Meta(description="Whether this release is served by default.")]
    files: Annotated[dict[str, str], Meta(description="File name -> download path.")]
    changes_url: Annotated[str, Meta(description="Path of the change list.")]
    citation: Annotated[Citation, Meta(description="Suggested citation of this release.")]
