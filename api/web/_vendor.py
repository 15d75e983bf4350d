"""Third-party browser assets, vendored from npm registry packages at pinned versions.

``python -m api.web._vendor`` (``make vendor``) downloads each pinned package's tarball, checks
it against the registry's own integrity hash (``dist.integrity``, SHA-512), extracts only the
files the explorer needs into ``api/web/static/vendor/<folder>/`` with the package's licence
files beside them, and rewrites ``MANIFEST.json``: for every file its package, version, path in
the package, licence (SPDX) and SHA-256. ``verify()`` checks the folder against the manifest
(a unit test runs it), so a hand-edited or missing asset fails the build.

The registry is the one the npm client is configured with (``npm config get registry``) or
``NPM_CONFIG_REGISTRY``; nothing else is contacted, and nothing is loaded from a CDN at run time.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["MANIFEST", "PACKAGES", "VENDOR_DIR", "Package", "refresh", "verify"]

VENDOR_DIR = Path(__file__).resolve().parent / "static" / "vendor"
MANIFEST = VENDOR_DIR / "MANIFEST.json"


@dataclass(frozen=True)
class Package:
    """One npm package to vendor and the files to take from it."""

    name: str
    """The npm package name (scoped names as ``@scope/name``)."""
    version: str
    """The exact version: vendored assets never float."""
    licence: str
    """SPDX identifier the package must declare in its ``package.json``."""
    folder: str
    """Folder under ``static/vendor/`` (served at ``/static/vendor/<folder>/``)."""
    files: tuple[str, ...]
    """Paths inside the package to copy (each lands under its base name)."""
    licence_files: tuple[str, ...] = ("LICENSE",)
    """The package's licence and notice files, copied beside the assets."""
    note: str = ""
    """Why it is here (and anything about the licence of the data it carries)."""


PACKAGES: tuple[Package, ...] = (
    Package(
        "d3",
        "7.9.2",
        "ISC",
        "d3",
        ("dist/d3.min.js",),
        note="scales, formats and DOM helpers for the explorer's charts (UMD build, global d3)",
    ),
    Package(
        "@observablehq/plot",
        "0.6.17",
        "ISC",
        "observablehq-plot",
        ("dist/plot.umd.min.js",),
        note="charts and the map (geo mark with a projection); UMD build, global Plot, needs d3",
    ),
    Package(
        "topojson-client",
        "3.1.0",
        "ISC",
        "topojson-client",
        ("dist/topojson-client.min.js",),
        note="turns the world-atlas TopoJSON into GeoJSON features (UMD build, global topojson)",
    ),
    Package(
        "world-atlas",
        "2.0.2",
        "ISC",
        "world-atlas",
        ("countries-50m.json",),
        note="offline base map: Natural Earth 1:50m country outlines as TopoJSON (the Natural "
        "Earth data are public domain; the package is ISC)",
    ),
    Package(
        "swagger-ui-dist",
        "5.35.0",
        "Apache-2.0",
        "swagger-ui-dist",
        ("swagger-ui-bundle.js", "swagger-ui.css"),
        licence_files=("LICENSE", "NOTICE", "swagger-ui-bundle.js.LICENSE.txt"),
        note="the API reference at /schema; renders under script-src 'self' and style-src 'self'",
    ),
    Package(
        "axe-core",
        "4.14.1",
        "MPL-2.0",
        "axe-core",
        ("axe.min.js",),
        licence_files=("LICENSE", "LICENSE-3RD-PARTY.txt"),
        note="accessibility checks in the browser tests only; no page loads it",
    ),
)


def _registry() -> str:
    env = os.environ.get("NPM_CONFIG_REGISTRY")
    if env:
        return env.rstrip("/")
    try:
        out = subprocess.run(
            ["npm", "config", "get", "registry"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as exc:
        raise SystemExit(
            "make vendor needs the npm registry's address: install npm (Debian: apt-get install "
            f"npm) or set NPM_CONFIG_REGISTRY ({exc})"
        ) from exc
    return out.rstrip("/")


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=120) as response:
        body: bytes = response.read()
    return body


def _metadata(registry: str, package: Package) -> dict[str, Any]:
    name = urllib.parse.quote(package.name, safe="@")
    meta: dict[str, Any] = json.loads(_get(f"{registry}/{name}/{package.version}"))
    if meta.get("version") != package.version:
        raise SystemExit(f"{package.name}: registry answered version {meta.get('version')}")
    return meta


def _check_integrity(package: Package, tarball: bytes, integrity: str) -> None:
    algorithm, _, expected = integrity.partition("-")
    if algorithm != "sha512":
        raise SystemExit(f"{package.name}: unexpected integrity algorithm {algorithm!r}")
    actual = base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    if actual != expected:
        raise SystemExit(f"{package.name}@{package.version}: tarball does not match its integrity")


def _members(tarball: bytes) -> dict[str, bytes]:
    """Regular files of an npm tarball, keyed by path inside the package."""
    files: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for member in archive.getmembers():
            if not member.isfile():
                continue
            _, _, inner = member.name.partition("/")  # npm packs everything under package/
            extracted = archive.extractfile(member)
            if extracted is not None:
                files[inner] = extracted.read()
    return files


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _vendor_one(registry: str, package: Package, out: Path) -> tuple[dict[str, Any], list[Any]]:
    meta = _metadata(registry, package)
    declared = meta.get("license")
    if declared != package.licence:
        raise SystemExit(f"{package.name}: declares licence {declared!r}, pinned {package.licence}")
    dist = meta["dist"]
    tarball = _get(dist["tarball"])
    _check_integrity(package, tarball, dist["integrity"])
    members = _members(tarball)
    folder = out / package.folder
    folder.mkdir(parents=True)
    entries: list[Any] = []
    for inner in (*package.files, *package.licence_files):
        if inner not in members:
            raise SystemExit(f"{package.name}@{package.version} has no file {inner}")
        target = folder / Path(inner).name
        if target.exists():
            raise SystemExit(f"{package.name}: two files would land at {target.name}")
        target.write_bytes(members[inner])
        entries.append(
            {
                "path": f"{package.folder}/{target.name}",
                "package": package.name,
                "version": package.version,
                "path_in_package": inner,
                "licence": package.licence,
                "licence_file": f"{package.folder}/{Path(package.licence_files[0]).name}",
                "sha256": _sha256(members[inner]),
            }
        )
    record = {
        "name": package.name,
        "version": package.version,
        "licence": package.licence,
        "integrity": dist["integrity"],
        "folder": package.folder,
        "note": package.note,
    }
    return record, entries


def refresh(target: Path = VENDOR_DIR) -> None:
    """Download, verify and extract every pinned package into ``target``; rewrite the manifest.

    The new folder is built beside the old one and swapped in only when every package passed,
    so a failed refresh leaves the committed assets as they were.
    """
    registry = _registry()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        out = Path(scratch) / "vendor"
        out.mkdir()
        packages, files = [], []
        for package in PACKAGES:
            record, entries = _vendor_one(registry, package, out)
            packages.append(record)
            files += entries
            print(f"vendored {package.name}@{package.version} ({len(entries)} files)")
        manifest = {
            "about": "Third-party browser assets, from npm registry packages; `make vendor` "
            "rewrites this file and the folders beside it.",
            "packages": packages,
            "files": sorted(files, key=lambda entry: entry["path"]),
        }
        (out / MANIFEST.name).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        out.rename(target)


def verify(target: Path = VENDOR_DIR) -> list[str]:
    """Problems with the vendored folder: empty when it is exactly what the manifest lists."""
    manifest = json.loads((target / MANIFEST.name).read_text(encoding="utf-8"))
    problems: list[str] = []
    listed = {entry["path"] for entry in manifest["files"]}
    for entry in manifest["files"]:
        path = target / entry["path"]
        if not path.is_file():
            problems.append(f"{entry['path']}: listed in the manifest but missing")
        elif _sha256(path.read_bytes()) != entry["sha256"]:
            problems.append(f"{entry['path']}: SHA-256 differs from the manifest")
        if not (target / entry["licence_file"]).is_file():
            problems.append(f"{entry['path']}: licence file {entry['licence_file']} missing")
    present = {
        path.relative_to(target).as_posix()
        for path in target.rglob("*")
        if path.is_file() and path.name != MANIFEST.name
    }
    problems += [f"{path}: not listed in the manifest" for path in sorted(present - listed)]
    pinned = {(p.name, p.version, p.licence) for p in PACKAGES}
    recorded = {(p["name"], p["version"], p["licence"]) for p in manifest["packages"]}
    if pinned != recorded:
        problems.append(f"manifest packages {sorted(recorded)} differ from pins {sorted(pinned)}")
    return problems


if __name__ == "__main__":
    refresh()
    found = verify()
    print("\n".join(found) or f"{MANIFEST}: every file verified")
    sys.exit(1 if found else 0)
