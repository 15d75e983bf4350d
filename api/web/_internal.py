"""The explorer's view of the API: in-process requests to the app's own ``/v1`` endpoints.

Pages ask the API exactly what a user's script would ask it, so a page and the API cannot
disagree: same filters, same validation, same answers on every backend. The requests go
through the ASGI app in the same process (no socket); they are marked so that rate limiting
counts the page view, not each of its sub-requests.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import msgspec
from litestar import Litestar

__all__ = ["INTERNAL_CLIENT", "ApiAnswer", "InternalApi", "internal_api", "query_string"]

INTERNAL_CLIENT = ("explorer-internal", 0)
"""ASGI ``client`` of the explorer's sub-requests (see ``api.app``'s rate-limit exemption)."""

Params = Sequence[tuple[str, str]]
_BASE_URL = "http://explorer.internal"


class _QuietInternal(logging.Filter):
    """Keeps httpx's per-request INFO lines for sub-requests out of the server's log."""

    def filter(self, record: logging.LogRecord) -> bool:
        return _BASE_URL not in record.getMessage()


logging.getLogger("httpx").addFilter(_QuietInternal())


def query_string(params: Params) -> str:
    """``a=1&b=2`` for ``params`` (empty string when there are none)."""
    return urlencode(list(params))


@dataclass(frozen=True)
class ApiAnswer:
    """One API response: status, decoded JSON body (``None`` when not JSON) and headers."""

    status: int
    body: Any
    headers: Mapping[str, str]

    @property
    def ok(self) -> bool:
        """Whether the status is 2xx."""
        return 200 <= self.status < 300


class InternalApi:
    """Calls the app's own API over an in-process ASGI transport."""

    def __init__(self, app: Litestar) -> None:
        transport = httpx.ASGITransport(app=app, client=INTERNAL_CLIENT)  # type: ignore[arg-type]
        # Sub-requests ask for identity: compressing an answer only to inflate it again here
        # cost a page about 3 ms.
        self._client = httpx.AsyncClient(
            transport=transport, base_url=_BASE_URL, headers={"Accept-Encoding": "identity"}
        )
        self._immutable: dict[str, ApiAnswer] = {}
        self._derived: dict[str, Any] = {}
        self._recent: dict[str, tuple[float, ApiAnswer]] = {}

    async def get(self, path: str, params: Params = ()) -> ApiAnswer:
        """GET ``path`` with ``params``; never raises on an HTTP error status."""
        url = f"{path}?{query_string(params)}" if params else path
        response = await self._client.get(url, follow_redirects=False)
        body = None
        if response.headers.get("content-type", "").split(";")[0].endswith("json"):
            body = msgspec.json.decode(response.content)
        return ApiAnswer(response.status_code, body, response.headers)

    async def get_immutable(self, path: str, params: Params = ()) -> ApiAnswer:
        """GET an answer fixed for good (it names a published release); kept per process."""
        key = f"{path}?{query_string(params)}"
        if key not in self._immutable:
            answer = await self.get(path, params)
            if not answer.ok:
                return answer
            self._immutable[key] = answer
        return self._immutable[key]

    def derived(self, key: str, compute: Callable[[], Any]) -> Any:
        """A value computed from immutable answers (an index, say), kept for good under ``key``."""
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]

    async def get_recent(self, path: str, max_age: float = 1.0) -> ApiAnswer:
        """GET ``path``, reusing an OK answer up to ``max_age`` seconds old.

        For the releases list every page needs: a new release still shows within a second.
        """
        now = time.monotonic()
        kept = self._recent.get(path)
        if kept is not None and now - kept[0] < max_age:
            return kept[1]
        answer = await self.get(path)
        if answer.ok:
            self._recent[path] = (now, answer)
        return answer

    async def gather(self, *calls: tuple[str, Params]) -> list[ApiAnswer]:
        """Several GETs at once, answers in order."""
        return list(await asyncio.gather(*(self.get(path, params) for path, params in calls)))

    async def aclose(self) -> None:
        """Close the transport."""
        await self._client.aclose()


def internal_api(app: Litestar) -> InternalApi:
    """The app's ``InternalApi``, made on first use."""
    api: InternalApi | None = getattr(app.state, "internal_api", None)
    if api is None:
        api = InternalApi(app)
        app.state.internal_api = api
    return api
