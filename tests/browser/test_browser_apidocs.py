"""The API reference at /schema renders offline, accessibly, under the strict page policy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.browser._support import axe_check

if TYPE_CHECKING:
    from playwright.sync_api import Page


def test_schema_renders_its_operations_offline_and_accessibly(page: Page) -> None:
    response = page.goto("/schema")
    assert response is not None and response.ok
    csp = response.headers["content-security-policy"]
    assert "script-src 'self';" in csp
    assert "unsafe-eval" not in csp and "unsafe-inline" not in csp
    # Every request but the app's own is aborted (the page fixture fails the test on any).
    page.get_by_text("List events", exact=True).first.wait_for()
    operations = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/v1/events" in {text.strip() for text in operations}
    assert axe_check(page) == []


def test_schema_try_it_out_calls_this_server_and_stays_accessible(page: Page) -> None:
    page.goto("/schema")
    page.locator("#operations-events-listEvents .opblock-summary-control").click()
    page.get_by_role("button", name="Try it out").click()
    page.locator('tr[data-param-name="limit"] input').fill("2")
    page.get_by_role("button", name="Execute").click()
    status = page.locator(".live-responses-table .response .response-col_status").first
    assert status.inner_text().strip() == "200"
    # The request went to the origin serving the page, not the document's default server.
    request_url = page.locator(".request-url pre").inner_text().strip()
    assert request_url.startswith(page.url.removesuffix("/schema") + "/v1/events?")
    assert axe_check(page) == []
