"""Totals of type + date-window queries, counted from per-type cumulative counts by day
(``Store._window_count``), equal what the general path counts and what the list returns, in
every release, on both backends; the cap applies to them as to any total."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from litestar.testing import TestClient

import api.db.reads
from api.app import create_app
from api.config import Settings
from api.db.ingest import ingest_release
from tests.integration._releases import base_sources, make_event, write_release
from tests.integration.conftest import DatabaseFactory, make_engine

TYPES = ("desertion", "refusal_of_orders", "leak", "mutiny_or_armed_rebellion")


def _events(rnd: random.Random, n: int, retract: set[int]) -> list:  # type: ignore[type-arg]
    out = []
    for i in range(1, n + 1):
        start = dt.date(2018, 1, 1) + dt.timedelta(days=rnd.randint(0, 6 * 365))
        span = rnd.choice([0, 0, 0, 3, 30, 400])
        out.append(
            make_event(
                i,
                event_type=rnd.choice(TYPES),
                start=start.isoformat(),
                end=(start + dt.timedelta(days=span)).isoformat() if span else None,
                status="retracted" if i in retract else "active",
                status_reason="Fixture retraction." if i in retract else None,
            )
        )
    return out


@pytest.fixture(scope="module")
def client(databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    rnd = random.Random(11)
    tmp = tmp_path_factory.mktemp("window-counts")
    first = _events(rnd, 300, set())
    # The next release moves dates and types of some events, retracts a few, adds more.
    second = [
        first[i] if i < 200 and i not in {4, 5, 6} and rnd.random() < 0.7 else e
        for i, e in enumerate(_events(random.Random(12), 340, {5, 6, 7}))
    ]
    url = databases.new_url()
    engine = make_engine(url)
    ingest_release(engine, write_release(tmp, "1.0.0", first, base_sources()))
    ingest_release(
        engine,
        write_release(
            tmp, "1.1.0", second, base_sources(), previous="1.0.0", previous_events=first
        ),
    )
    engine.dispose()
    with TestClient(app=create_app(Settings(database_url=url))) as c:
        yield c


def _queries(rnd: random.Random) -> list[str]:
    out = []
    for _ in range(40):
        parts = [f"event_type={t}" for t in rnd.sample(TYPES, rnd.randint(0, 3))]
        a = dt.date(2017, 6, 1) + dt.timedelta(days=rnd.randint(0, 7 * 365))
        b = a + dt.timedelta(days=rnd.randint(0, 3 * 365))
        kind = rnd.random()
        if kind < 0.7:
            parts += [f"date_from={a}", f"date_to={b}"]
        elif kind < 0.85:
            parts += [f"date_from={a}"]
        else:
            parts += [f"date_to={b}"]
        out.append("&".join(parts))
    return [*out, "event_type=leak&event_type=leak&date_from=2019-01-01", "date_from=2020-02-29"]


def test_window_totals_equal_the_list_and_the_general_count(client: TestClient) -> None:  # type: ignore[type-arg]
    for release in ("1.0.0", "1.1.0"):
        for query in _queries(random.Random(release)):
            page = client.get(f"/v1/events?limit=1000&release={release}&{query}").json()
            listed = len(page["data"])
            # min_confidence=low keeps every event: the same question, on the general path.
            general = client.get(f"/v1/events?limit=1&release={release}&min_confidence=low&{query}")
            assert page["meta"]["total"] == listed, (release, query)
            assert general.json()["meta"]["total"] == listed, (release, query)
            assert page["meta"]["total_exact"] is True


def test_window_totals_are_capped(
    client: TestClient,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[type-arg]
) -> None:
    query = "event_type=desertion&event_type=leak&date_from=2018-01-01&date_to=2022-12-31"
    matches = len(client.get(f"/v1/events?limit=1000&{query}").json()["data"])
    assert matches > 5
    monkeypatch.setattr(api.db.reads, "TOTAL_CAP", 5)
    meta = client.get(f"/v1/events?limit=1&{query}").json()["meta"]
    assert (meta["total"], meta["total_exact"]) == (5, False)
    monkeypatch.setattr(api.db.reads, "TOTAL_CAP", matches)
    meta = client.get(f"/v1/events?limit=1&{query}").json()["meta"]
    assert (meta["total"], meta["total_exact"]) == (matches, True)


def test_a_window_ending_before_it_starts_counts_nothing(client: TestClient) -> None:  # type: ignore[type-arg]
    meta = client.get("/v1/events?date_from=2021-01-02&date_to=2021-01-01").json()["meta"]
    assert (meta["total"], meta["total_exact"]) == (0, True)


def test_within_windows_take_the_general_path(client: TestClient) -> None:  # type: ignore[type-arg]
    query = "event_type=desertion&date_from=2019-01-01&date_to=2020-12-31&date_match=within"
    page = client.get(f"/v1/events?limit=1000&{query}").json()
    assert page["meta"]["total"] == len(page["data"]) > 0
