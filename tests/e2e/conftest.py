"""A real API server for the SDK end-to-end tests: uvicorn in a subprocess, per backend.

The server runs ``python -m api serve`` over two fixture releases (1.0.0 and 1.1.0, built by
``tests.integration._releases``) on SQLite in a temporary folder and, when reachable, on a
fresh PostgreSQL database (dropped afterwards). The machinery is in ``tests.e2e._server``
(shared with the browser tests).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e._server import REPO, LiveAPI, serve
from tests.integration._releases import write_two_releases

__all__ = ["REPO", "LiveAPI"]


@pytest.fixture(scope="session")
def e2e_releases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder holding the fixture releases 1.0.0 and 1.1.0."""
    first, _ = write_two_releases(tmp_path_factory.mktemp("e2e-releases"))
    return first.parent


@pytest.fixture(
    scope="session",
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def live_api(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, e2e_releases: Path
) -> Iterator[LiveAPI]:
    """``python -m api serve`` on a free port, over the fixture releases."""
    with serve(request.param, e2e_releases, tmp_path_factory.mktemp(f"e2e-{request.param}")) as api:
        yield api
