"""``/v1/releases``: the releases, their manifests, files (Range, ETag) and change lists."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, cast

import msgspec
from litestar import Request, Response, get
from litestar.params import PathParameter, QueryParameter
from litestar.response import Stream
from sqlalchemy import Connection

from api.db.reads import ReleaseInfo, Store
from api.errors import ApiError, NotFound
from api.routes._citation import citation
from api.routes._common import (
    caching_headers,
    etag_for,
    json_bytes_response,
    not_modified,
    problem_responses,
    store_of,
)
from api.schemas.releases import (
    ChangeList,
    MergedChange,
    ReleaseDetail,
    ReleaseFileName,
    ReleaseList,
    ReleaseManifest,
    ReleaseSummary,
    RetractedChange,
    SourceChange,
    SourceChanges,
)

__all__ = ["get_release", "get_release_changes", "get_release_file", "list_releases"]

VersionP = Annotated[
    str,
    PathParameter(
        description="Release version, or `latest` for the release served by default.",
        examples=[],
        pattern=r"^(latest|\d+\.\d+\.\d+)$",
        max_length=64,
    ),
]
_MEDIA = {
    ".json": "application/json",
    ".jsonl": "application/x-ndjson",
    ".csv": "text/csv",
    ".parquet": "application/vnd.apache.parquet",
    ".sqlite": "application/vnd.sqlite3",
}


class RangeNotSatisfiable(ApiError):
    """416: the Range header asks for bytes outside the file."""

    status = 416


@get(
    "/v1/releases",
    operation_id="listReleases",
    summary="List releases",
    tags=["releases"],
    description="Every ingested release, newest first; `latest` marks the default one.",
    sync_to_thread=True,
    responses=problem_responses(429, 503),
)
def list_releases(request: Request[Any, Any, Any]) -> ReleaseList:
    """All releases."""
    store = store_of(request)
    with store.connect() as conn:
        infos = store.releases(conn)
    return ReleaseList(
        data=[
            ReleaseSummary(
                version=r.version,
                schema_version=r.schema_version,
                date=r.date,
                previous=r.previous,
                latest=r.latest,
                url=f"/v1/releases/{r.version}",
            )
            for r in infos
        ]
    )


@get(
    "/v1/releases/{version:str}",
    operation_id="getRelease",
    summary="Get a release",
    tags=["releases"],
    sync_to_thread=True,
    responses=problem_responses(400, 404, 429, 503),
    description="The release manifest (counts, files with sizes and checksums), links to "
    "its files and change list, and a suggested citation (text and BibTeX). `latest` names "
    "the release served by default.",
)
def get_release(request: Request[Any, Any, Any], version: VersionP) -> Response[ReleaseDetail]:
    """One release's manifest."""
    store = store_of(request)
    with store.connect() as conn:
        rel = store.resolve(conn, version)
        manifest = msgspec.json.decode(store.blob(conn, rel, "manifest_json"), type=ReleaseManifest)
        names = [f.name for f in store.files(conn, rel)]
    etag = etag_for(rel, request)
    cached = not_modified(request, etag)
    if cached is not None:
        return cached  # type: ignore[return-value]
    detail = ReleaseDetail(
        data=manifest,
        latest=rel.latest,
        files={n: f"/v1/releases/{rel.version}/files/{n}" for n in names},
        changes_url=f"/v1/releases/{rel.version}/changes",
        citation=citation(
            manifest, f"{str(request.base_url).rstrip('/')}/v1/releases/{rel.version}"
        ),
    )
    return json_bytes_response(request, msgspec.json.encode(detail), etag)


def _file_path(store: Store, source_dir: str, releases_dir: Path, version: str, name: str) -> Path:
    for folder in (Path(source_dir), releases_dir / version):
        path = folder / name
        if path.is_file():
            return path
    raise NotFound(f"file {name} of release {version} is not available on this server")


def _parse_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) of a single ``bytes=`` range; None to ignore the header (RFC 9110)."""
    unit, _, spec = header.partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    start_s, dash, end_s = spec.strip().partition("-")
    if not dash:
        return None
    try:
        if start_s == "":
            n = int(end_s)
            if n <= 0:
                raise RangeNotSatisfiable("suffix range of zero bytes")
            return max(0, size - n), size - 1
        start = int(start_s)
        end = int(end_s) if end_s else size - 1
    except ValueError:
        return None
    if start >= size:
        raise RangeNotSatisfiable(
            f"range starts at {start} but the file has {size} bytes",
            headers={"Content-Range": f"bytes */{size}"},
        )
    if start < 0 or end < start:
        return None
    return start, min(end, size - 1)


def _read(path: Path, start: int, length: int) -> Iterator[bytes]:
    with path.open("rb") as fh:
        fh.seek(start)
        left = length
        while left > 0:
            chunk = fh.read(min(left, 1 << 16))
            if not chunk:
                return
            left -= len(chunk)
            yield chunk


@get(
    "/v1/releases/{version:str}/files/{name:str}",
    operation_id="getReleaseFile",
    summary="Download a release file",
    tags=["releases"],
    sync_to_thread=True,
    description="The file streamed with Content-Length; ETag is the file's SHA-256. "
    "Supports a single `Range: bytes=` (206) and `If-None-Match` (304).",
    responses=problem_responses(400, 404, 416, 429, 503),
)
def get_release_file(
    request: Request[Any, Any, Any],
    version: VersionP,
    name: Annotated[
        ReleaseFileName,
        PathParameter(
            description="A file of the release format; the manifest lists the ones this "
            "release has (another is a 404).",
            examples=[],
        ),
    ],
) -> Stream:
    """A release file."""
    store = store_of(request)
    with store.connect() as conn:
        rel = store.resolve(conn, version)
        files = {f.name: f for f in store.files(conn, rel)}
    entry = files.get(name)
    if entry is None:
        raise NotFound(f"release {rel.version} has no file '{name}'")
    etag = f'"{entry.sha256}"'
    headers = {
        **caching_headers(request, etag),
        # A version names immutable bytes; `latest` moves when a new release is loaded.
        "Cache-Control": "public, max-age=60"
        if version == "latest"
        else "public, max-age=31536000, immutable",
        "Accept-Ranges": "bytes",
    }
    headers.pop("Vary", None)
    cached = not_modified(request, etag)
    if cached is not None:
        return cached  # type: ignore[return-value]
    path = _file_path(
        store, rel.source_dir, request.app.state.settings.releases_dir, rel.version, name
    )
    size = entry.bytes
    if os.path.getsize(path) != size:
        raise NotFound(f"file {name} on this server does not match release {rel.version}")
    media = _MEDIA.get(path.suffix, "application/octet-stream")
    rng = request.headers.get("range")
    if_range = request.headers.get("if-range")
    parsed = _parse_range(rng, size) if rng and (not if_range or if_range == etag) else None
    if parsed is None:
        return Stream(
            _read(path, 0, size),
            media_type=media,
            status_code=200,
            headers={**headers, "Content-Length": str(size)},
        )
    start, end = parsed
    length = end - start + 1
    return Stream(
        _read(path, start, length),
        media_type=media,
        status_code=206,
        headers={
            **headers,
            "Content-Length": str(length),
            "Content-Range": f"bytes {start}-{end}/{size}",
        },
    )


@get(
    "/v1/releases/{version:str}/changes",
    operation_id="getReleaseChanges",
    summary="Changes between two releases",
    tags=["releases"],
    sync_to_thread=True,
    description="Event ids added, changed, merged and retracted in `version` since the older "
    "release `since` (default: the release before it). The list always runs from the older "
    "release to the newer: given a newer `since`, the two swap (the body's `version` and "
    "`since` say which is which); `since` equal to `version` lists no change. With `id`, the "
    "event lists and `reasons` hold that one event only (what this release did to it: the "
    "explorer's event history); `sources` is the release's whole list either way.",
    responses=problem_responses(400, 404, 429, 503),
)
def get_release_changes(
    request: Request[Any, Any, Any],
    version: VersionP,
    since: Annotated[
        str | None,
        QueryParameter(
            name="since",
            required=False,
            max_length=64,
            pattern=r"^\d+\.\d+\.\d+$",
            description="Release to compare with (normally an older one).",
        ),
    ] = None,
    event_id: Annotated[
        str | None,
        QueryParameter(
            name="id",
            required=False,
            pattern=r"^FL-[0-9]{6}$",
            description="Only this event's changes (an event id, FL- and six digits).",
        ),
    ] = None,
) -> Response[ChangeList]:
    """Change list of a release."""
    store = store_of(request)
    with store.connect() as conn:
        rel = store.resolve(conn, version)
        etag = etag_for(rel, request)
        cached = not_modified(request, etag)
        if cached is not None:
            return cached  # type: ignore[return-value]
        old = None
        if since is not None:
            old = store.resolve(conn, since)
            if old.ordinal > rel.ordinal:  # the list always runs from the older to the newer
                rel, old = old, rel
        else:
            older = [r for r in store.releases(conn) if r.ordinal < rel.ordinal]
            old = older[0] if older else None
        now = store.event_states(conn, rel.ordinal, event_id)
        before = store.event_states(conn, old.ordinal, event_id) if old else {}
        recorded = [
            _recorded(store, conn, r)
            for r in sorted(store.releases(conn), key=lambda r: r.ordinal)
            if (old.ordinal if old else 0) < r.ordinal <= rel.ordinal
        ]
    out = ChangeList(version=rel.version, since=old.version if old else None)
    for eid in sorted(now):
        cur, prev = now[eid], before.get(eid)
        if cur.status == "merged" and (prev is None or prev.status != "merged"):
            out.merged.append(MergedChange(id=eid, into=cur.merged_into, reason=cur.status_reason))
        elif cur.status == "retracted" and (prev is None or prev.status != "retracted"):
            out.retracted.append(RetractedChange(id=eid, reason=cur.status_reason))
        elif prev is None:
            out.added.append(eid)
        elif prev.content_sha256 != cur.content_sha256:
            out.changed.append(eid)
    _add_recorded(out, recorded)
    return json_bytes_response(request, msgspec.json.encode(out), etag)


class _Recorded(msgspec.Struct):
    """What a release's changes.json records beyond the ids (releases from 1.1.1 on)."""

    reasons: dict[str, str] = {}
    sources: SourceChanges = msgspec.field(default_factory=SourceChanges)


def _recorded(store: Store, conn: Connection, rel: ReleaseInfo) -> _Recorded:
    """What a release's changes.json records beyond the ids, decoded once per process (the
    file of a first release lists every event, megabytes at a million)."""
    return cast(
        "_Recorded",
        store.memo(
            f"recorded|{rel.ordinal}",
            lambda: msgspec.json.decode(store.blob(conn, rel, "changes_json"), type=_Recorded),
        ),
    )


def _add_recorded(out: ChangeList, recorded: list[_Recorded]) -> None:
    """Reasons of the changed events and the source changes, oldest release first.

    An event changed in several releases in between gets their reasons joined in order.
    """
    changed = set(out.changed)
    reasons: dict[str, list[str]] = {}
    sources_changed: dict[str, list[str]] = {}
    added_sources: list[str] = []
    for doc in recorded:
        for eid, reason in doc.reasons.items():
            if eid in changed:
                reasons.setdefault(eid, []).append(reason)
        added_sources += doc.sources.added
        for change in doc.sources.changed:
            sources_changed.setdefault(change.id, []).append(change.reason or "")
    out.reasons = {eid: " ".join(rs) for eid, rs in sorted(reasons.items())}
    new_sources = set(added_sources)
    out.sources = SourceChanges(
        added=sorted(new_sources),
        changed=[
            SourceChange(id=sid, reason=" ".join(r for r in rs if r) or None)
            for sid, rs in sorted(sources_changed.items())
            if sid not in new_sources
        ],
    )
