"""Errors that help and inputs treated alike: closest values, releases listed, date forms,
aliases and letter case, `latest`, citations, and one strong ETag per encoding."""

from __future__ import annotations

import pytest
from litestar.testing import TestClient

Client = TestClient  # type: ignore[type-arg]


def ids(client: Client, query: str) -> list[str]:
    r = client.get(f"/v1/events?limit=1000&{query}")
    assert r.status_code == 200, r.text
    return [e["id"] for e in r.json()["data"]]


def problem(client: Client, url: str, status: int = 400) -> dict[str, object]:
    r = client.get(url)
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body: dict[str, object] = r.json()
    assert "\\\\" not in r.text  # no doubled escapes in any message
    return body


@pytest.mark.parametrize(
    ("url", "param", "guess"),
    [
        ("/v1/events?event_type=desertions", "event_type", "desertion"),
        ("/v1/stats/events?group_by=year&event_type=leaks", "event_type", "leak"),
        ("/v1/events?actor=irgcc", "actor", "irgc"),
        ("/v1/stats/events?group_by=year&campaign=mahsa_amini", "campaign", None),
        ("/v1/events?campaign=woman_life_freedom", "campaign", "woman_life_freedom_2022"),
        ("/v1/events?min_confidence=hgh", "min_confidence", "high"),
        ("/v1/stats/events?group_by=yaer", "group_by", "year"),
        ("/v1/events?verification=corroborate", "verification", "corroborated"),
        ("/v1/releases/latest/files/manifest.jsn", "name", "manifest.json"),
        ("/v1/events?country=XX", "country", None),
    ],
)
def test_unknown_values_name_the_closest(
    client: Client, url: str, param: str, guess: str | None
) -> None:
    body = problem(client, url)
    invalid = body["invalid_params"]
    assert isinstance(invalid, list)
    assert invalid == body["errors"]
    assert invalid[0]["name"] == param
    reason = invalid[0]["reason"]
    assert "unknown value" in reason
    if guess:
        assert f"did you mean '{guess}'?" in reason
    assert f"'{param}'" in str(body["detail"])


def test_unknown_vocabulary_ids_point_to_their_listing(client: Client) -> None:
    body = problem(client, "/v1/events?campaign=mahsa")
    assert "/v1/campaigns" in str(body["detail"])
    body = problem(client, "/v1/events?actor=nobody_at_all")
    assert "irgc" in str(body["detail"])  # the valid ids are listed


def test_unknown_release_lists_the_releases(client: Client) -> None:
    body = problem(client, "/v1/events?release=9.9.9", 404)
    assert "1.1.0, 1.0.0" in str(body["detail"])
    assert "1.0.0" in str(problem(client, "/v1/releases/2.0.0", 404)["detail"])


@pytest.mark.parametrize("value", ["2022-13-01", "22", "2022-02-30", "2022-1-5", "0000"])
def test_bad_dates_say_which_forms_work(client: Client, value: str) -> None:
    body = problem(client, f"/v1/events?date_from={value}")
    assert "use YYYY-MM-DD (or YYYY-MM, or YYYY)" in str(body["detail"])


def test_years_and_months_are_windows(client: Client) -> None:
    assert ids(client, "date_to=2009") == ids(client, "date_to=2009-12-31")
    assert ids(client, "date_from=2022&date_to=2022") == ids(
        client, "date_from=2022-01-01&date_to=2022-12-31"
    )
    assert ids(client, "date_from=2022-10&date_to=2022-10") == ids(
        client, "date_from=2022-10-01&date_to=2022-10-31"
    )
    assert ids(client, "date_from=2022-10&date_to=2022-10")
    assert ids(client, "date_to=2024-02") == ids(client, "date_to=2024-02-29")


def test_aliases_and_letter_case(client: Client) -> None:
    irgc = ids(client, "actor=irgc")
    assert irgc
    assert ids(client, "actor=IRGC") == irgc
    assert ids(client, "actor=Sepah") == irgc
    assert ids(client, "actor=revolutionary%20guards") == irgc
    assert ids(client, "country=ir") == ids(client, "country=IR")
    assert ids(client, "admin1=ir-23") == ids(client, "admin1=IR-23")
    assert ids(client, "admin1=IR-23")
    stats = client.get("/v1/stats/events?group_by=year&actor=IRGC").json()["data"]
    assert sum(r["count"] for r in stats) == len(irgc)


def test_latest_names_the_default_release(client: Client) -> None:
    assert client.get("/v1/events?release=latest").json()["meta"]["release"] == "1.1.0"
    detail = client.get("/v1/releases/latest")
    assert detail.status_code == 200
    assert detail.json() == client.get("/v1/releases/1.1.0").json()
    assert "immutable" not in detail.headers["cache-control"]
    latest = client.get("/v1/releases/latest/files/manifest.json")
    pinned = client.get("/v1/releases/1.1.0/files/manifest.json")
    assert latest.content == pinned.content
    assert "immutable" not in latest.headers["cache-control"]
    assert "immutable" in pinned.headers["cache-control"]
    assert client.get("/v1/releases/latest/changes").json()["version"] == "1.1.0"


def test_release_citation(client: Client) -> None:
    citation = client.get("/v1/releases/1.0.0").json()["citation"]
    assert "(Version 1.0.0)" in citation["text"]
    assert citation["text"].endswith("/v1/releases/1.0.0")
    assert citation["bibtex"].startswith("@misc{faultlines_1_0_0,")
    assert "version = {1.0.0}" in citation["bibtex"]


def test_gzip_and_identity_have_different_strong_etags(client: Client) -> None:
    url = "/v1/events?limit=20"
    gz = client.get(url, headers={"Accept-Encoding": "gzip"})
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert gz.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    assert gz.headers["etag"] != plain.headers["etag"]
    for tag in (gz.headers["etag"], plain.headers["etag"]):
        assert tag.startswith('"')  # strong
    for enc, tag in (("gzip", gz.headers["etag"]), ("identity", plain.headers["etag"])):
        again = client.get(url, headers={"Accept-Encoding": enc, "If-None-Match": tag})
        assert again.status_code == 304
        assert again.headers["etag"] == tag
    assert gz.headers["vary"].lower().split(", ").count("accept-encoding") == 1
