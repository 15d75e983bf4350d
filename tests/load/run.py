"""Bounded loopback load run (``make loadtest``): a live server on SQLite and on PostgreSQL.

For each backend: a throwaway database holding two scaled fixture releases, ``python -m api
serve`` on a free loopback port, a short warm-up, then ``--seconds`` of ``--connections``
concurrent keep-alive clients issuing a realistic mix (list, filtered list, detail, stats,
CSV export, sources, releases). Reports requests, errors (must be 0), p50/p99 latency and the
server's RSS at the start and the end of the measured run, read while the clients are still
connected (growth must stay under 10%), and its peak in between.

Usage: ``python -m tests.load.run [--seconds 60] [--connections 64] [--backends sqlite,postgres]``
Exit status 1 when a backend had errors or grew too much; PostgreSQL is skipped (said so) when
no server answers.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.reliability._support import (
    live_server,
    load_database,
    pg_database,
    pg_unreachable_reason,
    write_scaled_releases,
)

__all__ = ["LoadResult", "main", "request_mix", "run_backend", "run_load"]

MAX_RSS_GROWTH = 0.10


@dataclass
class LoadResult:
    """Figures of one measured run."""

    backend: str
    seconds: float
    connections: int
    requests: int = 0
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    rss_start_kb: int = 0
    rss_end_kb: int = 0
    rss_peak_kb: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)

    def pct(self, q: float) -> float:
        if not self.latencies_ms:
            return 0.0
        data = sorted(self.latencies_ms)
        return data[min(len(data) - 1, int(q * len(data)))]

    @property
    def rss_growth(self) -> float:
        return (
            (self.rss_end_kb - self.rss_start_kb) / self.rss_start_kb if self.rss_start_kb else 0.0
        )

    @property
    def ok(self) -> bool:
        return self.errors == 0 and self.requests > 0 and self.rss_growth < MAX_RSS_GROWTH

    def line(self) -> str:
        return (
            f"{self.backend:9} {self.seconds:5.0f}s {self.connections:4d} conn "
            f"{self.requests:8d} req {self.requests / self.seconds:8.1f} req/s "
            f"{self.errors:4d} err  p50 {self.pct(0.50):7.1f} ms  p99 {self.pct(0.99):7.1f} ms"
            f"  RSS {self.rss_start_kb / 1024:6.1f} -> {self.rss_end_kb / 1024:6.1f} MiB "
            f"({self.rss_growth:+.1%}, peak {self.rss_peak_kb / 1024:.1f})"
        )


def request_mix(n_events: int, rnd: random.Random) -> tuple[str, str]:
    """One request of the mix: (kind, path)."""
    r = rnd.random()
    if r < 0.25:
        return "list", f"/v1/events?limit={rnd.choice((20, 50, 100))}" + rnd.choice(
            ("", "&sort=-date")
        )
    if r < 0.50:
        filt = rnd.choice(
            (
                "event_type=desertion&country=IR",
                "actor=irgc&date_from=2022-01-01&date_to=2022-12-31",
                "verification=corroborated&min_confidence=medium",
                "campaign=woman_life_freedom_2022&admin1=IR-23",
                "q=fixture&event_type=leak",
                "date_from=2019-01-01&date_match=within&date_to=2023-12-31&limit=100",
                "release=1.0.0&event_type=refusal_of_orders",
            )
        )
        return "filter", f"/v1/events?{filt}"
    if r < 0.75:
        return "detail", f"/v1/events/FL-{rnd.randint(1, n_events):06d}"
    if r < 0.87:
        groups = rnd.choice(
            ("year", "event_type", "year&group_by=event_type", "actor", "month&group_by=admin1")
        )
        return "stats", f"/v1/stats/events?group_by={groups}"
    if r < 0.93:
        return "csv", "/v1/events?format=csv&" + rnd.choice(
            ("event_type=leak", "country=IR&limit=500", "campaign=green_movement_2009")
        )
    if r < 0.97:
        return "sources", rnd.choice(("/v1/sources", "/v1/sources/SRC-000003"))
    return "releases", rnd.choice(
        ("/v1/releases", "/v1/releases/1.1.0/changes", "/v1/event-types", "/v1/actors")
    )


def rss_kb(pid: int) -> int:
    """Resident set size of ``pid`` and its descendants (uvicorn workers), in KiB."""
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


async def _worker(
    client: httpx.AsyncClient,
    measure_from: float,
    until: float,
    n_events: int,
    seed: int,
    result: LoadResult,
) -> None:
    rnd = random.Random(seed)
    while time.monotonic() < until:
        kind, path = request_mix(n_events, rnd)
        started = time.perf_counter()
        measured = time.monotonic() >= measure_from  # warm-up requests are not counted
        try:
            resp = await client.get(path)
            await resp.aread()
            failed = resp.status_code >= 400
            detail = f"{resp.status_code} {path}: {resp.text[:120]}"
        except httpx.HTTPError as exc:
            failed, detail = True, f"{type(exc).__name__} {path}"
        if not measured:
            continue
        result.latencies_ms.append((time.perf_counter() - started) * 1000)
        result.requests += 1
        result.by_kind[kind] = result.by_kind.get(kind, 0) + 1
        if failed:
            result.errors += 1
            if len(result.error_samples) < 5:
                result.error_samples.append(detail)


async def _watch_rss(
    server_pid: int, measure_from: float, until: float, result: LoadResult
) -> None:
    """RSS at the start and the end of the measured run, and its peak in between (1 s samples).

    Both ends are read while the clients are connected: reading them around a reconnect would
    catch the server in the trough left by 64 closed connections and overstate the growth.
    """
    await asyncio.sleep(max(0.0, measure_from - time.monotonic()))
    result.rss_start_kb = result.rss_peak_kb = rss_kb(server_pid)
    end_at = until - 0.25
    while (now := time.monotonic()) < end_at:
        await asyncio.sleep(min(1.0, end_at - now))
        result.rss_end_kb = rss_kb(server_pid)
        result.rss_peak_kb = max(result.rss_peak_kb, result.rss_end_kb)
    if not result.rss_end_kb:  # a run shorter than a sample
        result.rss_end_kb = rss_kb(server_pid)


async def _drive(
    base_url: str,
    server_pid: int,
    warmup: float,
    seconds: float,
    connections: int,
    n_events: int,
    result: LoadResult,
) -> None:
    """One client session: ``warmup`` seconds of load, then ``seconds`` measured."""
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30) as client:
        measure_from = time.monotonic() + warmup
        until = measure_from + seconds
        await asyncio.gather(
            _watch_rss(server_pid, measure_from, until, result),
            *(
                _worker(client, measure_from, until, n_events, 1000 + i, result)
                for i in range(connections)
            ),
        )
        result.seconds = time.monotonic() - measure_from


def run_load(
    base_url: str,
    server_pid: int,
    *,
    backend: str,
    seconds: float,
    connections: int,
    n_events: int,
    warmup: float = 10.0,
) -> LoadResult:
    """Warm up, then measure ``seconds`` of load against a running server, without reconnecting."""
    result = LoadResult(backend, seconds, connections)
    asyncio.run(_drive(base_url, server_pid, warmup, seconds, connections, n_events, result))
    return result


def run_backend(
    backend: str,
    *,
    seconds: float,
    connections: int,
    n_events: int,
    workers: int,
    tmp: Path,
    warmup: float = 10.0,
) -> LoadResult | str:
    """Load one backend; a string says why it was skipped."""
    first, second = write_scaled_releases(tmp / backend / "releases", n_events, n_events // 10)
    total = n_events + n_events // 10

    def go(url: str) -> LoadResult:
        load_database(url, [first, second])
        with live_server(url, first.parent, workers=workers, log_dir=tmp / backend) as server:
            return run_load(
                server.base_url,
                server.pid,
                backend=backend,
                seconds=seconds,
                connections=connections,
                n_events=total,
                warmup=warmup,
            )

    if backend == "sqlite":
        return go(f"sqlite:///{tmp / backend / 'load.sqlite'}")
    reason = pg_unreachable_reason()
    if reason:
        return reason
    with pg_database() as url:
        return go(url)


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``make loadtest``."""
    parser = argparse.ArgumentParser(
        prog="python -m tests.load.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--events", type=int, default=3000, help="events in release 1.0.0")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    args = parser.parse_args(argv)
    status = 0
    print(
        f"load: {args.seconds:.0f}s x {args.connections} connections, "
        f"{args.events} events, {args.workers} worker(s), cpus={os.cpu_count()}"
    )
    with tempfile.TemporaryDirectory(prefix="fl-load-") as tmp:
        for backend in args.backends.split(","):
            outcome = run_backend(
                backend,
                seconds=args.seconds,
                connections=args.connections,
                n_events=args.events,
                workers=args.workers,
                tmp=Path(tmp),
            )
            if isinstance(outcome, str):
                print(f"{backend:9} skipped: {outcome}")
                continue
            print(outcome.line(), flush=True)
            print(f"{'':9} mix: {dict(sorted(outcome.by_kind.items()))}")
            for sample in outcome.error_samples:
                print(f"{'':9} error: {sample}")
            if not outcome.ok:
                status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
