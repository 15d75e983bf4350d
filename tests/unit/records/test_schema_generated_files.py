"""The committed JSON Schema files and CODEBOOK.md match what the generators produce."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from api.curation._cli import main
from api.curation._schema_export import bundle_schema, check_schema_files, schema_files
from api.records import SCHEMA_VERSION

DATASET = Path(__file__).resolve().parents[3] / "dataset"


def test_schema_check_passes_on_the_repository() -> None:
    assert check_schema_files(DATASET) == []
    assert main(["schema", "--check", "--root", str(DATASET)]) == 0


def test_codebook_check_passes_on_the_repository() -> None:
    assert main(["codebook", "--check", "--root", str(DATASET)]) == 0


def test_schema_check_detects_drift(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "schema" / SCHEMA_VERSION
    shutil.copytree(DATASET / "schema" / SCHEMA_VERSION, folder)
    path = folder / "event.schema.json"
    doc = json.loads(path.read_text())
    del doc["$defs"]["Event"]["properties"]["title"]
    path.write_text(json.dumps(doc))
    assert main(["schema", "--check", "--root", str(tmp_path)]) == 1
    assert "event.schema.json: differs" in capsys.readouterr().err


def test_codebook_check_detects_drift(tmp_path: Path) -> None:
    shutil.copytree(DATASET / "vocab", tmp_path / "vocab")
    assert main(["codebook", "--root", str(tmp_path)]) == 0
    assert main(["codebook", "--check", "--root", str(tmp_path)]) == 0
    terms = tmp_path / "vocab" / "terms.yaml"
    raw = yaml.safe_load(terms.read_text())
    raw["terms"]["status"][0]["definition"] += " Edited."
    terms.write_text(yaml.safe_dump(raw, allow_unicode=True))
    assert main(["codebook", "--check", "--root", str(tmp_path)]) == 1


def test_schema_files_are_canonical_json() -> None:
    for name, text in schema_files().items():
        assert text.endswith("}\n"), name
        doc = json.loads(text)
        assert json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n" == text
        assert doc["$ref"].startswith("#/$defs/")
    bundle = json.loads(bundle_schema())
    assert {"Event", "Source", "Coverage", "Vocabularies"} <= set(bundle["$defs"])
