"""A few seconds of the ``make loadtest`` mix against a live server on SQLite: zero errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.load.run import run_backend


@pytest.mark.live
def test_load_smoke(tmp_path: Path) -> None:
    result = run_backend(
        "sqlite", seconds=3, connections=8, n_events=300, workers=1, warmup=1, tmp=tmp_path
    )
    assert not isinstance(result, str)
    print(result.line())
    assert result.requests > 30, result.line()
    assert result.errors == 0, result.error_samples
