"""Ingest: idempotent, refuses tampered / truncated / conflicting releases, keeps serving."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import msgspec
import pytest
from litestar.testing import TestClient
from sqlalchemy import func, select

from api.app import create_app
from api.config import Settings
from api.db.ingest import IngestError, ingest_release
from api.db.tables import EventVersion, SourceVersion
from tests.integration._releases import base_events, base_sources, make_event, write_release
from tests.integration.conftest import DatabaseFactory, make_engine


def test_reingest_is_noop_and_storage_grows_with_changes(
    databases: DatabaseFactory, release_dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    engine = make_engine(databases.new_url())
    first, second = release_dirs
    assert ingest_release(engine, first).loaded
    assert not ingest_release(engine, first).loaded
    assert ingest_release(engine, second).loaded
    assert not ingest_release(engine, second).loaded
    with engine.connect() as conn:
        versions = conn.execute(select(func.count()).select_from(EventVersion)).scalar_one()
    assert versions == 12 + 5  # 12 events, then 1 changed + 2 status changes + 2 added
    with pytest.raises(IngestError, match="not newer"):
        ingest_release(engine, write_release(tmp_path, "0.9.0", base_events(), base_sources()))
    engine.dispose()


@pytest.mark.parametrize("damage", ["edit", "truncate", "drop_sums", "conflict", "extra_file"])
def test_tampered_release_refused_old_one_kept(
    databases: DatabaseFactory, release_dirs: tuple[Path, Path], tmp_path: Path, damage: str
) -> None:
    url = databases.new_url()
    engine = make_engine(url)
    first, second = release_dirs
    ingest_release(engine, first)
    bad = tmp_path / second.name
    shutil.copytree(first if damage == "conflict" else second, bad)
    if damage == "edit":
        path = bad / "events.jsonl"
        path.write_text(path.read_text().replace("Guard defects abroad", "Guard defects again"))
    elif damage == "truncate":
        path = bad / "events.jsonl"
        path.write_bytes(path.read_bytes()[:-200])
    elif damage == "drop_sums":
        (bad / "SHA256SUMS").unlink()
    elif damage == "conflict":  # same version 1.0.0, different content
        path = bad / "sources.jsonl"
        path.write_text(path.read_text().replace("Outlet 1", "Outlet X"))
        sums = bad / "SHA256SUMS"
        import hashlib

        lines = []
        for line in sums.read_text().splitlines():
            digest, name = line.split("  ")
            if name == "sources.jsonl":
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            lines.append(f"{digest}  {name}")
        sums.write_text("\n".join(lines) + "\n")
    else:
        (bad / "extra.bin").write_bytes(b"x")
    with pytest.raises(IngestError) as info:
        ingest_release(engine, bad)
    assert str(info.value)
    app = create_app(Settings(database_url=url))
    with TestClient(app) as client:
        assert client.get("/ready").json()["release"] == "1.0.0"
        assert client.get("/v1/events/FL-000005").status_code == 200
        assert [r["version"] for r in client.get("/v1/releases").json()["data"]] == ["1.0.0"]
    app.state.store.engine.dispose()
    engine.dispose()


def test_bulk_rows_read_back_as_the_records_say(
    databases: DatabaseFactory, release_dirs: tuple[Path, Path]
) -> None:
    """The first ingest writes rows without SQLAlchemy's parameter processing (SQLite) and
    builds its indexes afterwards: what is read back through the models is what the records
    hold, dates included, and the indexes and full-text index exist and answer."""
    import datetime as dt
    import json

    from sqlalchemy import inspect, text

    engine = make_engine(databases.new_url())
    first, _ = release_dirs
    ingest_release(engine, first)
    records = {
        e["id"]: e
        for e in map(json.loads, (first / "events.jsonl").read_text(encoding="utf-8").splitlines())
    }
    ev = EventVersion.__table__  # type: ignore[attr-defined]
    with engine.connect() as conn:
        rows = conn.execute(select(ev.c.event_id, ev.c.date_start, ev.c.date_end, ev.c.actor_orgs))
        for event_id, start, end, orgs in rows:
            record = records[event_id]
            assert isinstance(start, dt.date)
            assert (start.isoformat(), end.isoformat()) == (
                record["date_start"],
                record["date_end"],
            )
            assert orgs == " ".join(sorted({a["organisation"] for a in record["actors"]}))
        indexes = {ix["name"] for ix in inspect(conn).get_indexes("event_version")}
        assert {"ix_event_version_order", "ix_event_version_type"} <= indexes
        if engine.dialect.name == "sqlite":
            word = records["FL-000001"]["title"].split()[0]
            hits = conn.execute(
                text("SELECT count(*) FROM event_fts WHERE event_fts MATCH :w"), {"w": word}
            ).scalar_one()
            assert hits >= 1
    engine.dispose()


def test_a_corrected_source_reaches_the_events_citing_it(
    databases: DatabaseFactory, tmp_path: Path
) -> None:
    """An event version carries its sources' records: when a release corrects a source and
    not the event, the event's answer in that release shows the correction and the earlier
    release still shows the original (the event gets a version with the same content)."""
    engine = make_engine(databases.new_url())
    events = base_events()
    sources = base_sources()
    corrected = [
        msgspec.structs.replace(s, title="Article number 2, corrected headline")
        if s.id == "SRC-000002"
        else s
        for s in sources
    ]
    citing = sorted(e.id for e in events if any(r.source == "SRC-000002" for r in e.reports))
    assert citing
    first = write_release(tmp_path, "1.0.0", events, sources)
    second = write_release(
        tmp_path, "1.1.0", events, corrected, previous="1.0.0", previous_events=events
    )
    assert ingest_release(engine, first).loaded
    result = ingest_release(engine, second)
    assert result.events_new_versions == len(citing)
    assert result.sources_new_versions == 1
    app = create_app(
        Settings(database_url=str(engine.url), releases_dir=tmp_path, access_log=False)
    )
    with TestClient(app=app) as client:
        for event_id in citing:
            for release, title in (
                ("1.1.0", "Article number 2, corrected headline"),
                ("1.0.0", "Article number 2"),
            ):
                body = client.get(f"/v1/events/{event_id}", params={"release": release}).json()
                cited = {s["id"]: s["title"] for s in body["sources"]}
                assert cited["SRC-000002"] == title
                assert body["meta"]["release"] == release
            latest = client.get(f"/v1/events/{event_id}", headers={"Accept-Encoding": "identity"})
            assert (
                latest.json()["sources"]
                == client.get(f"/v1/events/{event_id}", params={"release": "1.1.0"}).json()[
                    "sources"
                ]
            )
        # The event itself did not change: the changes of 1.1.0 do not list it.
        changes = client.get("/v1/releases/1.1.0/changes").json()
        assert not set(citing) & set(changes["changed"])
    engine.dispose()


def test_a_first_load_that_fails_late_leaves_an_empty_database_in_wal_mode(
    databases: DatabaseFactory, release_dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    """A first load writes through a rollback journal (SQLite) and puts the write-ahead log
    back after it: a load failing after its rows went in leaves nothing, and serving works."""
    url = databases.new_url()
    engine = make_engine(url)
    first, _ = release_dirs
    events = base_events()
    # Valid line by line; the merge target is checked after the sources went in.
    broken = [
        msgspec.structs.replace(e, merged_into="FL-000777") if e.status == "merged" else e
        for e in events
    ]
    with pytest.raises(IngestError, match="merged into unknown event"):
        ingest_release(engine, write_release(tmp_path, "1.0.0", broken, base_sources()))
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(EventVersion)).scalar_one() == 0
        assert conn.execute(select(func.count()).select_from(SourceVersion)).scalar_one() == 0
        if engine.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert ingest_release(engine, first).loaded
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(EventVersion)).scalar_one() == 12
        if engine.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    app = create_app(Settings(database_url=url, access_log=False))
    with TestClient(app) as client:
        assert client.get("/v1/events/FL-000001").status_code == 200
    app.state.store.engine.dispose()
    engine.dispose()


def test_an_ingest_leaves_postgresql_fresh_planner_statistics(
    databases: DatabaseFactory, release_dirs: tuple[Path, Path]
) -> None:
    """PostgreSQL plans from statistics; an ingest refreshes them in its transaction, so the
    first query after it is planned on what was loaded (a full-text page was filtered over
    the whole release without them)."""
    engine = make_engine(databases.new_url())
    if engine.dialect.name != "postgresql":
        engine.dispose()
        pytest.skip("SQLite plans without statistics (its list plans are tuned for that)")
    first, second = release_dirs
    for folder, versions in ((first, 12), (second, 17)):
        ingest_release(engine, folder)
        with engine.connect() as conn:
            tuples = dict(
                conn.exec_driver_sql(
                    "SELECT relname, reltuples FROM pg_class WHERE relname IN "
                    "('event_version', 'event_payload', 'event_csv')"
                ).all()
            )
        # Every table a page reads, joined ones included (their row counts size the joins).
        assert tuples == {
            "event_version": versions,
            "event_payload": versions,
            "event_csv": versions,
        }
    engine.dispose()


def test_postgresql_answers_a_word_matching_nothing_from_the_full_text_index(
    databases: DatabaseFactory, tmp_path: Path
) -> None:
    """With statistics on every table of the page's join, a word that matches no event is
    looked up in the full-text index, not searched for along the whole date index."""
    engine = make_engine(databases.new_url())
    if engine.dialect.name != "postgresql":
        engine.dispose()
        pytest.skip("PostgreSQL's planner (SQLite reads full text from its own index)")
    events = [make_event(n, start=f"{2000 + n % 25}-01-{1 + n % 28:02d}") for n in range(1, 10001)]
    ingest_release(engine, write_release(tmp_path, "1.0.0", events, base_sources()))
    from api.db.reads import EVENT_COLUMNS, Store
    from api.query.filters import EventFilters
    from api.query.fulltext import parse_fulltext

    store = Store(engine)
    with engine.connect() as conn:
        release = store.resolve(conn, None)
        filters = EventFilters(q=parse_fulltext("zeppelin"))
        assert (
            list(store.list_events(conn, release, filters, descending=False, limit=51, after=None))
            == []
        )
        stmt = store._list_statement(release, filters, False, 51, None, EVENT_COLUMNS)
        compiled = stmt.compile(engine)
        explain = conn.exec_driver_sql("EXPLAIN " + str(compiled), compiled.params)
        plan = "\n".join(r[0] for r in explain)
    # Not a walk of the date order filtering each row by the query (cost: every event).
    assert "ix_event_version_order" not in plan, plan
    engine.dispose()


def test_a_first_load_lays_the_csv_lines_out_in_list_order(
    databases: DatabaseFactory, tmp_path: Path
) -> None:
    """Ids in the release file run in random date order; ``event_csv`` holds every version's
    line under its ``fts_key`` and, after a first load, its pages follow that key (date) order,
    so a CSV export reads the table front to back. The export equals the release's lines."""
    import random

    from sqlalchemy import text

    from api.db.tables import EventCsv, fts_key

    rnd = random.Random(7)
    days = [f"{rnd.randint(2000, 2025)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"]
    days += [f"{rnd.randint(2000, 2025)}-{rnd.randint(1, 12):02d}-15" for _ in range(1499)]
    events = [
        make_event(n, start=days[n - 1], summary=f"Event {n}, " + "padding words " * 20)
        for n in range(1, 1501)
    ]
    folder = write_release(tmp_path, "1.0.0", events, base_sources())
    url = databases.new_url()
    engine = make_engine(url)
    ingest_release(engine, folder)
    lines = list(csv.reader(io.StringIO((folder / "events.csv").read_text(encoding="utf-8"))))
    want = {
        fts_key(e.date_start, e.id, 1): _crlf_line(line)
        for e, line in zip(events, lines[1:], strict=True)
    }
    ec = EventCsv.__table__  # type: ignore[attr-defined]
    with engine.connect() as conn:
        stored = dict(conn.execute(select(ec.c.fts_key, ec.c.csv_row)).tuples().all())
        assert stored == want
        if engine.dialect.name == "sqlite":
            pages = conn.execute(
                text(
                    "SELECT pageno FROM dbstat WHERE name = 'event_csv' AND pagetype = 'leaf' "
                    "ORDER BY path"
                )
            ).scalars()
        else:  # the heap's blocks, in key order
            pages = conn.execute(
                text("SELECT (ctid::text::point)[0]::int FROM event_csv ORDER BY fts_key")
            ).scalars()
        pages = list(pages)
    assert len(set(pages)) > 20  # many pages, so the order below says something
    assert pages == sorted(pages)
    with TestClient(app=create_app(Settings(database_url=url))) as client:
        body = client.get("/v1/events", params={"format": "csv"}).text
    rows = body.split("\r\n", 1)[1]
    order = sorted(events, key=lambda e: (e.date_start, e.id))
    assert rows == "".join(want[fts_key(e.date_start, e.id, 1)] for e in order)
    engine.dispose()


def _crlf_line(cells: list[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow(cells)
    return buf.getvalue()
