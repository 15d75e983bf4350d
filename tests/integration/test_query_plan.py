"""The index-serving rewrites keep results identical: date lower bound and layout rebuild."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from litestar.testing import TestClient
from sqlalchemy import func, select, text

from api.db.engine import init_schema
from api.db.ingest import ingest_release
from api.db.reads import EV, Store
from api.db.tables import LAYOUT_VERSION
from api.query.filters import EventFilters, visible_in
from tests.integration.conftest import DatabaseFactory, make_engine


def test_max_span_covers_every_visible_version(loaded_url: str) -> None:
    store = Store(make_engine(loaded_url))
    with store.connect() as conn:
        for release in store.releases(conn):
            rows = conn.execute(
                select(EV.c.date_start, EV.c.date_end).where(visible_in(release.ordinal))
            ).all()
            longest = max((r.date_end - r.date_start).days for r in rows)
            assert release.max_span_days >= longest
    store.engine.dispose()


def test_overlap_bound_never_excludes_an_event(loaded_url: str) -> None:
    """Every window over the fixture's dates answers the same with and without the bound."""
    store = Store(make_engine(loaded_url))
    with store.connect() as conn:
        releases = store.releases(conn)
        lo, hi = conn.execute(select(func.min(EV.c.date_start), func.max(EV.c.date_end))).one()
        starts = [lo + dt.timedelta(days=d) for d in range(-40, (hi - lo).days + 40, 17)]
        for release in releases:
            unbounded = type(release)(**{**release.__dict__, "max_span_days": None})
            for start in starts:
                for length in (0, 30, 400):
                    f = EventFilters(date_from=start, date_to=start + dt.timedelta(days=length))
                    got = [
                        r.event_id
                        for r in store.list_events(
                            conn, release, f, descending=False, limit=None, after=None
                        )
                    ]
                    want = [
                        r.event_id
                        for r in store.list_events(
                            conn, unbounded, f, descending=False, limit=None, after=None
                        )
                    ]
                    assert got == want, (release.version, start, length)
    store.engine.dispose()


def test_older_layout_is_rebuilt(
    databases: DatabaseFactory, release_dirs: tuple[Path, Path]
) -> None:
    url = databases.new_url()
    engine = make_engine(url)
    ingest_release(engine, release_dirs[0])
    with engine.begin() as conn:  # what a database of the previous layout looks like
        conn.execute(text("DROP TABLE schema_layout"))
    init_schema(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version FROM schema_layout")).scalar() == LAYOUT_VERSION
        assert conn.execute(text("SELECT count(*) FROM release")).scalar() == 0
    assert ingest_release(engine, release_dirs[0]).loaded
    init_schema(engine)  # same layout: kept
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM release")).scalar() == 1
    engine.dispose()


def test_conditional_requests_answer_304_early_but_star_still_validates(client: TestClient) -> None:  # type: ignore[type-arg]
    first = client.get("/v1/events?limit=2&country=SY")
    etag = first.headers["etag"]
    again = client.get("/v1/events?limit=2&country=SY", headers={"If-None-Match": f'"x", {etag}'})
    assert again.status_code == 304 and again.headers["etag"] == etag
    bad = client.get("/v1/events?cursor=nonsense", headers={"If-None-Match": "*"})
    assert bad.status_code == 400
    other = client.get("/v1/events?limit=3&country=SY", headers={"If-None-Match": etag})
    assert other.status_code == 200


def test_streamed_csv_matches_paged_json(client: TestClient) -> None:  # type: ignore[type-arg]
    ids = [e["id"] for e in client.get("/v1/events?limit=1000").json()["data"]]
    lines = client.get("/v1/events?format=csv").text.splitlines()
    assert len(lines) == len(ids) + 1
    assert [line.split(",", 1)[0] for line in lines[1:]] == ids
