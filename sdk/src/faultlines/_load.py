"""``faultlines.load``: a release as a DataFrame, downloaded once (verified) and cached.

    >>> frame = faultlines.load()          # the newest release  # doctest: +SKIP
    >>> frame = faultlines.load("1.0.0")   # a given one         # doctest: +SKIP

The release's ``events.csv`` is fetched with the release download (``SHA256SUMS`` first, the
file verified against it) into ``<cache>/<server>/<version>/``: ``<cache>`` is
``$FAULTLINES_CACHE_DIR`` or platformdirs' user cache folder for ``faultlines``, and
``<server>`` comes from the API's address, because two servers may publish different data under
one version number (a test server's fixtures, say). A published release is immutable, so once
its file is cached and still matches ``SHA256SUMS``, loading it asks no server anything.
``"latest"`` does ask the server which release is newest (from ``/v1/releases``, so any server
version answers); when the server cannot be reached, the newest release already cached for it
is loaded, with a warning (and likewise when it answers with a server error, 5xx).
"""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from faultlines._client import Client
from faultlines._download import SUMS_NAME, download_sync, file_sha256, parse_sha256sums
from faultlines._errors import APIConnectionError, DownloadError, ServerError
from faultlines._pandas import events_frame, require_pandas

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LATEST", "default_cache_dir", "load"]

LATEST = "latest"
"""The release name that means "whichever release the server serves by default"."""
TABLE = "events.csv"
_SAFE_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+-]*")
_NUMBERS = re.compile(r"[0-9]+")


def default_cache_dir() -> Path:
    """Where ``load`` keeps releases: ``$FAULTLINES_CACHE_DIR``, else the user cache folder."""
    configured = os.environ.get("FAULTLINES_CACHE_DIR")
    if configured:
        return Path(configured)
    try:
        import platformdirs
    except ImportError as exc:  # the optional extra
        raise ImportError("load() needs platformdirs: pip install 'faultlines[pandas]'") from exc
    return platformdirs.user_cache_path("faultlines")


def _server_folder(root: Path, base_url: str) -> Path:
    parts = urlsplit(base_url)
    name = re.sub(r"[^0-9A-Za-z.-]+", "_", f"{parts.netloc}{parts.path}").strip("_")
    return root / (name or "default")


def _version_key(version: str) -> tuple[tuple[int, ...], str]:
    core = version.split("-", 1)[0].split("+", 1)[0]
    return tuple(int(n) for n in _NUMBERS.findall(core)), version


def _intact(folder: Path) -> bool:
    """Whether ``folder`` holds the table and it matches the ``SHA256SUMS`` beside it."""

    sums_path, table = folder / SUMS_NAME, folder / TABLE
    if not (sums_path.is_file() and table.is_file()):
        return False
    try:
        expected = parse_sha256sums(sums_path.read_text(encoding="utf-8")).get(TABLE)
    except DownloadError:
        return False
    return expected is not None and file_sha256(table) == expected


def _newest_cached(server: Path) -> str | None:
    if not server.is_dir():
        return None
    versions = [p.name for p in server.iterdir() if p.is_dir() and _intact(p)]
    return max(versions, key=_version_key) if versions else None


def _newest_served(client: Client) -> str:
    releases = client.releases.list().data
    if not releases:
        raise DownloadError(f"{client.base_url} serves no release")
    default = [r.version for r in releases if r.latest]
    return default[0] if default else max((r.version for r in releases), key=_version_key)


def load(
    release: str = LATEST,
    *,
    base_url: str | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    client: Client | None = None,
    progress: bool = False,
) -> pd.DataFrame:
    """A release's ``events.csv`` as a typed DataFrame, from the cache or downloaded once.

    ``release`` is a version (``"1.1.0"``) or ``"latest"``. ``base_url`` (or ``client``) names
    the API, as for :class:`Client`. The frame holds every event id of the release, merged and
    retracted ones included (``status``), in id order: ``frame[frame.status == "active"]`` holds
    the rows ``client.events.to_pandas(release=...)`` returns (that one in date order).
    ``frame.attrs["release"]`` is the version loaded. Columns and dtypes are those of
    ``to_pandas``. Needs the ``pandas`` extra.
    """
    require_pandas("load()")
    if release != LATEST and not _SAFE_VERSION.fullmatch(release):
        raise ValueError(f"release must be a version such as '1.1.0' or 'latest', not {release!r}")
    root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    own = client is None
    api = client or Client(base_url)
    server = _server_folder(root, api.base_url)
    try:
        version = release
        if release == LATEST:
            try:
                version = _newest_served(api)
            except (APIConnectionError, ServerError) as exc:  # no answer, or no usable one
                cached = _newest_cached(server)
                if cached is None:
                    raise
                warnings.warn(
                    f"could not ask {api.base_url} for its newest release ({exc}); "
                    f"loading release {cached}, the newest in the cache",
                    stacklevel=2,
                )
                version = cached
        folder = server / version
        if not _intact(folder):
            download_sync(api, version, folder, files=[TABLE], progress=progress)
    finally:
        if own:
            api.close()
    frame = events_frame(folder / TABLE)
    frame.attrs["release"] = version
    return frame
