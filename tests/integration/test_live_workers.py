"""Two real uvicorn worker processes on one database switch to a new release together.

Each worker keeps the current release in memory and learns of a new one from a change counter
(SQLite's ``PRAGMA data_version``) or the pointer row (PostgreSQL); this runs an ingest from a
third process and asks both workers at once, on both backends, through the fast lane (a plain
``GET /v1/events/{id}``) and the general path alike.
"""

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
pytestmark = [pytest.mark.live]
PLAIN = {"Accept-Encoding": "identity"}
"""What the fast lane answers on SQLite (a client asking for gzip takes the general path)."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "postgres":
        reason = _pg_reachable()
        if reason:
            pytest.skip(reason)
        assert PG_ADMIN
    factory = DatabaseFactory(request.param, tmp_path)
    yield factory.new_url()
    if request.param == "postgres":
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


def test_two_workers_switch_together(
    db_url: str, release_dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    first, second = release_dirs
    engine = make_engine(db_url)
    ingest_release(engine, first)
    procs: list[subprocess.Popen[bytes]] = []
    bases: list[str] = []
    env = {**os.environ, "DATABASE_URL": db_url, "RELEASES_DIR": str(first.parent)}
    env.pop("ACCESS_LOG", None)
    logs = [tmp_path / f"worker{i}.log" for i in range(2)]
    validators: list[dict[str, str]] = []
    try:
        for log in logs:
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
                    stderr=log.open("wb"),
                )
            )
            bases.append(f"http://127.0.0.1:{port}")
        for base in bases:
            _wait_ready(base)
            assert httpx.get(f"{base}/ready").json()["release"] == "1.0.0"
            assert httpx.get(f"{base}/v1/events/FL-000005", headers=PLAIN).status_code == 200
            listed = httpx.get(f"{base}/v1/events?event_type=desertion")
            assert listed.status_code == 200
            validators.append({"If-None-Match": listed.headers["etag"]})
            for _ in range(2):  # the second is a replay on SQLite (api.routes._fast_lane)
                again = httpx.get(f"{base}/v1/events?event_type=desertion", headers=validators[-1])
                assert again.status_code == 304
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
            assert httpx.get(f"{base}/v1/events/FL-000005", headers=PLAIN).status_code == 410
        for base, validator in zip(bases, validators, strict=True):
            # The new release changed the answer: the old validator no longer matches.
            fresh = httpx.get(f"{base}/v1/events?event_type=desertion", headers=validator)
            assert fresh.status_code == 200
            assert fresh.headers["etag"] != validator["If-None-Match"]
        for base in bases:
            detail = httpx.get(f"{base}/v1/events/FL-000001", headers=PLAIN)
            assert detail.json()["meta"]["release"] == "1.1.0"
            r = httpx.get(f"{base}/v1/events?release=1.0.0&limit=1000")
            assert r.json()["meta"]["release"] == "1.0.0"
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=10)
        engine.dispose()
    # Each worker wrote its own access log, one line per request, as the client saw it.
    for log in logs:
        lines = [line for line in log.read_text().splitlines() if '"GET ' in line]
        assert any('"GET /v1/events/FL-000005 HTTP/1.1" 200 ' in line for line in lines), lines
        assert any('"GET /v1/events/FL-000005 HTTP/1.1" 410 ' in line for line in lines), lines
        assert any('"GET /v1/events?event_type=desertion HTTP/1.1" 200 ' in line for line in lines)
        assert all(line.startswith("127.0.0.1:") and line.endswith("ms") for line in lines)


def test_serve_with_two_workers(release_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    """``python -m api serve`` with ``WORKERS=2``: uvicorn's supervisor on a socket bound by
    ``serve`` (as TCP, see tests/unit/test_serve_socket.py), both releases ingested first."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'two.sqlite'}",
        "RELEASES_DIR": str(release_dirs[0].parent),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WORKERS": "2",
    }
    log = tmp_path / "serve.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "api", "serve"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, timeout=60)
        with httpx.Client(base_url=base, headers=PLAIN) as client:
            for _ in range(20):  # one keep-alive connection
                r = client.get("/v1/events/FL-000001")
                assert r.status_code == 200
                assert r.json()["meta"]["release"] == "1.1.0"
    finally:
        proc.terminate()
        assert proc.wait(timeout=20) == 0, log.read_text()[-2000:]
    assert log.read_text().count("Started server process") == 2
