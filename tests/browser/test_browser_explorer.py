"""The explorer in a real browser: same results as the API, charts and map from the API,
the claim trail, redirects and tombstones, no request leaving the origin, no console error,
and no serious or critical accessibility violation on any page type.

Every test runs on the guarded ``page`` fixture: a request to another host, a console error
or an uncaught page error fails the test.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx
import pytest

from tests.browser._support import PageGuard, axe_check

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from tests.e2e._server import LiveAPI


def api(live_site: LiveAPI, path: str, params: list[tuple[str, str]]) -> Any:
    r = httpx.get(live_site.base_url + path, params=params, timeout=10)
    assert r.status_code == 200, r.text
    return r.json()


def shown_ids(page: Page) -> list[str]:
    return [
        t.strip() for t in page.locator("table.events tbody tr td:first-child").all_inner_texts()
    ]


def test_filtering_by_type_and_dates_shows_what_the_api_returns(
    page: Page, live_site: LiveAPI
) -> None:
    page.goto("/events")
    page.get_by_label("Desertion", exact=True).check()
    page.get_by_label("Leak", exact=True).check()
    page.get_by_label("From", exact=True).fill("2022-01-01")
    page.get_by_label("To", exact=True).fill("2023-12-31")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/events?*")
    params = [
        ("event_type", "desertion"),
        ("event_type", "leak"),
        ("date_from", "2022-01-01"),
        ("date_to", "2023-12-31"),
    ]
    expected = [e["id"] for e in api(live_site, "/v1/events", params)["data"]]
    assert expected, "the fixture should have matches for this query"
    assert shown_ids(page) == expected
    total = page.locator("#total strong").get_attribute("data-total")
    assert total == str(len(expected))
    # facet counts over the whole filtered set equal the API's stats
    for facet in ("event_type", "actor", "campaign", "admin1"):
        stats = api(live_site, "/v1/stats/events", [("group_by", facet), *params])["data"]
        want = {r["group"][facet]: r["count"] for r in stats if r["group"][facet]}
        links = page.locator(f'a[data-facet="{facet}"]')
        got = {}
        for i in range(links.count()):
            link = links.nth(i)
            count = link.locator("xpath=following-sibling::span[@class='count']").inner_text()
            got[link.get_attribute("data-value")] = int(count)
        assert got == want, facet


def test_a_facet_link_toggles_its_value(page: Page, live_site: LiveAPI) -> None:
    page.goto("/events")
    page.locator('a[data-facet="event_type"][data-value="leak"]').click()
    page.wait_for_url("**event_type=leak*")
    leaks = [e["id"] for e in api(live_site, "/v1/events", [("event_type", "leak")])["data"]]
    assert shown_ids(page) == leaks
    page.locator('a[data-facet="event_type"][data-value="leak"]').click()
    page.wait_for_url("**/events?*")
    assert "event_type=leak" not in page.url
    assert len(shown_ids(page)) == len(api(live_site, "/v1/events", [])["data"])


@pytest.mark.parametrize("query", ["", "event_type=desertion", "actor=irgc&date_to=2022-12-31"])
def test_timeline_and_map_draw_the_whole_filtered_set(
    page: Page, live_site: LiveAPI, query: str
) -> None:
    params = [tuple(p.split("=", 1)) for p in query.split("&") if p]
    page.goto("/events?" + query)
    stats = api(
        live_site, "/v1/stats/events", [("group_by", "year"), ("group_by", "event_type"), *params]
    )["data"]
    stats = [r for r in stats if r["count"] > 0]  # empty years are filled with zero counts
    page.locator('[data-role="timeline"]').wait_for()
    bars = page.locator('[data-role="timeline"] g[aria-label="rect"] rect')
    assert bars.count() == len(stats)
    geo = httpx.get(
        live_site.base_url + "/v1/events", params=[*params, ("format", "geojson")], timeout=10
    ).json()
    placed = [f for f in geo["features"] if f.get("geometry")]
    page.locator('[data-role="map"]').wait_for()
    dots = page.locator('[data-role="map"] g[aria-label="dot"] circle')
    assert dots.count() == len(placed)
    total = sum(r["count"] for r in stats)
    assert f"{len(placed)} of {total} events" in page.locator("#map .placed").inner_text()


def test_overview_draws_timeline_and_map(page: Page, live_site: LiveAPI) -> None:
    page.goto("/")
    stats = api(live_site, "/v1/stats/events", [("group_by", "year"), ("group_by", "event_type")])
    page.locator('[data-role="timeline"]').wait_for()
    bars = page.locator('[data-role="timeline"] g[aria-label="rect"] rect')
    assert bars.count() == len([r for r in stats["data"] if r["count"] > 0])
    page.locator('[data-role="map"]').wait_for()


def test_event_page_shows_every_report_with_claimant_and_source_link(
    page: Page, live_site: LiveAPI
) -> None:
    body = api(live_site, "/v1/events/FL-000001", [])
    assert len(body["data"]["reports"]) >= 2
    page.goto("/events/FL-000001")
    reports = page.locator("ol.trail > li.report")
    assert reports.count() == len(body["data"]["reports"])
    sources = {s["id"]: s for s in body["sources"]}
    for i, report in enumerate(body["data"]["reports"]):
        item = reports.nth(i)
        assert report["claimant"] in item.locator(".claimant").inner_text()
        source = sources[report["source"]]
        assert item.locator(f'a[href="/sources/{source["id"]}"]').count() == 1
        if source["url"]:
            assert item.locator("a.source-link").get_attribute("href") == source["url"]


def test_merged_event_redirects_and_retracted_event_is_a_410_page(
    page: Page, guard: PageGuard
) -> None:
    guard.expect_status("/events/FL-000005", 410)
    page.goto("/events/FL-000003")
    assert page.url.endswith("/events/FL-000004")
    response = page.goto("/events/FL-000005")
    assert response is not None and response.status == 410
    assert "was retracted" in page.locator("h1").inner_text()


PAGES = [
    "/",
    "/events",
    "/events?event_type=desertion&date_from=2022-01-01",
    "/events/FL-000001",
    "/events/FL-000005",
    "/sources",
    "/sources/SRC-000001",
    "/codebook",
    "/coverage",
    "/releases",
    "/releases/1.1.0",
    "/?release=1.0.0",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_is_accessible_strict_and_self_contained(
    page: Page, guard: PageGuard, path: str
) -> None:
    if path == "/events/FL-000005":
        guard.expect_status(path, 410)
    response = page.goto(path)
    assert response is not None and response.status in (200, 410)
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert (
        "unsafe-eval" not in csp
        and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    )
    page.wait_for_load_state("networkidle")
    assert axe_check(page) == []


def test_phone_width_has_no_horizontal_scroll(chromium: Browser, live_site: LiveAPI) -> None:
    context = chromium.new_context(viewport={"width": 375, "height": 740})
    try:
        page = context.new_page()
        for path in ("/", "/events", "/events/FL-000001", "/codebook"):
            page.goto(live_site.base_url + path)
            page.wait_for_load_state("networkidle")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 1, (path, overflow)
    finally:
        context.close()


def test_pages_work_without_javascript(chromium: Browser, live_site: LiveAPI) -> None:
    context = chromium.new_context(java_script_enabled=False, base_url=live_site.base_url)
    try:
        page = context.new_page()
        page.goto("/events")
        page.get_by_label("Desertion", exact=True).check()
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url("**event_type=desertion*")
        want = [
            e["id"] for e in api(live_site, "/v1/events", [("event_type", "desertion")])["data"]
        ]
        assert shown_ids(page) == want
        page.get_by_text("Events per year as a table").click()
        assert page.locator("#timeline table tbody tr").count() >= 1
        page.locator("table.events tbody tr td:first-child a").first.click()
        assert page.locator("ol.trail > li.report").count() >= 1
    finally:
        context.close()
