"""The query mix Q1..Q5 as request paths for each server, built from one release.

Each query is one list of paths per server, the same requests in the same order, so that the
three servers answer the same questions. Our API's paths are the contract's; Datasette's are
what a Datasette user would type for the same question; the ceiling uses our API's paths and
answers with the bytes our API gave for them (see ``_ceiling``).
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

__all__ = ["PAGES", "QUERIES", "Query", "build_queries", "datasette_copy"]

DB = "faultlines"
"""Datasette database name (file stem of the copy it serves)."""

QUERIES = ("Q1", "Q2", "Q2r", "Q3", "Q4", "Q5")
PAGES = ("W1", "W2")
"""Explorer pages, measured for latency on one connection beside the API's queries."""

# Types skewed like the generator's head, so windows hold enough rows for a 50-row page.
_TYPES = (
    "desertion",
    "disciplinary_action",
    "refusal_of_orders",
    "dissent_statement",
    "shirking_or_absenteeism",
    "morale_or_cohesion_report",
)
_FTS_WORDS = (
    "barracks",
    "checkpoint",
    "conscripts",
    "garrison",
    "payroll",
    "border",
    "university",
    "prison",
    "mosque",
    "telegram",
)


@dataclass
class Query:
    """One query of the mix: what it asks, and the paths each server gets."""

    name: str
    what: str
    api: list[str]
    datasette: list[str]
    ceiling: list[str] = field(default_factory=list)
    api_headers: dict[str, str] = field(default_factory=dict)


def _api_list(**params: str | int) -> str:
    return "/v1/events?" + urlencode(params)


def _ds_table(**params: str | int) -> str:
    return f"/{DB}/events.json?" + urlencode({**params, "_nocount": 1, "_nofacet": 1})


def _ds_sql(sql: str, **params: str | int) -> str:
    return f"/{DB}.json?" + urlencode({"sql": sql, **params, "_shape": "objects"})


def _windows(rnd: random.Random, n: int, lo: dt.date, hi: dt.date) -> list[tuple[str, str, str]]:
    """n distinct (type, from, to): 3-year windows starting on random days."""
    span = (hi - lo).days - 3 * 365
    seen: set[tuple[str, str, str]] = set()
    while len(seen) < n:
        start = lo + dt.timedelta(days=rnd.randrange(max(1, span)))
        end = start + dt.timedelta(days=3 * 365 - 1)
        seen.add((rnd.choice(_TYPES), start.isoformat(), end.isoformat()))
    return sorted(seen, key=lambda w: rnd.random())


def build_queries(release_sqlite: Path, seed: int = 1) -> dict[str, Query]:
    """Paths for Q1..Q5 (Q5's cursors are filled in later by walking pages)."""
    rnd = random.Random(seed)
    db = sqlite3.connect(f"file:{release_sqlite}?mode=ro", uri=True)
    ids = [r[0] for r in db.execute("SELECT id FROM events WHERE status = 'active' ORDER BY id")]
    lo_s, hi_s = db.execute("SELECT min(date_start), max(date_end) FROM events").fetchone()
    db.close()
    lo, hi = dt.date.fromisoformat(lo_s), dt.date.fromisoformat(hi_s)
    pick = rnd.sample(ids, min(len(ids), 20_000))

    q1 = Query(
        "Q1",
        "event by id (rotating ids)",
        api=[f"/v1/events/{i}" for i in pick],
        datasette=[f"/{DB}/events/{i}.json" for i in pick],
    )
    q1.ceiling = q1.api[:2000]

    wins = _windows(rnd, 4000, lo, hi)
    q2 = Query(
        "Q2",
        "type + 3-year window, 50 rows by date, id (varying windows)",
        api=[_api_list(event_type=t, date_from=a, date_to=b, limit=50) for t, a, b in wins],
        datasette=[
            _ds_table(
                event_type=t, date_end__gte=a, date_start__lte=b, _sort="date_start", _size=50
            )
            for t, a, b in wins
        ],
    )
    q2.ceiling = q2.api[:300]

    q2r = Query(
        "Q2r",
        "the same Q2 request repeated (conditional: If-None-Match)",
        api=q2.api[:1],
        datasette=q2.datasette[:1],
        ceiling=q2.api[:1],
    )

    month_sql = (
        "SELECT substr(date_start, 1, 7) AS month, count(*) AS events, "
        "sum(coalesce(participants_best, 0)) AS participants_best, "
        "sum(coalesce(cases_best, 0)) AS cases_best, sum(coalesce(killed_best, 0)) AS killed_best, "
        "sum(coalesce(arrested_best, 0)) AS arrested_best FROM events "
        "WHERE status = 'active' AND event_type = :t GROUP BY month ORDER BY month"
    )
    q3 = Query(
        "Q3",
        "stats: events per month for one type",
        api=[
            f"/v1/stats/events?{urlencode({'group_by': 'month', 'event_type': t})}" for t in _TYPES
        ],
        datasette=[_ds_sql(month_sql, t=t) for t in _TYPES],
    )
    q3.ceiling = list(q3.api)

    q4 = Query(
        "Q4",
        "full-text query, first 50 by date",
        api=[_api_list(q=w, limit=50) for w in _FTS_WORDS],
        datasette=[_ds_table(_search=w, _sort="date_start", _size=50) for w in _FTS_WORDS],
    )
    q4.ceiling = list(q4.api)

    q5 = Query("Q5", "deep page: the 100th page of 50 via cursor", api=[], datasette=[])
    w1 = Query(
        "W1",
        "explorer /events page: type + 3-year window (facets, first 50 rows)",
        api=[p.replace("/v1/events?", "/events?", 1) for p in q2.api],
        datasette=[],
    )
    w2 = Query(
        "W2",
        "explorer /events/{id} page (rotating ids)",
        api=[f"/events/{i}" for i in pick[:2000]],
        datasette=[],
    )
    return {q.name: q for q in (q1, q2, q2r, q3, q4, q5, w1, w2)}


def datasette_copy(release_sqlite: Path, out: Path) -> Path:
    """Copy of the release's SQLite file that Datasette serves, with the same help our API has.

    Our API has a composite index for type + date order and an FTS5 index over titles and
    summaries; a Datasette user would add both (``sqlite-utils enable-fts``, ``create-index``),
    so the copy gets them too and the comparison measures the serving stack, not the indexes.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists():
        out.unlink()
    src = sqlite3.connect(f"file:{release_sqlite}?mode=ro", uri=True)
    dst = sqlite3.connect(out)
    src.backup(dst)
    src.close()
    dst.executescript(
        """
        CREATE INDEX IF NOT EXISTS events_type_date ON events(event_type, date_start, id);
        CREATE VIRTUAL TABLE events_fts USING fts5(title, summary, content='events',
            content_rowid='rowid');
        INSERT INTO events_fts(rowid, title, summary) SELECT rowid, title, summary FROM events;
        ANALYZE;
        """
    )
    dst.commit()
    dst.close()
    return out
