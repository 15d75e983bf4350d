"""``client.releases``: list, manifest, change list, verified download."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import quote

from faultlines._download import DownloadedFile, download_async, download_sync
from faultlines._generated import models as m
from faultlines._keywords import accepts
from faultlines._params import build_params

if TYPE_CHECKING:
    from faultlines._client import AsyncClient, Client

__all__ = ["AsyncReleases", "Releases"]

Downloaded = list[DownloadedFile]
"""The files present and verified after a download."""


def _path(version: str, *rest: str) -> str:
    return "/".join(["/v1/releases", quote(version, safe=""), *rest])


class Releases:
    """Published releases of the dataset."""

    def __init__(self, client: Client) -> None:
        self._client = client

    @accepts()
    def list(self) -> m.ReleaseList:
        """Every release the API serves, newest first."""
        return self._client._get("/v1/releases", m.ReleaseList)

    @accepts()
    def get(self, version: str) -> m.ReleaseDetail:
        """A release's manifest: counts, files with sizes and SHA-256, links."""
        return self._client._get(_path(version), m.ReleaseDetail)

    @accepts()
    def changes(
        self, version: str, *, since: str | None = None, event_id: str | None = None
    ) -> m.ChangeList:
        """Events added, changed, merged and retracted in ``version`` since ``since``.

        ``since`` defaults to the previous release; ``event_id`` keeps that one event's
        changes only (what the release did to it).
        """
        params = build_params(since=since, id=event_id)
        return self._client._get(_path(version, "changes"), m.ChangeList, params=params)

    @accepts()
    def download(
        self,
        version: str,
        dest: str | os.PathLike[str],
        *,
        files: Iterable[str] | None = None,
        progress: bool = False,
    ) -> Downloaded:
        """Download release files into ``dest``, each verified against ``SHA256SUMS``.

        ``files`` picks file names (default: every file the release lists); ``SHA256SUMS`` is
        written too. A file already present and intact is not fetched again; an interrupted one
        resumes from its ``.part`` file with ``Range``. A file whose SHA-256 does not match is
        deleted and ``ChecksumMismatchError`` raised. ``progress=True`` shows a tqdm bar
        (``progress`` extra).
        """
        return download_sync(self._client, version, dest, files=files, progress=progress)


class AsyncReleases:
    """Async twin of :class:`Releases`."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    @accepts()
    async def list(self) -> m.ReleaseList:
        """Every release the API serves, newest first."""
        return await self._client._get("/v1/releases", m.ReleaseList)

    @accepts()
    async def get(self, version: str) -> m.ReleaseDetail:
        """A release's manifest: counts, files with sizes and SHA-256, links."""
        return await self._client._get(_path(version), m.ReleaseDetail)

    @accepts()
    async def changes(
        self, version: str, *, since: str | None = None, event_id: str | None = None
    ) -> m.ChangeList:
        """Events added, changed, merged and retracted in ``version`` since ``since``."""
        params = build_params(since=since, id=event_id)
        return await self._client._get(_path(version, "changes"), m.ChangeList, params=params)

    @accepts()
    async def download(
        self,
        version: str,
        dest: str | os.PathLike[str],
        *,
        files: Iterable[str] | None = None,
        progress: bool = False,
    ) -> Downloaded:
        """Download and verify release files (see :meth:`Releases.download`)."""
        return await download_async(self._client, version, dest, files=files, progress=progress)
