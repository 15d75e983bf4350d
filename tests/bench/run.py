"""``python -m tests.bench.run``: our API side by side with Datasette and the ceiling.

For each size: synthetic dataset root -> release folder through the real builder (timed, peak
RSS) -> ingest into a fresh SQLite database through the real CLI (timed, peak RSS) -> three
servers pinned to core 0 (our API, Datasette on a copy of the release's SQLite file, the
ceiling serving our API's precomputed bytes) -> wrk on core 1, interleaved rounds, medians ->
latency on one connection, CSV export, cold start. Every server is stopped by PID at the end.

Writes ``bench-results/latest.json`` and ``bench-results/latest.md``; see docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import msgspec

from tests.bench import _queries as qs
from tests.bench._load import LoadResult, require_wrk, run_wrk
from tests.bench._procs import LOAD_CORE, Server, free_port, run_timed, stop_all
from tests.bench._report import (
    LABELS,
    evaluate_targets,
    render_markdown,
    render_table,
    size_label,
)
from tests.bench.synthetic import SyntheticConfig, write_dataset_root

__all__ = ["main"]

REPO = Path(__file__).resolve().parents[2]
PY = sys.executable
VERSION = "1.0.0"
SERVERS = ("api", "datasette", "ceiling")
RESULTS = REPO / "bench-results"


# --- our API, as a user runs it ------------------------------------------------------------


def api_env(url: str, releases: Path, port: int, workers: int = 1) -> dict[str, str]:
    """The environment our API runs with in the benchmarks (database ``url``)."""
    return {
        "DATABASE_URL": url,
        "RELEASES_DIR": str(releases),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WORKERS": str(workers),
        "INGEST_ON_START": "0",
        "RATE_LIMIT_PER_MINUTE": "0",
    }


def api_server(db: Path, releases: Path, log: Path) -> Server:
    port = free_port()
    return Server(
        "api", [PY, "-m", "api", "serve"], port, api_env(f"sqlite:///{db}", releases, port), log
    )


def ingest_cmd(folder: Path) -> list[str]:
    return [PY, "-m", "api", "ingest", str(folder)]


def datasette_server(db: Path, log: Path) -> Server:
    port = free_port()
    cmd = [
        PY,
        "-m",
        "datasette",
        "serve",
        "-i",
        str(db),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--setting",
        "max_csv_mb",
        "0",
        "--setting",
        "sql_time_limit_ms",
        "20000",
        "--setting",
        "num_sql_threads",
        "1",
        "--setting",
        "default_cache_ttl",
        "0",
    ]
    return Server("datasette", cmd, port, {}, log)


def ceiling_server(responses: Path, log: Path) -> Server:
    port = free_port()
    cmd = [
        PY,
        "-m",
        "uvicorn",
        "tests.bench._ceiling:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "1",
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    return Server("ceiling", cmd, port, {"BENCH_CEILING_RESPONSES": str(responses)}, log)


# --- data preparation ----------------------------------------------------------------------


def prepare_release(n: int, work: Path, seed: int, fresh: bool) -> tuple[Path, dict[str, Any]]:
    """Synthetic root + release folder; reuse a previous build of the same size and seed."""
    stamp = work / "build.json"
    folder = work / "releases" / VERSION
    key = {"events": n, "seed": seed, "generator": _generator_digest()}
    if not fresh and stamp.exists() and folder.is_dir():
        info = json.loads(stamp.read_text())
        if info.get("key") == key:
            info["build"]["cached"] = True
            return folder, info
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    print(f"  generating {n:,} synthetic events ...", flush=True)
    gen = write_dataset_root(SyntheticConfig(events=n, seed=seed), work / "root")
    print(f"  building release {VERSION} with the real builder ...", flush=True)
    run = run_timed(
        [
            PY,
            "-m",
            "api.curation",
            "release",
            VERSION,
            "--root",
            str(work / "root"),
            "--out",
            str(work / "releases"),
        ],
        cwd=REPO,
    )
    if run.returncode != 0:
        raise SystemExit(f"release build failed:\n{run.output}")
    # The release folder is all the benchmark needs; the YAML root is large at 1M.
    shutil.rmtree(work / "root")
    info = {
        "key": key,
        "generate": gen,
        "build": {"seconds": round(run.seconds, 2), "peak_rss_mb": round(run.peak_rss_mb, 1)},
    }
    stamp.write_text(json.dumps(info))
    return folder, info


def _generator_digest() -> str:
    import hashlib

    return hashlib.sha256((REPO / "tests/bench/synthetic.py").read_bytes()).hexdigest()[:12]


def ingest(folder: Path, db: Path) -> dict[str, Any]:
    for p in db.parent.glob(db.name + "*"):
        p.unlink()
    env = api_env(f"sqlite:///{db}", folder.parent, 0)
    run = run_timed(ingest_cmd(folder), env=env, cwd=REPO)
    if run.returncode != 0:
        raise SystemExit(f"ingest failed:\n{run.output}")
    return {"seconds": round(run.seconds, 2), "peak_rss_mb": round(run.peak_rss_mb, 1)}


# --- requests against the servers ----------------------------------------------------------


def fetch(client: httpx.Client, url: str, **kw: Any) -> httpx.Response:
    r = client.get(url, **kw)
    if r.status_code not in (200, 304):
        raise RuntimeError(f"GET {url} -> {r.status_code}: {r.text[:300]}")
    return r


def walk_api(client: httpx.Client, base: str, first: str, pages: int) -> str:
    """Path of page ``pages`` of an API list query, following ``next_cursor`` links."""
    path = first
    for _ in range(pages - 1):
        nxt = fetch(client, base + path).json()["links"]["next"]
        if not nxt:
            raise RuntimeError(f"{first}: fewer than {pages} pages")
        path = nxt
    return path


def walk_datasette(client: httpx.Client, base: str, first: str, pages: int) -> str:
    path = first
    for _ in range(pages - 1):
        nxt = fetch(client, base + path).json().get("next_url")
        if not nxt:
            raise RuntimeError(f"{first}: fewer than {pages} pages on Datasette")
        path = httpx.URL(nxt).raw_path.decode()
    return path


def add_deep_pages(queries: dict[str, qs.Query], client: httpx.Client, api: str, ds: str) -> None:
    """Q5 (page 100 via cursor) and Q5first (page 1 of the same queries), for both servers."""
    variants = [
        ({"limit": 50}, {"_sort": "date_start", "_size": 50}),
        ({"limit": 50, "sort": "-date"}, {"_sort_desc": "date_start", "_size": 50}),
        ({"limit": 50, "country": "IR"}, {"country": "IR", "_sort": "date_start", "_size": 50}),
        (
            {"limit": 50, "country": "IR", "sort": "-date"},
            {"country": "IR", "_sort_desc": "date_start", "_size": 50},
        ),
    ]
    q5, first = queries["Q5"], qs.Query("Q5first", "first page of the Q5 queries", [], [])
    for a, d in variants:
        a_first = qs._api_list(**a)
        d_first = qs._ds_table(**d)
        first.api.append(a_first)
        first.datasette.append(d_first)
        q5.api.append(walk_api(client, api, a_first, 100))
        q5.datasette.append(walk_datasette(client, ds, d_first, 100))
    q5.ceiling = list(q5.api)
    first.ceiling = list(first.api)
    queries["Q5first"] = first


def precompute_ceiling(
    queries: dict[str, qs.Query], client: httpx.Client, api: str, out: Path
) -> None:
    """Our API's responses for every ceiling path, as the ceiling serves them."""
    table: dict[str, list[Any]] = {}
    for q in queries.values():
        for path in q.ceiling:
            if path not in table:
                r = fetch(client, api + path)
                table[path] = [r.status_code, r.headers.get("content-type", ""), r.content]
    out.write_bytes(msgspec.msgpack.encode(table))


def check_all_answer(
    queries: dict[str, qs.Query], servers: dict[str, Server], client: httpx.Client
) -> None:
    """Every server answers the first paths of every query with 200 (304 for Q2r on the API)."""
    for q in queries.values():
        for name, server in servers.items():
            paths = (
                q.datasette if name == "datasette" else (q.ceiling if name == "ceiling" else q.api)
            )
            for path in paths[:3]:
                headers = q.api_headers if name == "api" else {}
                fetch(client, server.base + path, headers=headers)


def csv_export(client: httpx.Client, server: Server, path: str) -> dict[str, Any]:
    """Stream the full CSV export; rows/s, and the server's peak RSS during it."""
    base_rss = server.rss_mb()
    exact = server.reset_peak()
    peak = base_rss
    rows = 0
    t0 = time.perf_counter()
    last_sample = t0
    # identity: count rows on the wire as sent; Datasette does not compress either.
    headers = {"Accept-Encoding": "identity"}
    with client.stream("GET", server.base + path, timeout=600, headers=headers) as r:
        if r.status_code != 200:
            raise RuntimeError(f"CSV export {path} -> {r.status_code}")
        for chunk in r.iter_raw():
            rows += chunk.count(b"\n")
            now = time.perf_counter()
            if now - last_sample > 0.05:
                peak = max(peak, server.rss_mb())
                last_sample = now
    seconds = time.perf_counter() - t0
    rows -= 1  # header
    if exact:
        peak = max(peak, server.peak_mb())
    return {
        "rows": rows,
        "seconds": round(seconds, 3),
        "rows_per_s": round(rows / seconds, 1),
        "peak_rss_mb": round(peak, 1),
        "rss_before_mb": round(base_rss, 1),
    }


def cold_start(db: Path, releases: Path, logs: Path, probe: str, times: int = 3) -> float:
    """Median seconds from spawning ``python -m api serve`` to the first 200 on ``probe``."""
    samples = []
    for i in range(times):
        server = api_server(db, releases, logs / f"api-cold-{i}.log")
        server.start()
        try:
            samples.append(server.wait_ok(probe))
        finally:
            server.stop()
    return statistics.median(samples)


# --- one size ------------------------------------------------------------------------------


def bench_size(n: int, args: argparse.Namespace, var: Path) -> dict[str, Any]:
    label = size_label(n)
    work = var / f"n{label}"
    logs = work / "logs"
    print(f"== {label}: {n:,} events", flush=True)
    folder, info = prepare_release(n, work, args.seed, args.fresh)
    logs.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"events": n, "generate": info["generate"], "build": info["build"]}
    print(
        f"  release build: {info['build']['seconds']} s, {info['build']['peak_rss_mb']} MB"
        + (" (cached)" if info["build"].get("cached") else ""),
        flush=True,
    )

    db = work / "api.sqlite"
    result["ingest"] = ingest(folder, db)
    print(
        f"  ingest: {result['ingest']['seconds']} s, {result['ingest']['peak_rss_mb']} MB",
        flush=True,
    )
    ds_db = qs.datasette_copy(folder / "faultlines.sqlite", work / "datasette" / "faultlines.db")
    queries = qs.build_queries(folder / "faultlines.sqlite", seed=args.seed)
    probe = queries["Q1"].api[0]
    result["cold_start_s"] = round(cold_start(db, folder.parent, logs, probe), 3)
    print(f"  cold start: {result['cold_start_s']} s", flush=True)

    servers = {
        "api": api_server(db, folder.parent, logs / "api.log"),
        "datasette": datasette_server(ds_db, logs / "datasette.log"),
    }
    try:
        for s in servers.values():
            s.start()
        servers["api"].wait_ok(probe)
        servers["datasette"].wait_ok(f"/{qs.DB}.json")
        with httpx.Client(timeout=60) as client:
            add_deep_pages(queries, client, servers["api"].base, servers["datasette"].base)
            etag = fetch(client, servers["api"].base + queries["Q2r"].api[0]).headers.get("etag")
            if etag:
                queries["Q2r"].api_headers = {"If-None-Match": etag}
            responses = work / "ceiling.msgpack"
            precompute_ceiling(queries, client, servers["api"].base, responses)
            servers["ceiling"] = ceiling_server(responses, logs / "ceiling.log")
            servers["ceiling"].start()
            servers["ceiling"].wait_ok("/health")
            check_all_answer(queries, servers, client)

            result["what"] = {q.name: q.what for q in queries.values()}
            result["throughput"] = throughput_rounds(queries, servers, args, work / "wrk")
            result["latency_c1"] = latency_c1(queries, servers["api"], args, work / "wrk")
            result["q6"] = {
                "api": csv_export(client, servers["api"], "/v1/events?format=csv"),
            }
            if not args.skip_datasette_csv:
                result["q6"]["datasette"] = csv_export(
                    client, servers["datasette"], f"/{qs.DB}/events.csv?_stream=on&_size=max"
                )
            result["api_rss_mb_end"] = round(servers["api"].rss_mb(), 1)
    finally:
        for s in servers.values():
            s.stop()
    return result


def _paths(q: qs.Query, server: str) -> list[str]:
    return {"api": q.api, "datasette": q.datasette, "ceiling": q.ceiling}[server]


def throughput_rounds(
    queries: dict[str, qs.Query],
    servers: dict[str, Server],
    args: argparse.Namespace,
    wrk_dir: Path,
) -> dict[str, Any]:
    """Interleaved rounds: each round runs every query on every server, order rotating."""
    runs: dict[str, dict[str, list[LoadResult]]] = {}
    order = list(SERVERS)
    names = [q for q in qs.QUERIES if q in queries]
    for rnd in range(args.rounds):
        for qname in names:
            q = queries[qname]
            for server in order:
                headers = q.api_headers if server == "api" else {}
                res = run_wrk(
                    servers[server].base,
                    _paths(q, server),
                    wrk_dir,
                    duration=args.duration,
                    connections=args.connections,
                    headers=headers,
                )
                runs.setdefault(qname, {}).setdefault(server, []).append(res)
                print(
                    f"  round {rnd + 1} {qname:4} {server:9} {res.rps:9.1f} req/s "
                    f"p50 {res.p50_ms:7.2f} ms" + (f" ERRORS {res.errors}" if res.errors else ""),
                    flush=True,
                )
            order = order[1:] + order[:1]
    out: dict[str, Any] = {}
    for qname, per in runs.items():
        out[qname] = {}
        for server, results in per.items():
            out[qname][server] = {
                "rps": round(statistics.median(r.rps for r in results), 1),
                "p50_ms": round(statistics.median(r.p50_ms for r in results), 3),
                "p99_ms": round(statistics.median(r.p99_ms for r in results), 3),
                "errors": sum(r.errors for r in results),
                "rounds": [r.to_json() for r in results],
            }
    return out


def latency_c1(
    queries: dict[str, qs.Query], api: Server, args: argparse.Namespace, wrk_dir: Path
) -> dict[str, Any]:
    """Our API's latency with one connection (no queueing), per query: medians over rounds.

    One run alone is at the mercy of a neighbour's burst on this shared machine (a single run
    once showed Q1 at 21 ms p50 where a rerun gave 0.9 ms), hence the rounds.
    """
    names = [q for q in (*qs.QUERIES, "Q5first", *qs.PAGES) if q in queries]
    runs: dict[str, list[LoadResult]] = {q: [] for q in names}
    for _ in range(args.rounds):
        for qname in names:
            q = queries[qname]
            runs[qname].append(
                run_wrk(
                    api.base,
                    q.api,
                    wrk_dir,
                    duration=args.duration,
                    connections=1,
                    headers=q.api_headers,
                )
            )
    return {
        qname: {
            "p50_ms": round(statistics.median(r.p50_ms for r in res), 3),
            "p99_ms": round(statistics.median(r.p99_ms for r in res), 3),
            "rps": round(statistics.median(r.rps for r in res), 1),
        }
        for qname, res in runs.items()
    }


# --- entry point ---------------------------------------------------------------------------


def _sizes(text: str) -> list[int]:
    out = []
    for part in text.split(","):
        part = part.strip().lower()
        if part in LABELS:
            out.append(LABELS[part])
        elif part:
            out.append(int(part.replace("_", "")))
    return out


def _meta(args: argparse.Namespace, argv: list[str]) -> dict[str, Any]:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    ).stdout.strip()
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "command": "python -m tests.bench.run " + " ".join(argv),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "rounds": args.rounds,
        "duration": args.duration,
        "connections": args.connections,
        "seed": args.seed,
        "synthetic": True,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; write bench-results/latest.{json,md}."""
    argv = list(sys.argv[1:] if argv is None else argv)
    p = argparse.ArgumentParser(prog="python -m tests.bench.run", description=__doc__)
    p.add_argument("--sizes", default="10k,100k", help="comma list: 10k,100k,1m (default 10k,100k)")
    p.add_argument("--duration", type=float, default=2.0, help="seconds per wrk run (default 2)")
    p.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    p.add_argument("--connections", type=int, default=8, help="wrk connections (default 8)")
    p.add_argument("--seed", type=int, default=20260101)
    p.add_argument(
        "--var",
        type=Path,
        default=REPO / "var" / "bench",
        help="scratch folder, gitignored (default var/bench)",
    )
    p.add_argument("--fresh", action="store_true", help="rebuild cached synthetic releases")
    p.add_argument(
        "--skip-datasette-csv", action="store_true", help="skip Datasette's CSV export (slow at 1M)"
    )
    p.add_argument("--out", type=Path, default=RESULTS, help="results folder")
    args = p.parse_args(argv)
    require_wrk()
    if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > int(LOAD_CORE):
        os.sched_setaffinity(0, {int(LOAD_CORE)})  # the harness stays off the server core

    sizes: dict[str, Any] = {}
    try:
        for n in _sizes(args.sizes):
            sizes[size_label(n)] = bench_size(n, args, args.var)
    finally:
        stop_all()
    targets = evaluate_targets(sizes)
    result = {"meta": _meta(args, argv), "sizes": sizes, "targets": [t.to_json() for t in targets]}
    print()
    print(render_table(sizes, targets))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.json").write_text(json.dumps(result, indent=1) + "\n")
    (args.out / "latest.md").write_text(render_markdown(result, targets))
    print(f"\nwrote {args.out / 'latest.json'} and {args.out / 'latest.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
