"""Verified, resumable release downloads.

Each file is streamed into ``<dest>/<name>.part`` while its SHA-256 is computed, then checked
against the release's ``SHA256SUMS`` (fetched first from the API). Only a file that verifies is
renamed to ``<dest>/<name>``; one that does not is deleted and ``ChecksumMismatchError`` raised.
An interrupted transfer leaves the ``.part`` file behind; the next attempt (in the same call,
up to the client's ``max_retries``, or in a later call) asks for the rest with ``Range``.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, BinaryIO, Protocol
from urllib.parse import quote

import httpx

from faultlines import _retry
from faultlines._errors import ChecksumMismatchError, DownloadError

if TYPE_CHECKING:
    from faultlines._client import AsyncClient, Client

__all__ = [
    "SUMS_NAME",
    "DownloadedFile",
    "download_async",
    "download_sync",
    "file_sha256",
    "parse_sha256sums",
]

SUMS_NAME = "SHA256SUMS"
_CHUNK = 1 << 16
_SUM_LINE = re.compile(r"(?P<hex>[0-9a-fA-F]{64}) [ *](?P<name>.+)")
_CONTENT_RANGE = re.compile(r"bytes (?P<start>[0-9]+)-[0-9]+/(?:[0-9]+|\*)")


@dataclass(frozen=True, kw_only=True)
class DownloadedFile:
    """A release file present in the destination folder and matching SHA256SUMS."""

    name: str
    """File name within the release."""
    path: Path
    """Where it was written."""
    sha256: str
    """Its verified SHA-256 (hex)."""
    size: int
    """Its size in bytes."""
    downloaded: bool
    """False when an identical file was already there and nothing was fetched."""


def parse_sha256sums(text: str) -> dict[str, str]:
    """Parse ``sha256sum``-format lines into ``{file name: hex digest}``.

    Raises ``DownloadError`` on a malformed line or a name that is not a plain file name
    (the names become paths on the caller's disk).
    """
    sums: dict[str, str] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = _SUM_LINE.fullmatch(line.rstrip("\r"))
        if match is None:
            raise DownloadError(f"SHA256SUMS line {lineno} is malformed: {line!r}")
        name = match["name"]
        if "/" in name or "\\" in name or name in {".", ".."} or name.startswith("."):
            raise DownloadError(f"SHA256SUMS line {lineno}: refusing unsafe file name {name!r}")
        sums[name] = match["hex"].lower()
    if not sums:
        raise DownloadError("SHA256SUMS lists no files")
    return sums


def _select(sums: dict[str, str], files: Iterable[str] | None) -> list[str]:
    if files is None:
        return sorted(sums)
    wanted = list(dict.fromkeys(files))
    unknown = [name for name in wanted if name not in sums]
    if unknown:
        raise DownloadError(f"not in the release's SHA256SUMS: {', '.join(unknown)}")
    return wanted


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _already_there(path: Path, expected: str) -> DownloadedFile | None:
    if path.is_file() and file_sha256(path) == expected:
        return DownloadedFile(
            name=path.name, path=path, sha256=expected, size=path.stat().st_size, downloaded=False
        )
    return None


def _file_path(version: str, name: str) -> str:
    return f"/v1/releases/{quote(version, safe='')}/files/{quote(name, safe='')}"


class _Bar(Protocol):
    def update(self, n: int) -> object: ...
    def close(self) -> None: ...


class _NoBar:
    def update(self, n: int) -> object:
        return None

    def close(self) -> None:
        return None


def _progress_bar(enabled: bool, name: str, total: int | None, initial: int) -> _Bar:
    if not enabled:
        return _NoBar()
    try:
        from tqdm.auto import tqdm
    except ImportError as exc:  # the optional extra
        raise ImportError("progress=True needs tqdm: pip install 'faultlines[progress]'") from exc
    bar: _Bar = tqdm(total=total, initial=initial, unit="B", unit_scale=True, desc=name)
    return bar


class _PartFile:
    """``<name>.part`` being filled, with a running SHA-256 of everything written so far."""

    def __init__(self, final: Path) -> None:
        self.final = final
        self.part = final.with_name(final.name + ".part")
        self._fh: BinaryIO | None = None
        self._digest = hashlib.sha256()

    def offset(self) -> int:
        """Bytes already on disk from an earlier, interrupted attempt."""
        return self.part.stat().st_size if self.part.is_file() else 0

    def open(self, *, resume: bool) -> None:
        """Open for appending (hashing what is there) or truncate and start over."""
        self._digest = hashlib.sha256()
        if resume and self.part.is_file():
            with self.part.open("rb") as fh:
                for block in iter(lambda: fh.read(_CHUNK), b""):
                    self._digest.update(block)
            self._fh = self.part.open("ab")
        else:
            self._fh = self.part.open("wb")

    def write(self, chunk: bytes) -> None:
        assert self._fh is not None
        self._fh.write(chunk)
        self._digest.update(chunk)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def discard(self) -> None:
        self.close()
        self.part.unlink(missing_ok=True)

    def finish(self, expected: str) -> DownloadedFile:
        """Verify and move into place, or delete and raise ``ChecksumMismatchError``."""
        self.close()
        actual = self._digest.hexdigest()
        if actual != expected:
            self.discard()
            self.final.unlink(missing_ok=True)
            raise ChecksumMismatchError(self.final, expected, actual)
        size = self.part.stat().st_size
        os.replace(self.part, self.final)
        return DownloadedFile(
            name=self.final.name, path=self.final, sha256=actual, size=size, downloaded=True
        )

    def __enter__(self) -> _PartFile:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _range_headers(offset: int) -> dict[str, str]:
    # Ranges count bytes of the stored file, so ask for it unencoded.
    headers = {"Accept-Encoding": "identity", "Accept": "*/*"}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    return headers


def _resumes_at(response: httpx.Response, offset: int) -> bool:
    """Whether ``response`` continues the part file at ``offset`` (else start over)."""
    if not offset or response.status_code != 206:
        return False
    match = _CONTENT_RANGE.fullmatch(response.headers.get("content-range", ""))
    return match is not None and int(match["start"]) == offset


def _total(response: httpx.Response, offset: int, resumed: bool) -> int | None:
    length = response.headers.get("content-length")
    if length is None or not length.isdigit():
        return None
    return int(length) + (offset if resumed else 0)


def _write_sums(dest: Path, text: str) -> None:
    tmp = dest / (SUMS_NAME + ".part")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, dest / SUMS_NAME)


def _interrupted(name: str, exc: Exception) -> DownloadError:
    return DownloadError(f"{name}: transfer interrupted ({exc}); call again to resume")


def download_sync(
    client: Client,
    version: str,
    dest: str | os.PathLike[str],
    *,
    files: Iterable[str] | None = None,
    progress: bool = False,
) -> list[DownloadedFile]:
    """Download (resuming where possible) and verify release files; see ``Releases.download``."""
    target = Path(dest)
    sums_text = client._send(_file_path(version, SUMS_NAME)).text
    sums = _select_and_parse(sums_text, files)
    target.mkdir(parents=True, exist_ok=True)
    _write_sums(target, sums_text)
    results = []
    for name, expected in sums:
        done = _already_there(target / name, expected)
        results.append(done or _fetch_sync(client, version, name, expected, target, progress))
    return results


def _select_and_parse(text: str, files: Iterable[str] | None) -> list[tuple[str, str]]:
    sums = parse_sha256sums(text)
    return [(name, sums[name]) for name in _select(sums, files)]


def _fetch_sync(
    client: Client, version: str, name: str, expected: str, dest: Path, progress: bool
) -> DownloadedFile:
    with _PartFile(dest / name) as part:
        failures = 0
        while True:
            offset = part.offset()
            response = client._send(
                _file_path(version, name),
                headers=_range_headers(offset),
                stream=True,
                ok_statuses=frozenset({416}),
            )
            try:
                if response.status_code == 416:  # the part file is not a prefix any more
                    part.discard()
                    failures += 1
                    if failures > client.retry.max_retries:
                        raise DownloadError(f"{name}: the server refuses every byte range")
                    continue
                resumed = _resumes_at(response, offset)
                part.open(resume=resumed)
                bar = _progress_bar(progress, name, _total(response, offset, resumed), offset)
                try:
                    # No chunk_size: a re-chunker would hold back bytes lost on a reset.
                    for chunk in response.iter_bytes():
                        part.write(chunk)
                        bar.update(len(chunk))
                finally:
                    bar.close()
            except httpx.TransportError as exc:
                part.close()
                delay = client.retry.delay_for_error(failures)
                if delay is None:
                    raise _interrupted(name, exc) from exc
                failures += 1
                _retry.sleep(delay)
                continue
            finally:
                response.close()
            return part.finish(expected)


async def download_async(
    client: AsyncClient,
    version: str,
    dest: str | os.PathLike[str],
    *,
    files: Iterable[str] | None = None,
    progress: bool = False,
) -> list[DownloadedFile]:
    """Async twin of :func:`download_sync` (file writes are plain, small, blocking writes)."""
    target = Path(dest)
    sums_text = (await client._send(_file_path(version, SUMS_NAME))).text
    sums = _select_and_parse(sums_text, files)
    target.mkdir(parents=True, exist_ok=True)
    _write_sums(target, sums_text)
    results = []
    for name, expected in sums:
        done = _already_there(target / name, expected)
        if done is None:
            done = await _fetch_async(client, version, name, expected, target, progress)
        results.append(done)
    return results


async def _fetch_async(
    client: AsyncClient, version: str, name: str, expected: str, dest: Path, progress: bool
) -> DownloadedFile:
    with _PartFile(dest / name) as part:
        failures = 0
        while True:
            offset = part.offset()
            response = await client._send(
                _file_path(version, name),
                headers=_range_headers(offset),
                stream=True,
                ok_statuses=frozenset({416}),
            )
            try:
                if response.status_code == 416:
                    part.discard()
                    failures += 1
                    if failures > client.retry.max_retries:
                        raise DownloadError(f"{name}: the server refuses every byte range")
                    continue
                resumed = _resumes_at(response, offset)
                part.open(resume=resumed)
                bar = _progress_bar(progress, name, _total(response, offset, resumed), offset)
                try:
                    async for chunk in response.aiter_bytes():
                        part.write(chunk)
                        bar.update(len(chunk))
                finally:
                    bar.close()
            except httpx.TransportError as exc:
                part.close()
                delay = client.retry.delay_for_error(failures)
                if delay is None:
                    raise _interrupted(name, exc) from exc
                failures += 1
                await _retry.async_sleep(delay)
                continue
            finally:
                await response.aclose()
            return part.finish(expected)
