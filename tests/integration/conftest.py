"""Fixtures: fixture releases, a database per backend (SQLite, PostgreSQL) and a client."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from litestar.testing import TestClient
from sqlalchemy import Engine

from api.app import create_app
from api.config import Settings
from api.db.engine import create_db_engine, init_schema
from api.db.ingest import ingest_release
from tests.integration._releases import write_two_releases

PG_ADMIN = os.environ.get("TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")


def _pg_reachable() -> str | None:
    try:
        with psycopg.connect(PG_ADMIN, connect_timeout=2):
            return None
    except psycopg.Error as exc:
        return f"PostgreSQL not reachable at {PG_ADMIN}: {exc}"


@pytest.fixture(scope="session")
def release_dirs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Fixture releases 1.0.0 and 1.1.0."""
    return write_two_releases(tmp_path_factory.mktemp("releases"))


class DatabaseFactory:
    """Creates fresh databases of one backend and drops them at the end."""

    def __init__(self, backend: str, tmp: Path) -> None:
        self.backend = backend
        self.tmp = tmp
        self.created: list[str] = []

    def new_url(self) -> str:
        name = f"faultlines_test_{uuid.uuid4().hex[:12]}"
        if self.backend == "sqlite":
            return f"sqlite:///{self.tmp / name}.sqlite"
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"

    def drop_all(self) -> None:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            for name in self.created:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def databases(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DatabaseFactory]:
    """A database factory per backend; PostgreSQL tests skip when no server answers."""
    backend: str = request.param
    if backend == "postgres":
        reason = _pg_reachable()
        if reason:
            pytest.skip(reason)
    factory = DatabaseFactory(backend, tmp_path_factory.mktemp(f"db-{backend}"))
    yield factory
    if backend == "postgres":
        factory.drop_all()


def make_engine(url: str) -> Engine:
    """Engine with the schema created."""
    engine = create_db_engine(url)
    init_schema(engine)
    return engine


@pytest.fixture(scope="session")
def loaded_url(databases: DatabaseFactory, release_dirs: tuple[Path, Path]) -> str:
    """A database holding both fixture releases (1.1.0 is current)."""
    url = databases.new_url()
    engine = make_engine(url)
    for folder in release_dirs:
        ingest_release(engine, folder)
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def client(loaded_url: str, release_dirs: tuple[Path, Path]) -> Iterator[TestClient]:  # type: ignore[type-arg]
    """A test client over both fixture releases."""
    app = create_app(Settings(database_url=loaded_url, releases_dir=release_dirs[0].parent))
    with TestClient(app) as c:
        yield c
    app.state.store.engine.dispose()
