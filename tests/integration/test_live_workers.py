"""Two real uvicorn worker processes on one PostgreSQL switch to a new release together."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.db.ingest import ingest_release
from tests.integration.conftest import PG_ADMIN, DatabaseFactory, _pg_reachable, make_engine

REPO = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.live, pytest.mark.postgres]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def pg_url(tmp_path: Path) -> Iterator[str]:
    reason = _pg_reachable()
    if reason:
        pytest.skip(reason)
    factory = DatabaseFactory("postgres", tmp_path)
    yield factory.new_url()
    factory.drop_all()


def _wait_ready(base: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{base} did not start")


def test_two_workers_switch_together(pg_url: str, release_dirs: tuple[Path, Path]) -> None:
    assert PG_ADMIN
    first, second = release_dirs
    engine = make_engine(pg_url)
    ingest_release(engine, first)
    procs: list[subprocess.Popen[bytes]] = []
    bases: list[str] = []
    env = {**os.environ, "DATABASE_URL": pg_url, "RELEASES_DIR": str(first.parent)}
    try:
        for _ in range(2):
            port = _free_port()
            procs.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "uvicorn",
                        "api.app:create_app",
                        "--factory",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        str(port),
                        "--no-server-header",
                    ],
                    cwd=REPO,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
            bases.append(f"http://127.0.0.1:{port}")
        for base in bases:
            _wait_ready(base)
            assert httpx.get(f"{base}/ready").json()["release"] == "1.0.0"
            assert httpx.get(f"{base}/v1/events/FL-000005").status_code == 200
        result = subprocess.run(
            [sys.executable, "-m", "api", "ingest", str(second)],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        for base in bases:
            assert httpx.get(f"{base}/ready").json()["release"] == "1.1.0"
            assert httpx.get(f"{base}/v1/events/FL-000005").status_code == 410
            r = httpx.get(f"{base}/v1/events?release=1.0.0&limit=1000")
            assert r.json()["meta"]["release"] == "1.0.0"
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=10)
        engine.dispose()
