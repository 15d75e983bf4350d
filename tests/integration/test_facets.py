"""``/v1/stats/facets``: several dimensions counted at once, equal to ``/v1/stats/events``.

Run on both backends (the ``client`` fixture). The facets read organisations from the
denormalised ``actor_orgs`` column and pair dimensions in one grouping; the stats endpoint
joins ``event_actor`` and groups one dimension alone, so agreement checks both layouts.
"""

from __future__ import annotations

import pytest
from litestar.testing import TestClient

Client = TestClient  # type: ignore[type-arg]

DIMENSIONS = ("year", "month", "event_type", "actor", "admin1", "campaign")
FILTERS = [
    "",
    "event_type=desertion",
    "actor=irgc",
    "country=IR&date_from=2009-01-01&date_to=2023-12-31",
    "q=guards",
    "release=1.0.0",
    "verification=single_source&min_confidence=medium",
]


def _stats(client: Client, dim: str, filters: str) -> list[tuple[str | None, int]]:
    body = client.get(f"/v1/stats/events?group_by={dim}&{filters}").json()
    return [(r["group"][dim], r["count"]) for r in body["data"]]


@pytest.mark.parametrize("filters", FILTERS)
def test_every_facet_equals_the_stats_grouped_by_it(client: Client, filters: str) -> None:
    query = "&".join(f"facet={d}" for d in DIMENSIONS)
    r = client.get(f"/v1/stats/facets?{query}&{filters}")
    assert r.status_code == 200, r.text
    body = r.json()
    assert [f["facet"] for f in body["data"]] == list(DIMENSIONS)
    for facet in body["data"]:
        dim = facet["facet"]
        got = [(v["value"], v["count"]) for v in facet["values"]]
        expected = _stats(client, dim, filters)
        if dim in ("year", "month"):
            # time facets: every bucket of the window, in time order, as the stats give them
            assert got == expected, dim
        else:
            # largest count first, ties by value (null first); no empty values
            assert got == sorted(expected, key=lambda kv: (-kv[1], kv[0] is not None, kv[0] or ""))
            assert all(n > 0 for _, n in got)


def test_event_type_facet_sums_to_the_list_total(client: Client) -> None:
    facets = client.get("/v1/stats/facets?facet=event_type&country=IR").json()
    total = client.get("/v1/events?country=IR&limit=1").json()["meta"]["total"]
    assert sum(v["count"] for v in facets["data"][0]["values"]) == total
    assert facets["meta"]["release"] == "1.1.0"


def test_facets_are_conditional_and_cached_per_query(client: Client) -> None:
    url = "/v1/stats/facets?facet=actor&facet=campaign&event_type=desertion"
    first = client.get(url)
    etag = first.headers["etag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    # the same query with its parameters in another order is the same answer
    swapped = client.get("/v1/stats/facets?event_type=desertion&facet=actor&facet=campaign")
    assert swapped.headers["etag"] == etag
    assert swapped.content == first.content


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("", "facet"),
        ("facet=place", "facet"),
        ("facet=actor&facet=actor", "facet"),
        ("facet=year&date_from=2020-13-01", "date_from"),
        ("facet=year&event_type=nonsense", "event_type"),
    ],
)
def test_bad_facet_queries_say_what_is_valid(client: Client, query: str, param: str) -> None:
    r = client.get(f"/v1/stats/facets?{query}")
    assert r.status_code == 400, r.text
    assert r.headers["content-type"] == "application/problem+json"
    problem = r.json()
    assert param in problem["detail"] or any(
        p.get("name") == param for p in problem.get("invalid_params", [])
    ), problem
