"""Explorer pages over both backends: what a page shows is what the API answers.

The browser tests (tests/browser) check the charts, the map and accessibility; these check
the server-rendered HTML, which must work with no JavaScript at all.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

import pytest
from litestar.testing import TestClient

Client = TestClient  # type: ignore[type-arg]

_ROW_ID = re.compile(r'<td class="nowrap"><a href="/events/(FL-\d{6})')
_FACET = re.compile(
    r'data-facet="(\w+)" data-value="([^"]+)">(?:✓ )?[^<]*</a> <span class="count">(\d+)</span>'
)


def page(client: Client, url: str, status: int = 200) -> str:
    r = client.get(url, follow_redirects=False)
    assert r.status_code == status, r.text[:2000]
    if status != 308:
        assert r.headers["content-type"].startswith("text/html")
    return r.text


def api_ids(client: Client, params: list[tuple[str, str]]) -> list[str]:
    r = client.get("/v1/events", params=[*params, ("limit", "1000")])
    assert r.status_code == 200, r.text
    return [e["id"] for e in r.json()["data"]]


QUERIES = [
    [],
    [("event_type", "desertion")],
    [("event_type", "desertion"), ("event_type", "leak"), ("date_from", "2009-01-01")],
    [("actor", "irgc"), ("date_to", "2023-12-31"), ("date_match", "within")],
    [("q", "Basij")],
    [("min_confidence", "medium"), ("sort", "-date")],
    [("release", "1.0.0")],
]


@pytest.mark.parametrize("params", QUERIES, ids=lambda p: urlencode(p) or "all")
def test_events_page_lists_what_the_api_returns(client: Client, params: list[Any]) -> None:
    html = page(client, "/events?" + urlencode([*params, ("limit", "1000")]))
    assert _ROW_ID.findall(html) == api_ids(client, params)


@pytest.mark.parametrize("params", QUERIES, ids=lambda p: urlencode(p) or "all")
def test_facet_counts_and_total_equal_the_api_stats(client: Client, params: list[Any]) -> None:
    html = page(client, "/events?" + urlencode(params))
    shown: dict[str, dict[str, int]] = {}
    for facet, value, count in _FACET.findall(html):
        shown.setdefault(facet, {})[value] = int(count)
    filters = [(k, v) for k, v in params if k != "sort"]
    for facet in ("event_type", "actor", "campaign", "admin1"):
        stats = client.get("/v1/stats/events", params=[("group_by", facet), *filters]).json()
        expected = {r["group"][facet]: r["count"] for r in stats["data"] if r["group"][facet]}
        assert shown.get(facet, {}) == expected, facet
    total = len(api_ids(client, filters))
    assert f'data-total="{total}"' in html


def test_facet_links_toggle_a_value(client: Client) -> None:
    html = page(client, "/events?event_type=desertion")
    assert 'href="/events?"' in html or 'href="/events"' in html or "aria-current" in html
    on = re.search(
        r'<a href="/events\?([^"]*)" aria-current="true"[^>]*data-facet="event_type"', html
    )
    assert on is not None and "event_type=desertion" not in on.group(1)


def test_keyset_paging_walks_every_match_once(client: Client) -> None:
    seen: list[str] = []
    url = "/events?limit=3"
    for _ in range(20):
        html = page(client, url)
        seen += _ROW_ID.findall(html)
        nxt = re.search(r'<a rel="next" href="([^"]+)"', html)
        if nxt is None:
            break
        url = nxt.group(1).replace("&amp;", "&")
    assert seen == api_ids(client, [])


def test_same_query_links_are_the_api_urls(client: Client) -> None:
    html = page(client, "/events?event_type=leak&q=memo")
    assert 'href="/v1/events?event_type=leak&amp;q=memo&amp;format=csv"' in html
    assert "client.events.to_pandas(event_type=&#39;leak&#39;, q=&#39;memo&#39;)" in html


def test_bad_filter_shows_the_api_message_with_its_status(client: Client) -> None:
    html = page(client, "/events?event_type=desertions", status=400)
    api = client.get("/v1/events?event_type=desertions").json()
    assert 'class="error-summary"' in html
    assert api["detail"].replace("'", "&#39;").replace('"', "&#34;") in html


def test_event_page_shows_the_claim_trail(client: Client) -> None:
    event = client.get("/v1/events/FL-000001").json()
    html = page(client, "/events/FL-000001")
    assert event["data"]["title"] in html
    for report in event["data"]["reports"]:
        assert f'href="/sources/{report["source"]}"' in html
    for source in event["sources"]:
        if source["url"]:
            assert f'href="{source["url"]}"' in html
    assert "Changed in" in html and "Added in" in html  # FL-000001 changed in 1.1.0


def test_merged_event_redirects_to_the_survivor(client: Client) -> None:
    r = client.get("/events/FL-000003", follow_redirects=False)
    assert r.status_code == 308
    assert r.headers["location"] == "/events/FL-000004"
    r = client.get("/events/FL-000002?release=1.1.0", follow_redirects=False)
    assert r.status_code in (200, 308)


def test_retracted_event_is_a_410_tombstone(client: Client) -> None:
    html = page(client, "/events/FL-000005", status=410)
    assert "was retracted" in html
    assert "?release=1.0.0" in html  # the earlier release still holds it


def test_unknown_event_and_release_are_404_pages(client: Client) -> None:
    page(client, "/events/FL-999999", status=404)
    html = page(client, "/events?release=9.9.9", status=404)
    assert "1.0.0" in html and "1.1.0" in html


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/sources",
        "/sources/SRC-000001",
        "/codebook",
        "/coverage",
        "/releases",
        "/releases/1.1.0",
        "/releases/1.0.0",
        "/?release=1.0.0",
        "/codebook?release=1.0.0",
    ],
)
def test_every_page_renders(client: Client, url: str) -> None:
    html = page(client, url)
    assert "<h1" in html and "</html>" in html


def test_release_page_lists_files_with_checksums_and_changes(client: Client) -> None:
    detail = client.get("/v1/releases/1.1.0").json()
    html = page(client, "/releases/1.1.0")
    for name, meta in detail["data"]["files"].items():
        assert name in html and meta["sha256"] in html
    assert "FL-000013" in html and "Same memo as FL-000004." in html


def test_source_page_lists_the_events_citing_it(client: Client) -> None:
    body = client.get("/v1/sources/SRC-000001").json()
    html = page(client, "/sources/SRC-000001")
    assert set(_ROW_ID.findall(html)) == set(body["events"])
