"""The API reference at /schema renders offline under the strict page policy."""

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
