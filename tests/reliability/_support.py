"""Shared helpers of the contract, reliability and load suites.

Fixture data comes from ``tests.integration._releases`` (the API's own fixture releases);
this module adds what those suites need on top: a scaled release of a few thousand events,
throwaway databases (SQLite file or a PostgreSQL database created and dropped), a live
uvicorn server in a subprocess, and a TCP proxy that can cut the database off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg

from api.db.engine import create_db_engine, init_schema
from api.db.ingest import ingest_release
from api.records import Event
from tests.integration._releases import (
    base_sources,
    make_event,
    second_sources,
    write_release,
    write_two_releases,
)

__all__ = [
    "PG_ADMIN",
    "REPO",
    "LiveServer",
    "TcpProxy",
    "free_port",
    "live_server",
    "load_database",
    "pg_database",
    "pg_unreachable_reason",
    "problem_ok",
    "rewrite_sums",
    "scaled_events",
    "write_scaled_releases",
    "write_two_releases",
]

REPO = Path(__file__).resolve().parents[2]
PG_ADMIN = os.environ.get("TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_HOST, PG_PORT = "127.0.0.1", 5432

_TYPES = (
    "desertion",
    "refusal_of_orders",
    "leak",
    "dissent_statement",
    "disciplinary_action",
    "morale_or_cohesion_report",
    "resignation_or_early_retirement",
    "side_switching",
)
_ORGS = (
    "basij",
    "irgc",
    "quds_force",
    "police",
    "artesh",
    "special_units",
    "morality_police",
    "irgc_intelligence",
    "irgc_ground_force",
)
_CAMPAIGNS = (
    None,
    "woman_life_freedom_2022",
    "green_movement_2009",
    "syria_deployment",
    "protests_2019_aban",
)
_VERIF = ("single_source", "unverified", "corroborated", "disputed")


def pg_unreachable_reason() -> str | None:
    """None when PostgreSQL answers at ``PG_ADMIN``, else why not (used as the skip reason)."""
    try:
        with psycopg.connect(PG_ADMIN, connect_timeout=2):
            return None
    except psycopg.Error as exc:
        return f"PostgreSQL not reachable at {PG_ADMIN}: {exc}"


@contextlib.contextmanager
def pg_database(host: str = PG_HOST, port: int = PG_PORT) -> Iterator[str]:
    """A throwaway PostgreSQL database; yields its SQLAlchemy URL (via host:port) and drops it."""
    name = f"faultlines_rel_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@{host}:{port}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def load_database(url: str, folders: list[Path]) -> None:
    """Create the schema at ``url`` and ingest ``folders`` in order."""
    engine = create_db_engine(url)
    try:
        init_schema(engine)
        for folder in folders:
            ingest_release(engine, folder)
    finally:
        engine.dispose()


# scaled fixture data --------------------------------------------------------------------------


def scaled_events(n: int, marker: str, *, seed: int = 7, n_sources: int = 8) -> list[Event]:
    """``n`` varied events; every title ends with ``[marker]`` so a reader can tell releases
    apart, and the seed keeps everything else identical between releases."""
    rnd = random.Random(seed)
    out = []
    for i in range(1, n + 1):
        year = rnd.choice((2009, 2013, 2019, 2022, 2022, 2022, 2023, 2024))
        start = f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        coords = (35.0 + rnd.random(), 51.0 + rnd.random()) if rnd.random() < 0.4 else None
        out.append(
            make_event(
                i,
                event_type=rnd.choice(_TYPES),
                start=start,
                orgs=tuple(sorted({rnd.choice(_ORGS) for _ in range(rnd.randint(1, 2))})),
                sources=(rnd.randint(1, n_sources),),
                campaign=rnd.choice(_CAMPAIGNS),
                admin1=rnd.choice((None, "IR-23", "IR-30", "IR-10")),
                verification=rnd.choice(_VERIF),
                confidence=rnd.choice(("low", "medium", "high")),
                coords=coords,
                participants=rnd.choice((None, 3, 12, 40, 500)),
                title=f"Synthetic fixture event {i} [{marker}]",
            )
        )
    return out


def write_scaled_releases(out: Path, n: int, n_new: int = 0) -> tuple[Path, Path]:
    """Releases 1.0.0 (``n`` events) and 1.1.0 (every title changed, ``n_new`` added)."""
    first_events = scaled_events(n, "r1.0.0")
    first = write_release(out, "1.0.0", first_events, base_sources())
    second = write_release(
        out,
        "1.1.0",
        scaled_events(n + n_new, "r1.1.0"),
        second_sources(),
        previous="1.0.0",
        previous_events=first_events,
    )
    return first, second


def rewrite_sums(folder: Path) -> None:
    """Recompute the manifest's file entries and ``SHA256SUMS`` after editing a file, so that
    only the record validation (not the checksum) can catch the edit."""
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_bytes())
    for name in manifest["files"]:
        data = (folder / name).read_bytes()
        manifest["files"][name] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    manifest_path.write_bytes(json.dumps(manifest, separators=(",", ":")).encode() + b"\n")
    names = sorted(p.name for p in folder.iterdir() if p.name != "SHA256SUMS")
    (folder / "SHA256SUMS").write_text(
        "".join(f"{hashlib.sha256((folder / n).read_bytes()).hexdigest()}  {n}\n" for n in names)
    )


# responses ------------------------------------------------------------------------------------


def problem_ok(
    status: int, content_type: str, body: bytes, *, server_error: bool = False
) -> str | None:
    """None when the response is a well-formed problem+json 4xx (or 5xx when
    ``server_error``) without internals, else why."""
    if not (400 <= status < 500 or (server_error and 500 <= status < 600)):
        return f"status {status} is not {'5xx' if server_error else '4xx'}"
    if not content_type.startswith("application/problem+json"):
        return f"content type {content_type!r} is not problem+json"
    try:
        doc = json.loads(body)
    except ValueError:
        return "body is not JSON"
    if doc.get("status") != status or not isinstance(doc.get("title"), str):
        return f"problem body lacks status/title: {doc!r}"
    text = body.decode("utf-8", "replace")
    for leak in (
        "Traceback",
        'File "',
        "/work/",
        "site-packages",
        '.py"',
        "sqlalchemy",
        "psycopg",
        "sqlite3.",
    ):
        if leak in text:
            return f"body leaks internals ({leak!r}): {text[:300]}"
    return None


# live server ----------------------------------------------------------------------------------


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    """A ``python -m api serve`` subprocess."""

    proc: subprocess.Popen[bytes]
    base_url: str
    log: Path

    @property
    def pid(self) -> int:
        return self.proc.pid


@contextlib.contextmanager
def live_server(
    database_url: str,
    releases_dir: Path,
    *,
    workers: int = 1,
    ingest_on_start: bool = False,
    extra_env: dict[str, str] | None = None,
    log_dir: Path | None = None,
    ready_timeout: float = 120,
) -> Iterator[LiveServer]:
    """Start the API as a real uvicorn server; wait for ``/ready``; stop it at the end."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "RELEASES_DIR": str(releases_dir),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WORKERS": str(workers),
        "INGEST_ON_START": "1" if ingest_on_start else "0",
        **(extra_env or {}),
    }
    log = (log_dir or releases_dir.parent) / f"server-{port}.log"
    with log.open("wb") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "api", "serve"],
            cwd=REPO,
            env=env,
            stdout=fh,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = LiveServer(proc, f"http://127.0.0.1:{port}", log)
    try:
        deadline = time.monotonic() + ready_timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {log.read_text()[-2000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(server.base_url + "/ready", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"server not ready: {log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


# database outage ------------------------------------------------------------------------------


class TcpProxy:
    """A loopback TCP proxy to ``target``; ``stop()`` cuts every connection and refuses new
    ones (database gone), ``start()`` brings it back on the same port."""

    def __init__(self, target: tuple[str, int], port: int | None = None) -> None:
        self.target = target
        self.port = port or free_port()
        self._listener: socket.socket | None = None
        self._conns: set[socket.socket] = set()
        self._lock = threading.Lock()

    def start(self) -> None:
        lst = socket.socket()
        lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        lst.bind(("127.0.0.1", self.port))
        lst.listen(64)
        self._listener = lst
        threading.Thread(target=self._accept, args=(lst,), daemon=True).start()

    def stop(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        with self._lock:
            conns, self._conns = self._conns, set()
        for c in conns:
            with contextlib.suppress(OSError):
                c.shutdown(socket.SHUT_RDWR)
            c.close()

    def _accept(self, lst: socket.socket) -> None:
        while True:
            try:
                client, _ = lst.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._conns.update((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                dst.shutdown(socket.SHUT_WR)
