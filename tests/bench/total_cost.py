"""Cost of ``meta.total`` (uncached, counted up to ``TOTAL_CAP``) beside the page it comes with.

Usage: ``python -m tests.bench.total_cost sqlite:///var/bench/100k/api.sqlite`` (any database
holding a synthetic release, e.g. one ``make bench`` built). Prints a Markdown table; figures in
docs/BENCHMARKS.md ("meta.total").
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from api.db.engine import create_db_engine
from api.db.reads import Store
from api.routes._params import FilterParams, build_filters

CASES = {
    "no filter": FilterParams(),
    "event_type=desertion": FilterParams(event_type=["desertion"]),
    "country=IR": FilterParams(country=["IR"]),
    "date 2022": FilterParams(date_from="2022", date_to="2022"),
    "q=desertion": FilterParams(q="desertion"),
    "actor=irgc (+subs)": FilterParams(actor=["irgc"]),
    "type+actor+date": FilterParams(event_type=["desertion"], actor=["basij"], date_from="2019"),
}


def _ms(fn: Callable[[], Any], n: int = 5) -> float:
    """Median wall time of ``fn`` in milliseconds."""
    out = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return statistics.median(out)


def main(url: str) -> None:
    """Print the table for the database at ``url``."""
    engine = create_db_engine(url)
    store = Store(engine)
    with store.connect() as conn:
        rel = store.resolve(conn, None)
        print(f"{engine.dialect.name}, release {rel.version}\n")
        print(
            "| filter | total | exact | total, first (ms) | page of 50 (ms) | total, cached (ms) |"
        )
        print("|---|---:|---|---:|---:|---:|")
        for name, params in CASES.items():
            f = build_filters(store, conn, rel, params)
            n, exact = store.count_events(conn, rel, f)
            first = _ms(lambda f=f: Store(engine).count_events(conn, rel, f))  # a fresh cache
            page = _ms(
                lambda f=f: list(
                    store.list_events(conn, rel, f, descending=False, limit=51, after=None)
                )
            )
            cached = _ms(lambda f=f: store.count_events(conn, rel, f))
            print(f"| {name} | {n:,} | {exact} | {first:.1f} | {page:.1f} | {cached:.3f} |")


if __name__ == "__main__":
    main(sys.argv[1])
