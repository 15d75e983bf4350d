"""Faults: nothing lost, nothing half-visible.

- the database goes away (a TCP proxy in front of PostgreSQL is cut): ``/ready`` and data
  endpoints answer 503 problem+json quickly, and the service recovers by itself;
- corrupt releases are refused and the previous release is served unchanged;
- an ingest killed with SIGKILL midway leaves the database consistent and a re-run completes;
- readers during an ingest see the old release or the new one, never a mix.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import pytest
from litestar.testing import TestClient
from sqlalchemy import text

from api.app import create_app
from api.config import Settings
from api.db.engine import create_db_engine, init_schema
from api.db.ingest import IngestError, ingest_release
from tests.reliability._support import (
    PG_ADMIN,
    REPO,
    TcpProxy,
    live_server,
    load_database,
    pg_database,
    pg_unreachable_reason,
    problem_ok,
    rewrite_sums,
    write_scaled_releases,
    write_two_releases,
)

SCALED = 2000  # events of the scaled releases: the 1.1.0 ingest takes a few seconds
SNAPSHOT_URLS = [
    "/v1/releases",
    "/v1/events?limit=1000",
    "/v1/events/FL-000001",
    "/v1/releases/1.0.0",
    "/v1/stats/events?group_by=event_type",
    "/v1/sources?limit=1000",
]

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each backend (PostgreSQL skipped with a reason if unreachable)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'faults.sqlite'}"
        return
    reason = pg_unreachable_reason()
    if reason:
        pytest.skip(reason)
    with pg_database() as url:
        yield url


def _snapshot(client: TestClient) -> dict[str, bytes]:  # type: ignore[type-arg]
    out = {}
    for url in SNAPSHOT_URLS:
        resp = client.get(url)
        assert resp.status_code == 200, (url, resp.text)
        out[url] = resp.content
    return out


def _counts(url: str) -> dict[str, int]:
    engine = create_db_engine(url)
    try:
        with engine.connect() as conn:
            return {
                t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in (
                    "release",
                    "current_release",
                    "release_file",
                    "event_version",
                    "event_actor",
                    "event_source",
                    "source_version",
                )
            }
    finally:
        engine.dispose()


# database unreachable -------------------------------------------------------------------------


@pytest.mark.postgres
def test_database_outage_answers_503_quickly_and_recovers(tmp_path: Path) -> None:
    reason = pg_unreachable_reason()
    if reason:
        pytest.skip(reason)
    first, second = write_two_releases(tmp_path / "releases")
    proxy = TcpProxy(("127.0.0.1", 5432))
    proxy.start()
    with pg_database(port=proxy.port) as url:
        load_database(url, [first, second])
        app = create_app(
            Settings(database_url=url, releases_dir=tmp_path / "releases", db_connect_timeout=2)
        )
        with TestClient(app) as client:
            assert client.get("/ready").status_code == 200
            assert client.get("/v1/events").status_code == 200
            proxy.stop()
            for url_ in (
                "/ready",
                "/v1/events",
                "/v1/events/FL-000001",
                "/v1/releases",
                "/v1/stats/events?group_by=year",
                "/v1/sources",
            ):
                started = time.monotonic()
                resp = client.get(url_)
                elapsed = time.monotonic() - started
                assert resp.status_code == 503, (url_, resp.status_code, resp.text)
                ctype = resp.headers["content-type"]
                assert problem_ok(503, ctype, resp.content, server_error=True) is None
                assert resp.headers.get("retry-after"), url_
                assert elapsed < 3.0, f"{url_} took {elapsed:.1f}s with the database down"
            assert client.get("/health").status_code == 200
            proxy.start()
            deadline = time.monotonic() + 15
            while client.get("/ready").status_code != 200:
                assert time.monotonic() < deadline, "did not recover within 15 s"
                time.sleep(0.2)
            assert client.get("/v1/events").status_code == 200
        app.state.store.engine.dispose()
    proxy.stop()


# corrupt releases -----------------------------------------------------------------------------


def _corrupt_checksum(folder: Path) -> None:
    data = bytearray((folder / "events.jsonl").read_bytes())
    data[100] = ord("X") if data[100] != ord("X") else ord("Y")
    (folder / "events.jsonl").write_bytes(bytes(data))


def _truncate(folder: Path) -> None:
    path = folder / "events.jsonl"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _truncate_resummed(folder: Path) -> None:
    _truncate(folder)
    rewrite_sums(folder)


def _invalid_record(folder: Path) -> None:
    path = folder / "events.jsonl"
    lines = path.read_bytes().splitlines(keepends=True)
    record = json.loads(lines[3])
    record["event_type"] = "coup_d_etat"
    record["confidence"] = "certain"
    lines[3] = json.dumps(record).encode() + b"\n"
    path.write_bytes(b"".join(lines))
    rewrite_sums(folder)


def _dangling_reference(folder: Path) -> None:
    path = folder / "events.jsonl"
    lines = path.read_bytes().splitlines(keepends=True)
    record = json.loads(lines[0])
    record["reports"][0]["source"] = "SRC-999999"
    lines[0] = json.dumps(record).encode() + b"\n"
    path.write_bytes(b"".join(lines))
    rewrite_sums(folder)


def _missing_file(folder: Path) -> None:
    (folder / "sources.jsonl").unlink()


def _extra_file(folder: Path) -> None:
    (folder / "events.jsonl").write_bytes(b"")
    (folder / "SHA256SUMS").write_text("0" * 64 + "  events.jsonl\n")


CORRUPTIONS = {
    "checksum-mismatch": _corrupt_checksum,
    "truncated": _truncate,
    "truncated-and-resummed": _truncate_resummed,
    "invalid-record": _invalid_record,
    "dangling-reference": _dangling_reference,
    "missing-file": _missing_file,
    "forged-sums": _extra_file,
}


def test_corrupt_releases_are_refused_and_previous_served(db_url: str, tmp_path: Path) -> None:
    first, second = write_two_releases(tmp_path / "releases")
    load_database(db_url, [first])
    app = create_app(Settings(database_url=db_url, releases_dir=tmp_path / "releases"))
    engine = create_db_engine(db_url)
    with TestClient(app) as client:
        before, counts = _snapshot(client), _counts(db_url)
        for name, corrupt in CORRUPTIONS.items():
            folder = tmp_path / name / "1.1.0"
            folder.parent.mkdir()
            subprocess.run(["cp", "-r", str(second), str(folder)], check=True)
            corrupt(folder)
            with pytest.raises(IngestError) as info:
                ingest_release(engine, folder)
            assert str(info.value), name
            assert _snapshot(client) == before, f"{name}: served data changed"
            assert _counts(db_url) == counts, f"{name}: database changed"
        # The intact release still goes in afterwards.
        assert ingest_release(engine, second).loaded
        assert client.get("/ready").json()["release"] == "1.1.0"
    engine.dispose()
    app.state.store.engine.dispose()


# SIGKILL midway -------------------------------------------------------------------------------


def _wait_in_transaction(url: str, proc: subprocess.Popen[bytes], db_file: Path | None) -> None:
    """Return once the ingest subprocess is writing inside its transaction."""
    deadline = time.monotonic() + 60
    if db_file is not None:
        # The ingest holds SQLite's write lock from its first write to its commit: once a
        # write transaction of our own is refused, it is inside its transaction. (Watching the
        # write-ahead log grow does not tell: its page cache can hold the whole load until
        # the commit writes it.)
        while True:
            probe = sqlite3.connect(db_file, timeout=0, isolation_level=None)
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    return
                raise
            finally:
                probe.close()
            assert proc.poll() is None and time.monotonic() < deadline, "ingest ended too soon"
            time.sleep(0.002)
    dbname = url.rsplit("/", 1)[1]
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        while True:
            row = conn.execute(
                "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                "WHERE l.locktype = 'advisory' AND l.objid = 4202 AND d.datname = %s",
                (dbname,),
            ).fetchone()
            if row and row[0]:
                break
            assert proc.poll() is None and time.monotonic() < deadline, "ingest ended too soon"
            time.sleep(0.02)
        # The streaming ingest takes well under a second here: kill it as soon as it is
        # inserting event versions (inside its transaction), not after a fixed delay.
        while True:
            row = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                "AND query ILIKE 'INSERT INTO event_version%%'",
                (dbname,),
            ).fetchone()
            if row and row[0]:
                return
            assert proc.poll() is None and time.monotonic() < deadline, "ingest ended too soon"
            time.sleep(0.005)


@pytest.mark.slow
def test_ingest_killed_midway_leaves_previous_release(db_url: str, tmp_path: Path) -> None:
    first, second = write_scaled_releases(tmp_path / "releases", SCALED, SCALED // 10)
    load_database(db_url, [first])
    app = create_app(Settings(database_url=db_url, releases_dir=tmp_path / "releases"))
    db_file = Path(db_url.removeprefix("sqlite:///")) if db_url.startswith("sqlite") else None
    with TestClient(app) as client:
        before, counts = _snapshot(client), _counts(db_url)
        proc = subprocess.Popen(
            [sys.executable, "-m", "api", "ingest", str(second)],
            cwd=REPO,
            env={**os.environ, "DATABASE_URL": db_url},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        _wait_in_transaction(db_url, proc, db_file)
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(10) == -signal.SIGKILL
        assert _counts(db_url) == counts, "a killed ingest left rows behind"
        assert _snapshot(client) == before
        if db_file is not None:
            with sqlite3.connect(db_file) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rerun = subprocess.run(
            [sys.executable, "-m", "api", "ingest", str(second)],
            cwd=REPO,
            env={**os.environ, "DATABASE_URL": db_url},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert rerun.returncode == 0, rerun.stderr
        assert "ingested release 1.1.0" in rerun.stdout
        page = client.get("/v1/events?limit=1000").json()
        assert page["meta"]["release"] == "1.1.0"
        assert all(e["title"].endswith("[r1.1.0]") for e in page["data"])
    app.state.store.engine.dispose()


# readers during an ingest ---------------------------------------------------------------------


def _classify(resp: httpx.Response, fmt: str) -> str:
    """ "old" or "new" when the whole answer belongs to one release, else why not."""
    assert resp.status_code == 200, resp.text
    if fmt == "ndjson":
        titles = [json.loads(line)["title"] for line in resp.text.splitlines()]
        release = None
    else:
        doc = resp.json()
        titles = [e["title"] for e in doc["data"]]
        release = doc["meta"]["release"]
    markers = {t.rsplit("[", 1)[1] for t in titles}
    expected = {
        "r1.0.0]": ("old", SCALED, "1.0.0"),
        "r1.1.0]": ("new", SCALED + SCALED // 10, "1.1.0"),
    }
    if len(markers) != 1:
        return f"mix of releases: {markers}"
    name, count, version = expected[markers.pop()]
    if fmt == "ndjson" and len(titles) != count:
        return f"{name} release with {len(titles)} events instead of {count}"
    if release is not None and release != version:
        return f"rows of {version} under meta.release {release}"
    return name


@pytest.mark.slow
@pytest.mark.live
def test_readers_during_ingest_see_old_or_new_never_a_mix(db_url: str, tmp_path: Path) -> None:
    first, second = write_scaled_releases(tmp_path / "releases", SCALED, SCALED // 10)
    load_database(db_url, [first])
    seen: dict[str, int] = {}
    problems: list[str] = []
    stop = threading.Event()

    def reader(base_url: str, fmt: str) -> None:
        url = base_url + (
            "/v1/events?format=ndjson" if fmt == "ndjson" else "/v1/events?limit=1000&sort=-date"
        )
        with httpx.Client(timeout=60) as http:
            while not stop.is_set():
                verdict = _classify(http.get(url), fmt)
                seen[verdict] = seen.get(verdict, 0) + 1
                if verdict not in ("old", "new"):
                    problems.append(verdict)

    with live_server(db_url, tmp_path / "releases", log_dir=tmp_path) as server:
        threads = [
            threading.Thread(target=reader, args=(server.base_url, fmt))
            for fmt in ("ndjson", "json", "ndjson", "json")
        ]
        for t in threads:
            t.start()
        time.sleep(0.5)
        engine = create_db_engine(db_url)
        init_schema(engine)
        assert ingest_release(engine, second).loaded
        engine.dispose()
        # Keep reading until every reader has seen the new release at least once.
        deadline = time.monotonic() + 20
        while seen.get("new", 0) < 4 and time.monotonic() < deadline:
            time.sleep(0.1)
        stop.set()
        for t in threads:
            t.join(60)
    print(f"reader answers during the ingest: {seen}")
    assert not problems, problems[:5]
    assert seen.get("old", 0) > 0 and seen.get("new", 0) > 0, seen
