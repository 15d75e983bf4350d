"""datapackage.json: a Frictionless (v1) data package describing the release's files.

events.csv is a tabular resource with a typed, documented schema (``_columns``); the other
files are file resources with their format, size and SHA-256, so ``frictionless validate``
checks every byte of the release.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from api.curation._columns import COLUMNS
from api.curation._hashing import file_digest

__all__ = ["datapackage"]

_FILES: tuple[tuple[str, str, str, str, str], ...] = (
    # (resource name, path, format, media type, description)
    ("events-jsonl", "events.jsonl", "jsonl", "application/x-ndjson",
     "Every event (all statuses) as one JSON record per line, sorted by id; see schema.json."),
    ("sources-jsonl", "sources.jsonl", "jsonl", "application/x-ndjson",
     "Every source document as one JSON record per line, sorted by id."),
    ("coverage-jsonl", "coverage.jsonl", "jsonl", "application/x-ndjson",
     "Coverage records: what was searched and what was found, sorted by id."),
    ("events-parquet", "events.parquet", "parquet", "application/vnd.apache.parquet",
     "The rows of events.csv, typed."),
    ("faultlines-sqlite", "faultlines.sqlite", "sqlite", "application/vnd.sqlite3",
     "SQLite database with tables events (the events.csv columns), reports, actors, sources "
     "and release."),
    ("vocab", "vocab.json", "json", "application/json",
     "Vocabularies of the schema version: event types, organisations, campaigns, countries, "
     "outlet types and terms."),
    ("schema", "schema.json", "json", "application/schema+json",
     "JSON Schema (2020-12) of the records."),
)  # fmt: skip


def _field(col: Any) -> dict[str, Any]:
    field: dict[str, Any] = {"name": col.name, "type": col.kind, "description": col.description}
    constraints: dict[str, Any] = {}
    if col.required:
        constraints["required"] = True
    if col.enum:
        constraints["enum"] = list(col.enum)
    if constraints:
        field["constraints"] = constraints
    return field


def datapackage(folder: Path, version: str, date: str, schema_version: str) -> dict[str, Any]:
    """The datapackage.json document for the release files already written in ``folder``."""
    csv_bytes, csv_sha = file_digest(folder / "events.csv")
    resources: list[dict[str, Any]] = [
        {
            "name": "events",
            "path": "events.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": "One row per event (all statuses), flattened; lists joined with ';'.",
            "dialect": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "header": True},
            "schema": {
                "fields": [_field(c) for c in COLUMNS],
                "primaryKey": ["id"],
                "missingValues": [""],
            },
            "bytes": csv_bytes,
            "hash": f"sha256:{csv_sha}",
        }
    ]
    for name, path, fmt, mediatype, description in _FILES:
        size, sha = file_digest(folder / path)
        resources.append(
            {
                "name": name,
                "path": path,
                "profile": "data-resource",
                # frictionless-py extension: check these as files, not as tables.
                "type": "file",
                "format": fmt,
                "mediatype": mediatype,
                "description": description,
                "bytes": size,
                "hash": f"sha256:{sha}",
            }
        )
    return {
        "profile": "data-package",
        "name": "faultlines",
        "title": "Fault Lines: security-force defection and insider dissent events",
        "version": version,
        "created": f"{date}T00:00:00Z",
        "keywords": ["defection", "security forces", "Iran", "IRGC", "Basij", "dissent"],
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "Creative Commons Attribution 4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
            }
        ],
        "schema_version": schema_version,
        "resources": resources,
    }
