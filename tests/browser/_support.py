"""Browser-test helpers: find Chromium and Playwright, guard a page, run axe-core.

Playwright for Python drives Debian's Chromium (``make browser`` installs it); Playwright
never downloads a browser of its own here (``executable_path``). Where either is missing the
browser tests skip with that reason.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from api.web._vendor import VENDOR_DIR

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Page, Route, WebSocketRoute

__all__ = [
    "CHROMIUM_FLAGS",
    "PageGuard",
    "axe_check",
    "chromium_path",
    "missing_browser",
]

CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Headless Chromium that phones nowhere: no background fetches, updates, sync or QUIC."""

_AXE = VENDOR_DIR / "axe-core" / "axe.min.js"
_NOT_NETWORK = {"data", "blob", "about"}


def chromium_path() -> str | None:
    """Debian's Chromium (``$CHROMIUM`` overrides), or None when there is none."""
    candidate = os.environ.get("CHROMIUM") or shutil.which("chromium")
    return candidate if candidate and os.access(candidate, os.X_OK) else None


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (make setup installs the dev extra)"
    if chromium_path() is None:
        return "Chromium is not installed (make browser; Debian: apt-get install chromium)"
    return None


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


@dataclass
class PageGuard:
    """Keeps a page on one origin and records what went wrong there.

    Every request to another origin is aborted before it leaves the browser and recorded in
    ``outside``; console errors and uncaught page errors land in ``errors``.
    """

    origin: str
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    expected: set[tuple[str, int]] = field(default_factory=set)

    def expect_status(self, path: str, status: int) -> None:
        """The page at ``path`` answers ``status`` on purpose (a 404 or a 410 tombstone).

        Chromium logs any error status of a document as a console error; this one is the
        behaviour under test, not a fault, so it is not counted.
        """
        self.expected.add((urljoin(self.origin, path), status))

    def attach(self, page: Page) -> None:
        """Route every request and web socket of ``page`` through the guard."""
        page.route("**/*", self._route)
        page.route_web_socket("**/*", self._web_socket)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

    def _route(self, route: Route) -> None:
        url = route.request.url
        scheme, _ = _origin(url)
        if scheme in _NOT_NETWORK or _origin(url) == _origin(self.origin):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort("blockedbyclient")

    def _web_socket(self, ws: WebSocketRoute) -> None:
        self.outside.append(ws.url)
        ws.close()

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            url = message.location.get("url", "")
            if any(url == u and f"status of {n} " in message.text for u, n in self.expected):
                return
            self.errors.append(f"console error: {message.text} ({message.location})")

    def problems(self) -> list[str]:
        """Everything that should fail the test: outside requests first, then errors."""
        return [f"request left the app's origin: {url}" for url in self.outside] + self.errors


def axe_check(page: Page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[Any]:
    """axe-core's violations on the current page with one of ``impacts``.

    The vendored ``axe.min.js`` is evaluated through the DevTools protocol, which the page's
    Content-Security-Policy does not govern, so the page keeps its real policy while checked.
    Each violation is returned as ``{id, impact, help, nodes: [target selectors]}``.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_AXE.read_text(encoding="utf-8"))
    results = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ')),
            }));
        }"""
    )
    return [v for v in results if v["impact"] in impacts]
