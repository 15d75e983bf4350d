"""``Client`` and ``AsyncClient``: configuration, the retry loop and response decoding.

The resources (``client.events``, ``client.releases``, ...) build requests and call
``_get`` / ``_send`` here; everything about transport, retries and errors lives in this module.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from types import TracebackType
from typing import Self, TypeVar

import httpx
import msgspec

from faultlines import _retry
from faultlines._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    status_error,
)
from faultlines._params import Params
from faultlines._resources import (
    Actors,
    AsyncActors,
    AsyncCampaigns,
    AsyncCoverage,
    AsyncEvents,
    AsyncEventTypes,
    AsyncReleases,
    AsyncSchema,
    AsyncSources,
    AsyncStats,
    Campaigns,
    Coverage,
    Events,
    EventTypes,
    Releases,
    Schema,
    Sources,
    Stats,
)
from faultlines._retry import RetryPolicy
from faultlines._version import __version__

__all__ = ["DEFAULT_BASE_URL", "DEFAULT_TIMEOUT", "AsyncClient", "Client"]

T = TypeVar("T")

DEFAULT_BASE_URL = "http://127.0.0.1:8000"
"""Used when neither ``base_url`` nor ``FAULTLINES_API_URL`` is given."""
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
"""30 s per read/write/pool operation, 5 s to connect."""
USER_AGENT = f"faultlines-python/{__version__}"


def _resolve_base_url(base_url: str | None) -> str:
    url = base_url or os.environ.get("FAULTLINES_API_URL") or DEFAULT_BASE_URL
    return url.rstrip("/")


class _BaseClient:
    """Configuration shared by the sync and async clients."""

    def __init__(
        self,
        base_url: str | None,
        *,
        timeout: float | httpx.Timeout | None,
        max_retries: int | None,
        retry: RetryPolicy | None,
        headers: Mapping[str, str] | None,
    ) -> None:
        self.base_url = _resolve_base_url(base_url)
        """Root URL of the API (without ``/v1``)."""
        self.timeout = (
            timeout
            if isinstance(timeout, httpx.Timeout)
            else (DEFAULT_TIMEOUT if timeout is None else httpx.Timeout(timeout))
        )
        """Timeouts applied to every request."""
        policy = retry or RetryPolicy()
        if max_retries is not None:
            policy = replace(policy, max_retries=max_retries)
        self.retry = policy
        """The retry policy (``max_retries``, backoff bounds, ``Retry-After`` cap)."""
        self.headers = {"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})}
        """Headers sent with every request."""
        self.last_response: httpx.Response | None = None
        """The raw HTTP response of the latest completed request (headers, status, ETag...).

        Shared by everything using this client: read it right after the call of interest.
        """

    def _decode(self, response: httpx.Response, type_: type[T]) -> T:
        try:
            return msgspec.json.decode(response.content, type=type_)
        except (msgspec.ValidationError, msgspec.DecodeError) as exc:
            raise APIResponseValidationError(response, str(exc)) from exc

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"


class Client(_BaseClient):
    """Synchronous client of the Fault Lines API.

    >>> with Client() as client:  # doctest: +SKIP
    ...     for event in client.events.iter(country="IR", event_type="desertion"):
    ...         print(event.id, event.title)

    ``base_url`` defaults to ``$FAULTLINES_API_URL``, then ``http://127.0.0.1:8000``.
    """

    def __init__(
        self,
        base_url: str | None = None,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        headers: Mapping[str, str] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(
            base_url, timeout=timeout, max_retries=max_retries, retry=retry, headers=headers
        )
        self._http = httpx.Client(
            base_url=self.base_url,
            timeout=self.timeout,
            headers=self.headers,
            transport=transport,
            follow_redirects=True,  # a merged event answers 308 to its surviving event
        )
        self.events = Events(self)
        """``/v1/events``: list, iterate, fetch, export to pandas."""
        self.stats = Stats(self)
        """``/v1/stats``: counts and sums grouped by time, type, actor, place."""
        self.sources = Sources(self)
        """``/v1/sources``."""
        self.actors = Actors(self)
        """``/v1/actors``: the organisation hierarchy."""
        self.event_types = EventTypes(self)
        """``/v1/event-types``: the codebook."""
        self.campaigns = Campaigns(self)
        """``/v1/campaigns``."""
        self.coverage = Coverage(self)
        """``/v1/coverage``: what was searched and found."""
        self.schema = Schema(self)
        """``/v1/schema``: JSON Schema of the records."""
        self.releases = Releases(self)
        """``/v1/releases``: list, manifests, change lists, verified downloads."""

    def close(self) -> None:
        """Close the underlying connection pool."""
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _send(
        self,
        path: str,
        *,
        params: Params | None = None,
        headers: Mapping[str, str] | None = None,
        stream: bool = False,
        ok_statuses: frozenset[int] = frozenset(),
    ) -> httpx.Response:
        """GET ``path`` with retries; raise the matching error for an error status.

        With ``stream=True`` the body is not read; the caller must close the response.
        Statuses in ``ok_statuses`` (e.g. 416 for a resumed download) are returned, not raised.
        """
        request = self._http.build_request("GET", path, params=params, headers=headers)
        retry = 0
        while True:
            try:
                response = self._http.send(request, stream=stream)
            except httpx.TransportError as exc:
                delay = self.retry.delay_for_error(retry)
                if delay is None:
                    raise _connection_error(exc, request) from exc
                _retry.sleep(delay)
                retry += 1
                continue
            delay = self.retry.delay_for_status(response, retry)
            if delay is not None:
                response.close()
                _retry.sleep(delay)
                retry += 1
                continue
            self.last_response = response
            if response.status_code >= 400 and response.status_code not in ok_statuses:
                if stream:
                    response.read()
                    response.close()
                raise status_error(response)
            return response

    def _get(self, path: str, type_: type[T], *, params: Params | None = None) -> T:
        return self._decode(self._send(path, params=params), type_)


class AsyncClient(_BaseClient):
    """Asynchronous twin of :class:`Client` (same resources, awaited; ``async for`` to iterate).

    >>> async with AsyncClient() as client:  # doctest: +SKIP
    ...     async for event in client.events.iter(country="IR"):
    ...         print(event.id)
    """

    def __init__(
        self,
        base_url: str | None = None,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        headers: Mapping[str, str] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        super().__init__(
            base_url, timeout=timeout, max_retries=max_retries, retry=retry, headers=headers
        )
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            timeout=self.timeout,
            headers=self.headers,
            transport=transport,
            follow_redirects=True,
        )
        self.events = AsyncEvents(self)
        """``/v1/events``: list, iterate, fetch, export to pandas."""
        self.stats = AsyncStats(self)
        """``/v1/stats``: counts and sums grouped by time, type, actor, place."""
        self.sources = AsyncSources(self)
        """``/v1/sources``."""
        self.actors = AsyncActors(self)
        """``/v1/actors``: the organisation hierarchy."""
        self.event_types = AsyncEventTypes(self)
        """``/v1/event-types``: the codebook."""
        self.campaigns = AsyncCampaigns(self)
        """``/v1/campaigns``."""
        self.coverage = AsyncCoverage(self)
        """``/v1/coverage``: what was searched and found."""
        self.schema = AsyncSchema(self)
        """``/v1/schema``: JSON Schema of the records."""
        self.releases = AsyncReleases(self)
        """``/v1/releases``: list, manifests, change lists, verified downloads."""

    async def aclose(self) -> None:
        """Close the underlying connection pool."""
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def _send(
        self,
        path: str,
        *,
        params: Params | None = None,
        headers: Mapping[str, str] | None = None,
        stream: bool = False,
        ok_statuses: frozenset[int] = frozenset(),
    ) -> httpx.Response:
        """Async twin of :meth:`Client._send`."""
        request = self._http.build_request("GET", path, params=params, headers=headers)
        retry = 0
        while True:
            try:
                response = await self._http.send(request, stream=stream)
            except httpx.TransportError as exc:
                delay = self.retry.delay_for_error(retry)
                if delay is None:
                    raise _connection_error(exc, request) from exc
                await _retry.async_sleep(delay)
                retry += 1
                continue
            delay = self.retry.delay_for_status(response, retry)
            if delay is not None:
                await response.aclose()
                await _retry.async_sleep(delay)
                retry += 1
                continue
            self.last_response = response
            if response.status_code >= 400 and response.status_code not in ok_statuses:
                if stream:
                    await response.aread()
                    await response.aclose()
                raise status_error(response)
            return response

    async def _get(self, path: str, type_: type[T], *, params: Params | None = None) -> T:
        return self._decode(await self._send(path, params=params), type_)


def _connection_error(exc: httpx.TransportError, request: httpx.Request) -> APIConnectionError:
    target = f"{request.method} {request.url}"
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"timed out: {target} ({type(exc).__name__})", request=request)
    return APIConnectionError(f"connection failed: {target}: {exc}", request=request)
