"""Fixtures of the contract suite: an app over the API's fixture releases (SQLite)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from api.app import create_app
from api.config import Settings
from tests.reliability._support import load_database, write_two_releases


@pytest.fixture(scope="module")
def releases_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder holding fixture releases 1.0.0 and 1.1.0."""
    root = tmp_path_factory.mktemp("contract") / "releases"
    write_two_releases(root)
    return root


@pytest.fixture(scope="module")
def sqlite_app(releases_root: Path) -> Iterator[Litestar]:
    """The app over a SQLite database holding both fixture releases."""
    url = f"sqlite:///{releases_root.parent / 'contract.sqlite'}"
    load_database(url, [releases_root / "1.0.0", releases_root / "1.1.0"])
    app = create_app(Settings(database_url=url, releases_dir=releases_root))
    yield app
    app.state.store.engine.dispose()


@pytest.fixture(scope="module")
def client(sqlite_app: Litestar) -> Iterator[TestClient[Litestar]]:
    """An in-process client of ``sqlite_app``."""
    with TestClient(sqlite_app) as c:
        yield c
