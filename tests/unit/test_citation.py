"""CITATION.cff: valid Citation File Format 1.2.0, and saying what the project says elsewhere.

The rules checked are those of the CFF 1.2.0 JSON Schema that apply to the keys used here:
required keys, no key outside the schema, the closed values (``type``, SPDX licences as of the
schema's list), entities with a ``name``, and references with ``authors``, ``title``, ``type``.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
CFF: dict[str, Any] = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))

TOP_LEVEL = {
    "abstract", "authors", "cff-version", "commit", "contact", "date-released", "doi",
    "identifiers", "keywords", "license", "license-url", "message", "preferred-citation",
    "references", "repository", "repository-artifact", "repository-code", "title", "type",
    "url", "version",
}  # fmt: skip
ENTITY = {
    "address", "alias", "city", "country", "date-end", "date-start", "email", "fax",
    "location", "name", "orcid", "post-code", "region", "tel", "website",
}  # fmt: skip
REFERENCE_TYPES = {"data", "database", "software", "software-code", "report", "generic"}
SPDX_USED = {"CC-BY-4.0", "MIT"}  # both on the SPDX list the 1.2.0 schema enumerates
URL = re.compile(r"^(https|http|ftp|sftp)://.+")


def _entities(authors: Any) -> None:
    assert isinstance(authors, list) and authors, "authors: a non-empty list"
    for author in authors:
        assert set(author) <= ENTITY and isinstance(author.get("name"), str) and author["name"]


def test_is_valid_cff_1_2_0() -> None:
    assert {"authors", "cff-version", "message", "title"} <= set(CFF)
    assert set(CFF) <= TOP_LEVEL, set(CFF) - TOP_LEVEL
    assert CFF["cff-version"] == "1.2.0"  # a string, as the schema's pattern requires
    assert CFF["type"] in {"software", "dataset"}
    assert all(isinstance(CFF[k], str) and CFF[k].strip() for k in ("message", "title"))
    _entities(CFF["authors"])
    assert CFF["license"] in SPDX_USED
    keywords = CFF["keywords"]
    assert keywords and len(set(keywords)) == len(keywords) and all(keywords)
    for key in ("repository", "repository-code", "repository-artifact", "url", "license-url"):
        assert key not in CFF or URL.match(CFF[key]), key
    for reference in CFF.get("references", []):
        assert {"authors", "title", "type"} <= set(reference)
        assert reference["type"] in REFERENCE_TYPES
        _entities(reference["authors"])
        assert reference.get("license", "MIT") in SPDX_USED


def test_authors_and_licences_match_the_project() -> None:
    assert CFF["authors"] == [{"name": "Fault Lines contributors"}]
    assert CFF["type"] == "dataset"
    releases = [p for p in (ROOT / "dataset" / "releases").iterdir() if p.is_dir()]
    newest = max(releases, key=lambda p: tuple(int(n) for n in p.name.split(".")))
    package = json.loads((newest / "datapackage.json").read_text(encoding="utf-8"))
    assert CFF["license"] in {licence["name"] for licence in package["licenses"]}
    assert CFF["title"] == package["title"]
    sdk = tomllib.loads((ROOT / "sdk" / "pyproject.toml").read_text(encoding="utf-8"))
    (software,) = [r for r in CFF["references"] if r["type"] == "software"]
    assert software["license"] == sdk["project"]["license"]["text"] == "MIT"
