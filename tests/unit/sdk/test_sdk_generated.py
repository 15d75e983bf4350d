"""The committed models are exactly what the generator makes from the committed spec."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
GENERATED = REPO / "sdk" / "src" / "faultlines" / "_generated"
SPEC = REPO / "openapi" / "openapi.json"


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("sdk_generate", REPO / "sdk/scripts/generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["sdk_generate"] = module
    spec.loader.exec_module(module)
    return module


def test_regenerating_gives_the_committed_files(tmp_path: Path) -> None:
    generator = _generator()
    assert generator.main(["--out", str(tmp_path)]) == 0
    for name in ("__init__.py", "models.py"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (GENERATED / name).read_text(
            encoding="utf-8"
        ), f"_generated/{name} drifted from openapi/openapi.json: run `make sdk`"


def test_check_mode_reports_drift(tmp_path: Path) -> None:
    generator = _generator()
    (tmp_path / "models.py").write_text("# stale\n", encoding="utf-8")
    assert generator.main(["--out", str(tmp_path), "--check"]) == 1
    assert generator.main(["--check"]) == 0


def test_header_names_the_spec_hash() -> None:
    digest = hashlib.sha256(SPEC.read_bytes()).hexdigest()
    first = (GENERATED / "models.py").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# generated from openapi/openapi.json sha256={digest} — do not edit"


def test_dates_and_enums_come_out_typed() -> None:
    import datetime as dt
    import typing
    from enum import StrEnum

    from faultlines import models

    hints = typing.get_type_hints(models.Event, include_extras=False)
    assert hints["date_start"] is dt.date
    assert issubclass(hints["event_type"], StrEnum)
