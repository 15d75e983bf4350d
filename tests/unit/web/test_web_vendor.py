"""The vendored browser assets are exactly what MANIFEST.json records (``make vendor``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from api.web._vendor import MANIFEST, PACKAGES, VENDOR_DIR, verify


def test_every_vendored_file_matches_the_manifest() -> None:
    assert verify() == []


def test_manifest_records_package_version_licence_and_hash_for_every_file() -> None:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    pinned = {p.name: p for p in PACKAGES}
    for entry in manifest["files"]:
        package = pinned[entry["package"]]
        assert entry["version"] == package.version
        assert entry["licence"] == package.licence
        assert len(entry["sha256"]) == 64
        assert entry["path"].startswith(f"{package.folder}/")
    # each package brings its licence file and every file it was pinned for
    paths = {entry["path"] for entry in manifest["files"]}
    for package in PACKAGES:
        for inner in (*package.files, *package.licence_files):
            assert f"{package.folder}/{Path(inner).name}" in paths


def test_verify_reports_a_changed_a_missing_and_an_unlisted_file(tmp_path: Path) -> None:
    copy = tmp_path / "vendor"
    shutil.copytree(VENDOR_DIR, copy)
    (copy / "d3" / "d3.min.js").write_bytes(b"/* patched */")
    (copy / "topojson-client" / "topojson-client.min.js").unlink()
    (copy / "d3" / "extra.js").write_text("1", encoding="utf-8")
    assert verify(copy) == [
        "d3/d3.min.js: SHA-256 differs from the manifest",
        "topojson-client/topojson-client.min.js: listed in the manifest but missing",
        "d3/extra.js: not listed in the manifest",
    ]
