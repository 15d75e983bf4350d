"""A real API server for live tests: ``python -m api serve`` in a subprocess, per backend.

Used by the SDK end-to-end tests (``tests/e2e``) and the browser tests (``tests/browser``):
the server runs over fixture releases on SQLite in a temporary folder or on a fresh
PostgreSQL database (dropped afterwards).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg
import pytest

__all__ = ["PG_ADMIN", "REPO", "LiveAPI", "serve"]

REPO = Path(__file__).resolve().parents[2]
PG_ADMIN = os.environ.get("TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_HOST = os.environ.get("TEST_PG_HOST", "postgres@127.0.0.1:5432")


@dataclass(frozen=True)
class LiveAPI:
    """A running server and the release folders it serves."""

    base_url: str
    backend: str
    releases: Path

    def release(self, version: str) -> Path:
        """Folder of one served release."""
        return self.releases / version


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_ready(base: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text(errors='replace')}")
        try:
            if httpx.get(f"{base}/ready", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server not ready after 90 s:\n{log.read_text(errors='replace')}")


def _pg_database() -> tuple[str, str]:
    name = f"faultlines_e2e_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=2) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN}: {exc}")
    return name, f"postgresql+psycopg://{PG_HOST}/{name}"


@contextmanager
def serve(backend: str, releases: Path, tmp: Path) -> Iterator[LiveAPI]:
    """``python -m api serve`` on a free port over ``releases`` (``sqlite`` or ``postgres``)."""
    pg_name = None
    if backend == "postgres":
        pg_name, url = _pg_database()
    else:
        url = f"sqlite:///{tmp / 'faultlines.sqlite'}"
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "RELEASES_DIR": str(releases),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "INGEST_ON_START": "1",
    }
    env.pop("FAULTLINES_API_URL", None)
    log = tmp / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "api", "serve"], cwd=REPO, env=env, stdout=out, stderr=out
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, proc, log)
        yield LiveAPI(base_url=base, backend=backend, releases=releases)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if pg_name is not None:
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
