"""The committed OpenAPI document equals the app's (``python -m api openapi --check``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_openapi_committed_file_matches_app() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "api", "openapi", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_openapi_check_detects_drift(tmp_path: Path) -> None:
    stale = tmp_path / "openapi.json"
    stale.write_text("{}\n")
    result = subprocess.run(
        [sys.executable, "-m", "api", "openapi", "--check", "--path", str(stale)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "out of date" in result.stderr
