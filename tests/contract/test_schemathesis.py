"""Property-based contract tests: the committed ``openapi/openapi.json`` against the app.

Every phase (examples, coverage, fuzzing, stateful through the OpenAPI links) and every check
(server errors, status codes, content types, headers, response schemas, negative data
rejection, positive data acceptance, unsupported methods, ...), fixed seed, bounded examples.
Loaded with ``from_path`` and run by the engine, not ``from_fixture`` (broken under pytest 9).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from litestar import Litestar

from tests.contract._engine import ContractReport, run_contract
from tests.reliability._support import (
    live_server,
    load_database,
    pg_database,
    pg_unreachable_reason,
)

IN_PROCESS_EXAMPLES = 40
LIVE_EXAMPLES = 20


def _assert_clean(report: ContractReport) -> None:
    print(report.summary())
    problems = [str(f) for f in report.failures] + report.errors
    assert not problems, "\n\n".join(problems)
    assert report.stop_reason == "completed"
    for phase in ("coverage", "fuzzing", "stateful_testing"):
        assert report.cases[phase] > 0, f"phase {phase} generated no case: {report.summary()}"


def test_contract_in_process(sqlite_app: Litestar) -> None:
    """The ASGI app in-process over SQLite honours the committed contract."""
    _assert_clean(run_contract(app=sqlite_app, max_examples=IN_PROCESS_EXAMPLES))


@pytest.mark.postgres
@pytest.mark.live
def test_contract_live_postgres(releases_root: Path) -> None:
    """A live uvicorn server on PostgreSQL honours the committed contract."""
    reason = pg_unreachable_reason()
    if reason:
        pytest.skip(reason)
    with pg_database() as url:
        load_database(url, [releases_root / "1.0.0", releases_root / "1.1.0"])
        with live_server(url, releases_root) as server:
            _assert_clean(run_contract(base_url=server.base_url, max_examples=LIVE_EXAMPLES))
