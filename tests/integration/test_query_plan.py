"""The index-serving rewrites keep results identical: date lower bound and layout rebuild."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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
