"""Releases, files (Range/ETag), changes, stats, sources, vocabularies, health, errors."""

from __future__ import annotations

import hashlib
from pathlib import Path

from litestar.testing import TestClient

Client = TestClient  # type: ignore[type-arg]


def test_releases_list_and_detail(client: Client) -> None:
    data = client.get("/v1/releases").json()["data"]
    assert [(r["version"], r["latest"]) for r in data] == [("1.1.0", True), ("1.0.0", False)]
    detail = client.get("/v1/releases/1.0.0").json()
    assert detail["data"]["counts"]["events"] == 12
    assert detail["files"]["events.csv"] == "/v1/releases/1.0.0/files/events.csv"
    assert client.get("/v1/releases/3.0.0").status_code == 404


def test_file_download_etag_range(client: Client, release_dirs: tuple[Path, Path]) -> None:
    content = (release_dirs[0] / "events.jsonl").read_bytes()
    url = "/v1/releases/1.0.0/files/events.jsonl"
    r = client.get(url)
    assert r.status_code == 200
    assert r.content == content
    assert r.headers["content-length"] == str(len(content))
    assert r.headers["etag"] == f'"{hashlib.sha256(content).hexdigest()}"'
    assert client.get(url, headers={"If-None-Match": r.headers["etag"]}).status_code == 304
    part = client.get(url, headers={"Range": "bytes=10-29"})
    assert part.status_code == 206
    assert part.content == content[10:30]
    assert part.headers["content-range"] == f"bytes 10-29/{len(content)}"
    tail = client.get(url, headers={"Range": "bytes=-5"})
    assert tail.content == content[-5:]
    bad = client.get(url, headers={"Range": f"bytes={len(content) + 10}-"})
    assert bad.status_code == 416
    assert bad.headers["content-type"] == "application/problem+json"
    assert client.get("/v1/releases/1.0.0/files/nope.txt").status_code == 400  # not a file name
    assert client.get("/v1/releases/1.0.0/files/events.parquet").status_code == 404  # not in 1.0.0


def test_changes(client: Client) -> None:
    body = client.get("/v1/releases/1.1.0/changes").json()
    assert body["since"] == "1.0.0"
    assert body["added"] == ["FL-000013", "FL-000014"]
    assert body["changed"] == ["FL-000001"]
    assert body["merged"] == [
        {"id": "FL-000003", "into": "FL-000004", "reason": "Same memo as FL-000004."}
    ]
    assert body["retracted"] == [{"id": "FL-000005", "reason": "Letter shown to be forged."}]
    first = client.get("/v1/releases/1.0.0/changes").json()
    assert first["since"] is None
    assert len(first["added"]) == 10
    assert {m["id"] for m in first["merged"]} == {"FL-000011"}
    swapped = client.get("/v1/releases/1.0.0/changes?since=1.1.0").json()
    assert swapped == client.get("/v1/releases/1.1.0/changes?since=1.0.0").json()
    same = client.get("/v1/releases/1.1.0/changes?since=1.1.0").json()
    assert (same["version"], same["since"]) == ("1.1.0", "1.1.0")
    assert same["added"] == same["changed"] == same["merged"] == same["retracted"] == []


def test_stats(client: Client) -> None:
    body = client.get("/v1/stats/events?group_by=event_type").json()
    by_type = {r["group"]["event_type"]: r for r in body["data"]}
    assert by_type["desertion"]["count"] == 4
    assert by_type["desertion"]["participants_best"] == 45
    two = client.get("/v1/stats/events?group_by=year&group_by=actor&actor=irgc").json()["data"]
    assert {
        "group": {"year": "2009", "actor": "basij"},
        "count": 1,
        "participants_best": 3,
        "participants_known": 1,
        "cases_best": None,
        "cases_known": 0,
        "killed_best": None,
        "killed_known": 0,
        "arrested_best": None,
        "arrested_known": 0,
    } in two
    assert client.get("/v1/stats/events?group_by=decade").status_code == 400
    three = "group_by=year&group_by=actor&group_by=admin1"
    assert client.get(f"/v1/stats/events?{three}").status_code == 400


def test_stats_sum_only_known_estimates(client: Client) -> None:
    events = client.get("/v1/events?limit=1000").json()["data"]
    rows = client.get("/v1/stats/events?group_by=event_type").json()["data"]
    for row in rows:
        members = [e for e in events if e["event_type"] == row["group"]["event_type"]]
        assert row["count"] == len(members)
        for field in ("participants", "cases", "killed", "arrested"):
            bests = [
                (e["magnitudes"][field] or {}).get("best")
                for e in members
                if (e["magnitudes"][field] or {}).get("best") is not None
            ]
            assert row[f"{field}_known"] == len(bests)
            assert row[f"{field}_best"] == (sum(bests) if bests else None)


def test_stats_time_buckets_without_events_are_zero(client: Client) -> None:
    month = client.get("/v1/stats/events?group_by=month&campaign=woman_life_freedom_2022")
    assert {r["group"]["month"]: r["count"] for r in month.json()["data"]} == {
        "2022-09": 1,
        "2022-10": 2,
        "2022-11": 0,
        "2022-12": 1,
    }
    empty = next(r for r in month.json()["data"] if r["count"] == 0)
    assert empty["participants_best"] is None and empty["participants_known"] == 0
    years = client.get("/v1/stats/events?group_by=year&date_from=2009&date_to=2013").json()
    got = {r["group"]["year"]: r["count"] for r in years["data"]}
    assert list(got) == ["2009", "2010", "2011", "2012", "2013"]
    listed = client.get("/v1/events?limit=1000&date_from=2009&date_to=2013").json()["data"]
    assert sum(got.values()) == len(listed)
    by_type = client.get(
        "/v1/stats/events?group_by=event_type&group_by=year&date_from=2009&date_to=2010"
    ).json()["data"]
    for event_type in {r["group"]["event_type"] for r in by_type}:
        series = [r["group"]["year"] for r in by_type if r["group"]["event_type"] == event_type]
        assert series == ["2009", "2010"]
    # No event at all: a year window holds zero rows, a two-dimension grouping no series.
    none = "country=SY&date_from=2009&date_to=2010"
    assert client.get(f"/v1/events?{none}").json()["data"] == []
    years = client.get(f"/v1/stats/events?group_by=year&{none}").json()["data"]
    assert [(r["group"]["year"], r["count"]) for r in years] == [("2009", 0), ("2010", 0)]
    pairs = client.get(f"/v1/stats/events?group_by=year&group_by=actor&{none}")
    assert pairs.status_code == 200
    assert pairs.json()["data"] == []


def test_sources(client: Client) -> None:
    body = client.get("/v1/sources?limit=4").json()
    assert [s["id"] for s in body["data"]] == [f"SRC-00000{i}" for i in range(1, 5)]
    seen = [s["id"] for s in body["data"]]
    while body["links"]["next"]:
        body = client.get(body["links"]["next"]).json()
        seen += [s["id"] for s in body["data"]]
    assert seen == [f"SRC-00000{i}" for i in range(1, 10)]
    assert [s["id"] for s in client.get("/v1/sources?language=fa").json()["data"]] == ["SRC-000007"]
    assert len(client.get("/v1/sources?release=1.0.0").json()["data"]) == 8
    one = client.get("/v1/sources/SRC-000002").json()
    assert one["events"] == ["FL-000001", "FL-000002"]
    assert client.get("/v1/sources/SRC-000009?release=1.0.0").status_code == 404


def test_vocabularies_and_schema(client: Client) -> None:
    roots = client.get("/v1/actors").json()["data"]
    state = next(r for r in roots if r["id"] == "iran_state")
    irgc = next(c for c in state["children"] if c["id"] == "irgc")
    assert {"basij", "quds_force"} <= {c["id"] for c in irgc["children"]}
    types = {t["id"] for t in client.get("/v1/event-types").json()["data"]}
    assert "desertion" in types
    assert any(c["id"] == "syria_deployment" for c in client.get("/v1/campaigns").json()["data"])
    assert client.get("/v1/coverage").json()["data"][0]["id"] == "COV-0001"
    assert "properties" in str(client.get("/v1/schema").json())


def test_health_ready_docs(client: Client) -> None:
    assert client.get("/health").json() == {"status": "ok"}
    assert client.get("/ready").json() == {"status": "ready", "release": "1.1.0"}
    assert client.get("/schema/openapi.json").json()["info"]["title"] == "Fault Lines API"


def test_one_error_shape_and_headers(client: Client) -> None:
    for method, url, status in [
        ("GET", "/nope", 404),
        ("POST", "/v1/events", 405),
        ("DELETE", "/v1/releases", 405),
    ]:
        r = client.request(method, url)
        assert r.status_code == status
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["status"] == status
        if status == 405:
            assert "GET" in r.headers["allow"]
    r = client.get(
        "/v1/events", headers={"Origin": "https://example.org", "Accept-Encoding": "gzip"}
    )
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["access-control-allow-origin"] == "*"
    assert r.headers["content-encoding"] == "gzip"
    assert "server" not in r.headers


def test_database_unreachable_is_503_quickly() -> None:
    import time

    from api.app import create_app
    from api.config import Settings

    url = "postgresql+psycopg://postgres@127.0.0.1:1/none"
    app = create_app(Settings(database_url=url, db_connect_timeout=1))
    with TestClient(app) as c:
        start = time.monotonic()
        for path in ("/ready", "/v1/events", "/v1/releases"):
            r = c.get(path)
            assert r.status_code == 503, path
            assert r.headers["content-type"] == "application/problem+json"
        assert time.monotonic() - start < 10
        assert c.get("/health").status_code == 200
