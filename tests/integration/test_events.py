"""Events list and detail: every filter's semantics, pagination, as-of, formats."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from litestar.testing import TestClient

from tests.integration._releases import CSV_COLUMNS, base_events, second_events

Client = TestClient  # type: ignore[type-arg]


def ids(client: Client, query: str) -> list[str]:
    r = client.get(f"/v1/events?limit=1000&{query}")
    assert r.status_code == 200, r.text
    return [e["id"] for e in r.json()["data"]]


def active(events: list[Any]) -> list[Any]:
    return [e for e in events if e.status == "active"]


def test_default_lists_active_events_of_latest_release_sorted(client: Client) -> None:
    body = client.get("/v1/events").json()
    expected = sorted(active(second_events()), key=lambda e: (e.date_start, e.id))
    assert [e["id"] for e in body["data"]] == [e.id for e in expected]
    assert body["meta"]["release"] == "1.1.0"
    assert body["meta"]["schema_version"] == "1.0.0"
    assert body["meta"]["next_cursor"] is None


def test_sort_desc(client: Client) -> None:
    expected = sorted(active(second_events()), key=lambda e: (e.date_start, e.id), reverse=True)
    assert ids(client, "sort=-date") == [e.id for e in expected]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("event_type=leak", {"FL-000014"}),
        ("event_type=leak&event_type=side_switching", {"FL-000013", "FL-000014"}),
        ("country=SY", {"FL-000004"}),
        ("admin1=IR-23", {"FL-000001", "FL-000002"}),
        ("admin1=IR-23&admin1=IR-30", {"FL-000001", "FL-000002", "FL-000007"}),
        ("campaign=green_movement_2009", {"FL-000006"}),
        ("source=SRC-000002", {"FL-000001", "FL-000002"}),
        ("verification=corroborated", {"FL-000001"}),
        ("min_confidence=high", {"FL-000001"}),
        ("min_confidence=medium", {"FL-000001", "FL-000002"}),
        ("actor=police", {"FL-000002", "FL-000007", "FL-000009", "FL-000010"}),
        ("actor=quds_force", {"FL-000004"}),
        ("actor=irgc&country=IR&campaign=green_movement_2009", {"FL-000006"}),
        ("q=patrol", {"FL-000010"}),
        ("q=basij desert", {"FL-000001"}),
        ("date_from=2022-10-01&date_to=2022-10-31", {"FL-000001", "FL-000002", "FL-000010"}),
        ("date_from=2022-10-01&date_to=2022-10-31&date_match=within", {"FL-000002", "FL-000010"}),
        ("date_from=2024-01-01", {"FL-000013", "FL-000014"}),
        ("date_to=2009-12-31", {"FL-000006"}),
        (
            "event_type=desertion&country=IR&date_from=2022-01-01",
            {"FL-000001", "FL-000007", "FL-000010"},
        ),
    ],
)
def test_filters(client: Client, query: str, expected: set[str]) -> None:
    got = ids(client, query)
    assert set(got) == expected
    assert len(got) == len(set(got))


def test_actor_includes_sub_organisations(client: Client) -> None:
    irgc = set(ids(client, "actor=irgc"))
    assert {"FL-000001", "FL-000004", "FL-000006", "FL-000013"} <= irgc  # basij, quds, ground
    assert "FL-000008" not in irgc  # artesh is not under the IRGC


def test_as_of_older_release(client: Client) -> None:
    old = ids(client, "release=1.0.0")
    assert set(old) == {e.id for e in active(base_events())}
    r = client.get("/v1/events/FL-000001?release=1.0.0").json()
    assert r["data"]["title"] == "Basij volunteers desert during protests"
    assert client.get("/v1/events/FL-000001").json()["data"]["title"] == (
        "Basij volunteers desert in Tehran"
    )
    assert client.get("/v1/events/FL-000005?release=1.0.0").status_code == 200
    assert client.get("/v1/events/FL-000005").status_code == 410
    assert set(ids(client, "release=1.0.0&q=protests")) == {"FL-000001"}
    assert set(ids(client, "q=protests")) == set()


@pytest.mark.parametrize("query", ["", "sort=-date", "actor=irgc", "date_from=2020-01-01"])
@pytest.mark.parametrize("limit", [1, 3])
def test_pagination_covers_unpaged_set(client: Client, query: str, limit: int) -> None:
    full = ids(client, query)
    seen: list[str] = []
    url: str | None = f"/v1/events?limit={limit}&{query}"
    pages = 0
    while url:
        r = client.get(url)
        assert r.status_code == 200, r.text
        body = r.json()
        seen += [e["id"] for e in body["data"]]
        assert len(body["data"]) <= limit
        url = body["links"]["next"]
        if url:
            assert r.headers["link"] == f'<{url}>; rel="next"'
            assert body["meta"]["next_cursor"]
        pages += 1
        assert pages < 50
    assert seen == full


def test_cursor_bound_to_query_and_release(client: Client) -> None:
    cursor = client.get("/v1/events?limit=2").json()["meta"]["next_cursor"]
    assert client.get(f"/v1/events?limit=2&cursor={cursor}").status_code == 200
    for query in (
        f"event_type=leak&cursor={cursor}",
        f"release=1.0.0&cursor={cursor}",
        f"cursor={cursor[:-3]}xyz",
        "cursor=not-a-cursor",
    ):
        r = client.get(f"/v1/events?{query}")
        assert r.status_code == 400, query
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["errors"][0]["name"] == "cursor"


def test_detail_has_reports_and_sources(client: Client) -> None:
    body = client.get("/v1/events/FL-000001").json()
    assert [r["source"] for r in body["data"]["reports"]] == ["SRC-000001", "SRC-000002"]
    assert [s["id"] for s in body["sources"]] == ["SRC-000001", "SRC-000002"]
    assert body["meta"]["release"] == "1.1.0"


def test_merged_redirects_and_retracted_is_gone(client: Client) -> None:
    r = client.get("/v1/events/FL-000003", follow_redirects=False)
    assert r.status_code == 308
    assert r.headers["location"] == "/v1/events/FL-000004"
    r = client.get("/v1/events/FL-000011?release=1.0.0", follow_redirects=False)
    assert r.status_code == 308
    assert r.headers["location"] == "/v1/events/FL-000002?release=1.0.0"
    assert client.get("/v1/events/FL-000003").json()["data"]["id"] == "FL-000004"
    r = client.get("/v1/events/FL-000012")
    assert r.status_code == 410
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["id"] == "FL-000012"
    assert body["reason"] == "Source withdrew the story."
    assert body["release"] == "1.1.0"
    assert client.get("/v1/events/FL-999999").status_code == 404


def test_csv_parses_back_with_release_columns(client: Client) -> None:
    r = client.get("/v1/events?format=csv")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0].keys()) == CSV_COLUMNS
    assert [row["id"] for row in rows] == ids(client, "")
    accept = client.get("/v1/events?limit=2", headers={"Accept": "text/csv"})
    assert accept.headers["content-type"].startswith("text/csv")
    assert len(list(csv.reader(io.StringIO(accept.text)))) == 3


def test_ndjson_parses_back(client: Client) -> None:
    r = client.get("/v1/events?actor=irgc", headers={"Accept": "application/x-ndjson"})
    assert r.headers["content-type"].startswith("application/x-ndjson")
    records = [json.loads(line) for line in r.text.splitlines()]
    assert [e["id"] for e in records] == ids(client, "actor=irgc")


def test_geojson_has_every_matching_event(client: Client) -> None:
    r = client.get("/v1/events?format=geojson")
    assert r.headers["content-type"].startswith("application/geo+json")
    body = r.json()
    assert body["type"] == "FeatureCollection"
    assert [f["id"] for f in body["features"]] == ids(client, "")
    located = {f["id"] for f in body["features"] if f["geometry"] is not None}
    assert located == {"FL-000001", "FL-000002", "FL-000004"}
    f1 = next(f for f in body["features"] if f["id"] == "FL-000001")
    assert f1["geometry"] == {"type": "Point", "coordinates": [51.4, 35.7]}
    assert f1["properties"]["event_type"] == "desertion"
    for f in body["features"]:
        if f["geometry"] is None:
            assert f["properties"]["location"]["latitude"] is None
        assert f["properties"]["location"]["geo_precision"]
        assert "place_name" in f["properties"]["location"]


def test_geojson_follows_filters(client: Client) -> None:
    body = client.get("/v1/events?format=geojson&actor=police").json()
    assert [f["id"] for f in body["features"]] == ids(client, "actor=police")


@pytest.mark.parametrize(
    "query", ["", "actor=irgc", "q=desert", "date_from=2022-10-01&date_to=2022-10-31", "country=SY"]
)
def test_total_counts_every_page(client: Client, query: str) -> None:
    everything = ids(client, query)
    first = client.get(f"/v1/events?limit=2&{query}").json()
    assert first["meta"]["total"] == len(everything)
    assert first["meta"]["count"] == min(2, len(everything))
    if first["meta"]["next_cursor"]:
        cursor = first["meta"]["next_cursor"]
        nxt = client.get(f"/v1/events?limit=2&{query}&cursor={cursor}").json()
        assert nxt["meta"]["total"] == len(everything)


def test_total_is_a_lower_bound_beyond_the_cap(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    import api.db.reads

    query = "actor=police&min_confidence=low&verification=single_source&verification=corroborated"
    matches = len(ids(client, query))
    assert matches > 2
    monkeypatch.setattr(api.db.reads, "TOTAL_CAP", 2)
    meta = client.get(f"/v1/events?limit=1&{query}").json()["meta"]
    assert (meta["total"], meta["total_exact"]) == (2, False)
    monkeypatch.setattr(api.db.reads, "TOTAL_CAP", matches)
    meta = client.get(f"/v1/events?limit=1&{query}").json()["meta"]
    assert (meta["total"], meta["total_exact"]) == (matches, True)


def test_total_without_filters_is_the_release_count(client: Client) -> None:
    for release in ("1.0.0", "1.1.0"):
        active = client.get(f"/v1/releases/{release}").json()["data"]["counts"]["active"]
        meta = client.get(f"/v1/events?limit=1&release={release}").json()["meta"]
        assert (meta["total"], meta["total_exact"]) == (active, True)
        assert len(ids(client, f"release={release}")) == active


def test_total_of_sources(client: Client) -> None:
    everything = client.get("/v1/sources?limit=1000").json()["data"]
    page = client.get("/v1/sources?limit=1").json()
    assert page["meta"]["total"] == len(everything)
    assert page["meta"]["limit"] == 1


def test_etag_and_304(client: Client) -> None:
    r = client.get("/v1/events?event_type=desertion")
    etag = r.headers["etag"]
    assert etag.startswith('"')
    again = client.get("/v1/events?event_type=desertion", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    other = client.get("/v1/events?event_type=desertion&release=1.0.0")
    assert other.headers["etag"] != etag
    assert "max-age" in r.headers["cache-control"]
    detail = client.get("/v1/events/FL-000001")
    assert (
        client.get(
            "/v1/events/FL-000001", headers={"If-None-Match": detail.headers["etag"]}
        ).status_code
        == 304
    )


@pytest.mark.parametrize(
    "query",
    [
        "date_from=2023-01-01&date_to=2022-01-01",
        "date_from=2023&date_to=2022-12",
        "q=%20%21%21",
        "q=the%20of",
    ],
)
def test_empty_windows_and_wordless_queries_match_nothing(client: Client, query: str) -> None:
    r = client.get(f"/v1/events?{query}")
    assert r.status_code == 200, r.text
    assert r.json()["data"] == []
    assert r.json()["meta"]["total"] == 0


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("limit=0", "limit"),
        ("limit=1001", "limit"),
        ("limit=abc", "limit"),
        ("event_type=bogus", "event_type"),
        ("date_from=2022-13-01", "date_from"),
        ("country=iran", "country"),
        ("actor=nonexistent_org", "actor"),
        ("sort=title", "sort"),
        ("format=xml", "format"),
        ("min_confidence=absolute", "min_confidence"),
        ("date_to=2022-02-30", "date_to"),
        ("date_from=22", "date_from"),
        ("campaign=mahsa", "campaign"),
        ("admin1=IR-99", "admin1"),
        ("release=9.9.9", None),
        ("date_match=sometimes", "date_match"),
    ],
)
def test_bad_input_is_a_problem_naming_the_parameter(
    client: Client, query: str, param: str | None
) -> None:
    r = client.get(f"/v1/events?{query}")
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    if param is None:
        assert r.status_code == 404
    else:
        assert r.status_code == 400, r.text
        assert param in [e["name"] for e in body["errors"]]
        assert param in body["detail"]
    assert body["status"] == r.status_code
