"""A few seconds of the ``make loadtest`` mix against a live server, SQLite and PostgreSQL.

Zero errors and a measured resident size; the 10% growth bar is the full run's (``make
loadtest``): a few seconds after a one-second warm-up still include the pool filling up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.load.run import run_backend


@pytest.mark.live
@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_load_smoke(backend: str, tmp_path: Path) -> None:
    result = run_backend(
        backend, seconds=3, connections=8, n_events=300, workers=1, warmup=1, tmp=tmp_path
    )
    if isinstance(result, str):
        pytest.skip(f"PostgreSQL not reachable: {result}")
    print(result.line())
    assert result.requests > 30, result.line()
    assert result.errors == 0, result.error_samples
    assert 0 < result.rss_start_kb <= result.rss_peak_kb, result.line()
