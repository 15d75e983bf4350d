"""``python -m tests.bench.scaling``: how the API scales with worker processes, per backend.

Q1 (event by id, rotating ids) and Q2 (type + 3-year window, varying windows) of the main
benchmark, on the release the main benchmark built for ``--size`` (run ``make bench`` first),
against ``WORKERS=1`` and ``WORKERS=2``, on SQLite and on PostgreSQL (skipped, and said so,
when none answers at ``--pg``). One worker runs on core 0 with wrk on core 1, as in the main
benchmark; two workers run on cores 0 and 1. A two-core machine cannot keep a load generator
apart from two workers, so wrk shares core 1 with the second worker: the two-worker figure
is what this machine serves, not what two free cores would.

Writes ``bench-results/scaling.json`` and ``bench-results/scaling.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg

from tests.bench import _queries as qs
from tests.bench._load import require_wrk, run_wrk
from tests.bench._procs import LOAD_CORE, SERVER_CORE, Server, free_port, run_timed, stop_all
from tests.bench.run import api_env, ingest_cmd

__all__ = ["main"]

REPO = Path(__file__).resolve().parents[2]
PY = sys.executable
_PG_DB = "faultlines_bench_scaling"


def _server(url: str, releases: Path, workers: int, log: Path) -> Server:
    port = free_port()
    env = api_env(url, releases, port, workers)
    cores = SERVER_CORE if workers == 1 else f"{SERVER_CORE},{LOAD_CORE}"
    return Server(f"api-{workers}w", [PY, "-m", "api", "serve"], port, env, log, cores=cores)


def _pg_url(admin: str) -> str | None:
    """A fresh PostgreSQL database for the run, or None when no server answers."""
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=2) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{_PG_DB}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{_PG_DB}"')
    except psycopg.Error as exc:
        print(f"  PostgreSQL skipped: not reachable at {admin}: {exc}", flush=True)
        return None
    base = admin.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    return f"{base}/{_PG_DB}"


def _ingest(url: str, folder: Path) -> None:
    run = run_timed(ingest_cmd(folder), env=api_env(url, folder.parent, 0), cwd=REPO)
    if run.returncode != 0:
        raise RuntimeError(f"ingest into {url} failed: {run.output[-800:]}")


def _measure(
    server: Server, queries: dict[str, qs.Query], args: argparse.Namespace, work: Path
) -> dict[str, Any]:
    server.start()
    try:
        server.wait_ok(queries["Q1"].api[0])
        out: dict[str, Any] = {}
        for name in ("Q1", "Q2"):
            runs = [
                run_wrk(
                    server.base,
                    queries[name].api,
                    work,
                    duration=args.duration,
                    connections=args.connections,
                )
                for _ in range(args.rounds)
            ]
            out[name] = {
                "rps": round(statistics.median(r.rps for r in runs), 1),
                "p50_ms": round(statistics.median(r.p50_ms for r in runs), 3),
                "errors": sum(r.errors for r in runs),
            }
            print(f"  {server.name:8} {name}: {out[name]['rps']:9.1f} req/s", flush=True)
        return out
    finally:
        server.stop()


def render(result: dict[str, Any]) -> str:
    meta = result["meta"]
    lines = [
        "# Scaling with worker processes",
        "",
        f"`python -m tests.bench.scaling` on {meta['date']} at commit `{meta['commit']}`; "
        f"{meta['size']} events; {meta['rounds']} rounds of {meta['duration']} s, "
        f"{meta['connections']} connections; medians. One worker on core 0, wrk on core 1; two "
        "workers on cores 0 and 1 (wrk shares core 1 with the second worker).",
        "",
        "| backend | query | 1 worker req/s | 2 workers req/s | 2 / 1 |",
        "|---|---|---:|---:|---:|",
    ]
    for backend, by_workers in result["backends"].items():
        if by_workers is None:
            lines.append(f"| {backend} | - | not run | not run | |")
            continue
        for q in ("Q1", "Q2"):
            one, two = by_workers["1"][q]["rps"], by_workers["2"][q]["rps"]
            lines.append(f"| {backend} | {q} | {one:,.0f} | {two:,.0f} | {two / one:.2f}x |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.bench.scaling", description=__doc__)
    p.add_argument("--size", default="100k", help="size label the main benchmark built")
    p.add_argument("--duration", type=float, default=3.0)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--connections", type=int, default=16)
    p.add_argument("--seed", type=int, default=20260101)
    p.add_argument("--var", type=Path, default=REPO / "var" / "bench")
    p.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    p.add_argument("--out", type=Path, default=REPO / "bench-results")
    args = p.parse_args(argv)
    require_wrk()
    work = args.var / f"n{args.size}"
    folder = work / "releases" / "1.0.0"
    if not folder.exists():
        raise SystemExit(f"no release at {folder}: run the main benchmark at {args.size} first")
    queries = qs.build_queries(folder / "faultlines.sqlite", seed=args.seed)
    logs = work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    backends: dict[str, Any] = {}
    try:
        sqlite_db = work / "scaling.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_db}{suffix}").unlink(missing_ok=True)
        urls: dict[str, str | None] = {"sqlite": f"sqlite:///{sqlite_db}", "postgres": None}
        urls["postgres"] = _pg_url(args.pg)
        for backend, url in urls.items():
            if url is None:
                backends[backend] = None
                continue
            print(f"== {backend}: ingest {folder}", flush=True)
            _ingest(url, folder)
            backends[backend] = {
                str(w): _measure(
                    _server(url, folder.parent, w, logs / f"scaling-{backend}-{w}.log"),
                    queries,
                    args,
                    work / "wrk",
                )
                for w in (1, 2)
            }
    finally:
        stop_all()
        if urls.get("postgres"):
            with psycopg.connect(args.pg, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{_PG_DB}" WITH (FORCE)')
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    result = {
        "meta": {
            "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "commit": commit,
            "size": args.size,
            "rounds": args.rounds,
            "duration": args.duration,
            "connections": args.connections,
        },
        "backends": backends,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "scaling.json").write_text(json.dumps(result, indent=2) + "\n")
    (args.out / "scaling.md").write_text(render(result))
    print(render(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
