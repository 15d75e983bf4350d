"""Browser tests: Playwright drives Debian's headless Chromium against a real server.

- ``live_site``: ``python -m api serve`` over the fixture releases 1.0.0 and 1.1.0, on SQLite
  (the same machinery as the SDK end-to-end tests, ``tests.e2e._server``).
- ``chromium``: one headless browser for these tests, with flags that keep it off the network.
- ``page``: a fresh context and page on the live site. Every request to another origin is
  aborted and recorded; console errors and page errors are recorded; the test fails at
  teardown if there were any. Use ``axe_check(page)`` from ``_support`` for accessibility.

Without Chromium or Playwright every test here skips with the reason (``make browser``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser._support import CHROMIUM_FLAGS, PageGuard, chromium_path, missing_browser
from tests.e2e._server import LiveAPI, serve
from tests.integration._releases import write_two_releases

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

_TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser_releases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder holding the fixture releases 1.0.0 and 1.1.0."""
    first, _ = write_two_releases(tmp_path_factory.mktemp("browser-releases"))
    return first.parent


@pytest.fixture(scope="session")
def live_site(
    tmp_path_factory: pytest.TempPathFactory, browser_releases: Path
) -> Iterator[LiveAPI]:
    """The app served by a real server process on a free port (SQLite)."""
    reason = missing_browser()
    if reason:
        pytest.skip(reason)
    with serve("sqlite", browser_releases, tmp_path_factory.mktemp("browser-sqlite")) as api:
        yield api


@pytest.fixture(scope="package")
def chromium() -> Iterator[Browser]:
    """Headless Chromium (Debian's, never a downloaded one) for the tests of this package.

    Package scope, not session: while Playwright's sync API is open it holds an asyncio loop
    as the main thread's running loop, so ``asyncio.run`` (the SDK's async tests, the ASGI
    helpers) fails until it is closed. It closes when the browser tests are done.
    """
    reason = missing_browser()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=list(CHROMIUM_FLAGS)
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def guard(live_site: LiveAPI) -> PageGuard:
    """The record of outside requests and errors for this test's page."""
    return PageGuard(origin=live_site.base_url)


@pytest.fixture
def page(chromium: Browser, live_site: LiveAPI, guard: PageGuard) -> Iterator[Page]:
    """A page on the live site that may not leave its origin nor log an error."""
    context = chromium.new_context(base_url=live_site.base_url, service_workers="block")
    context.set_default_timeout(_TIMEOUT_MS)
    page = context.new_page()
    guard.attach(page)
    try:
        yield page
    finally:
        context.close()
    problems = guard.problems()
    if problems:
        pytest.fail("the page misbehaved:\n" + "\n".join(problems), pytrace=False)
