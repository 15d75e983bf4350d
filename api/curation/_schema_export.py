"""JSON Schema of the records, generated from the msgspec structs (the one source of truth).

Written to ``dataset/schema/<SCHEMA_VERSION>/<name>.schema.json``, one file per record type
with its own ``$defs``, keys sorted, two-space indent and a trailing newline. Releases ship
the bundle of all four as ``schema.json``.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import msgspec
import msgspec.inspect as mi

from api.records import SCHEMA_VERSION, Coverage, Event, Source, Vocabularies

__all__ = [
    "SCHEMA_TYPES",
    "bundle_schema",
    "check_schema_files",
    "schema_files",
    "write_schema_files",
]

SCHEMA_TYPES: dict[str, type[msgspec.Struct]] = {
    "event": Event,
    "source": Source,
    "coverage": Coverage,
    "vocabularies": Vocabularies,
}

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_REF = "#/$defs/{name}"


def dumps(document: Any) -> str:
    """The canonical text of a generated JSON document."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _named_types(types: list[type[msgspec.Struct]]) -> dict[str, type]:
    """Every struct and enum reachable from ``types``, by the name msgspec gives its ``$defs``."""
    found: dict[str, type] = {}
    stack: list[mi.Type] = list(mi.multi_type_info(types))
    while stack:
        info = stack.pop()
        if isinstance(info, mi.StructType | mi.EnumType):
            if info.cls.__name__ in found:
                continue
            found[info.cls.__name__] = info.cls
        if isinstance(info, mi.StructType):
            stack.extend(f.type for f in info.fields)
        for attr in ("item_type", "key_type", "value_type"):
            if hasattr(info, attr):
                stack.append(getattr(info, attr))
        stack.extend(getattr(info, "types", ()) or ())
    return found


def _components(
    types: list[type[msgspec.Struct]],
) -> tuple[tuple[dict[str, Any], ...], dict[str, Any]]:
    """msgspec's schema components, with type descriptions taken from docstrings by us.

    msgspec 0.23 started cleaning docstrings (``inspect.cleandoc``) where earlier versions only
    dedented them, which changed published bytes. Descriptions are part of released files, so
    their form is fixed here, not by the library: ``textwrap.dedent`` and trimmed newlines,
    the form schema 1.0.0 was published with.
    """
    roots, defs = msgspec.json.schema_components(types, ref_template=_REF)
    for name, cls in _named_types(types).items():
        doc = cls.__doc__
        if name in defs and "description" in defs[name] and doc:
            defs[name]["description"] = textwrap.dedent(doc).strip("\r\n")
    return roots, defs


def _document(name: str, kind: type[msgspec.Struct]) -> dict[str, Any]:
    (root,), defs = _components([kind])
    return {
        "$schema": _DIALECT,
        "title": f"Fault Lines {kind.__name__} (schema {SCHEMA_VERSION})",
        **root,
        "$defs": defs,
    }


def schema_files() -> dict[str, str]:
    """File name -> text of every schema file of the current schema version."""
    return {f"{n}.schema.json": dumps(_document(n, k)) for n, k in SCHEMA_TYPES.items()}


def bundle_schema() -> str:
    """One document with every record type under ``$defs`` (a release's ``schema.json``)."""
    roots, defs = _components(list(SCHEMA_TYPES.values()))
    return dumps(
        {
            "$schema": _DIALECT,
            "title": f"Fault Lines records (schema {SCHEMA_VERSION})",
            "description": "A record is an Event, a Source, a Coverage record or the Vocabularies.",
            "anyOf": list(roots),
            "$defs": defs,
        }
    )


def _folder(root: Path) -> Path:
    return root / "schema" / SCHEMA_VERSION


def write_schema_files(root: Path) -> list[Path]:
    """Write the schema files under ``root/schema/<version>/``; return their paths."""
    folder = _folder(root)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def check_schema_files(root: Path) -> list[str]:
    """Describe every way the committed schema files drift from the structs (empty: none)."""
    folder = _folder(root)
    drift = []
    expected = schema_files()
    for name, text in expected.items():
        path = folder / name
        if not path.exists():
            drift.append(f"{path}: missing")
        elif path.read_text(encoding="utf-8") != text:
            drift.append(f"{path}: differs from the structs in api/records")
    if folder.is_dir():
        for path in sorted(folder.glob("*.json")):
            if path.name not in expected:
                drift.append(f"{path}: not generated from any struct")
    return drift
