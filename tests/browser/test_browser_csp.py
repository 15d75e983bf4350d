"""The vendored chart and map libraries run under the page policy; the page guard catches."""

from __future__ import annotations

import base64
import hashlib
from typing import TYPE_CHECKING

from api.web._assets import asset_url
from tests.browser._support import PageGuard

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from tests.e2e._server import LiveAPI

# Every kind of <style> element Plot writes: a chart, its swatches legend (wrapped and in
# columns), a ramp legend; then a map of country outlines with a point on it.
_DRAW = """async (atlasUrl) => {
    const root = document.body.appendChild(document.createElement('div'));
    const rows = [{year: 2022, type: 'desertion', n: 3}, {year: 2023, type: 'leak', n: 5}];
    root.append(
        Plot.plot({marks: [Plot.barY(rows, {x: 'year', y: 'n', fill: 'type'})],
                   color: {legend: true}}),
        Plot.legend({color: {type: 'ordinal', domain: ['a', 'b']}, columns: 2}),
        Plot.legend({color: {type: 'linear', domain: [0, 10]}}),
    );
    const world = await (await fetch(atlasUrl)).json();
    const countries = topojson.feature(world, world.objects.countries);
    const iran = countries.features.find((f) => f.properties.name === 'Iran');
    root.append(Plot.plot({
        projection: {type: 'mercator', domain: iran},
        marks: [Plot.geo(countries), Plot.dot([[51.39, 35.69]], {r: 4})],
    }));
    return {
        countries: countries.features.length,
        paths: root.querySelectorAll('svg g[aria-label="geo"] path').length,
        dots: root.querySelectorAll('svg g[aria-label="dot"] circle').length,
        bars: root.querySelectorAll('svg g[aria-label="bar"] rect').length,
        styles: [...document.querySelectorAll('style')].map((s) => s.textContent),
        d3: d3.format(',')(12345),
    };
}"""


def test_charts_and_the_map_draw_under_the_page_policy(page: Page) -> None:
    response = page.goto("/schema")
    assert response is not None
    csp = response.headers["content-security-policy"]
    for asset in (
        "vendor/d3/d3.min.js",
        "vendor/observablehq-plot/plot.umd.min.js",
        "vendor/topojson-client/topojson-client.min.js",
    ):
        page.add_script_tag(url=asset_url(asset))  # same origin: script-src 'self' allows it
    drawn = page.evaluate(_DRAW, asset_url("vendor/world-atlas/countries-50m.json"))
    assert drawn["d3"] == "12,345"
    assert drawn["bars"] == 2 and drawn["dots"] == 1
    assert drawn["countries"] > 200 and drawn["paths"] == drawn["countries"]
    # Plot's stylesheets are allowed by hash, not by 'unsafe-inline': each must be listed
    # (a violation would also be a console error, failing the page fixture).
    for text in drawn["styles"]:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp, text[:80]


def test_the_guard_records_outside_requests_and_console_errors(
    chromium: Browser, live_site: LiveAPI
) -> None:
    guard = PageGuard(origin=live_site.base_url)
    context = chromium.new_context(base_url=live_site.base_url)
    try:
        page = context.new_page()
        guard.attach(page)
        page.goto("/health")
        assert guard.problems() == []
        page.evaluate("console.error('boom')")
        try:  # aborted in the browser before any lookup or connection
            page.goto("http://outside.invalid/tracker.js")
        except Exception as exc:  # playwright raises its own Error for the aborted navigation
            assert "ERR_BLOCKED_BY_CLIENT" in str(exc)
    finally:
        context.close()
    assert guard.outside == ["http://outside.invalid/tracker.js"]
    assert len(guard.errors) == 1 and "boom" in guard.errors[0]
