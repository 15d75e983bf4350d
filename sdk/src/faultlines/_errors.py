"""Errors raised by the Fault Lines SDK.

One hierarchy, so ``except faultlines.FaultlinesError`` catches everything the SDK raises::

    FaultlinesError
    ├── APIConnectionError          the server could not be reached (after retries)
    │   └── APITimeoutError         ... because a timeout expired
    ├── APIResponseValidationError  a 2xx body does not match the typed model
    ├── APIStatusError              the server answered 4xx/5xx; carries the problem details
    │   ├── BadRequestError         400 invalid parameter, tampered cursor, ...
    │   ├── NotFoundError           404 unknown event, source, release or file
    │   ├── GoneError               410 retracted event; carries the tombstone
    │   ├── RateLimitError          429 rate limited; carries ``retry_after``
    │   └── ServerError             5xx
    └── DownloadError               a release download could not be completed
        └── ChecksumMismatchError   a downloaded file does not match SHA256SUMS

Status errors carry the server's RFC 9457 problem details (``application/problem+json``)
parsed into :class:`ProblemDetails`; a body that is not problem+json (a proxy's HTML page,
say) still gives a usable ``ProblemDetails`` built from the status line. The parameters a 400
rejects are typed: ``problem.invalid_params`` is a list of the generated
``models.InvalidParam`` (``name``, ``reason``, ``location``), so whatever the spec's schema adds
to it arrives with ``make sdk``, without a change here.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import http
import re
from pathlib import Path
from typing import Any

import httpx
import msgspec

from faultlines._generated.models import InvalidParam

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "BadRequestError",
    "ChecksumMismatchError",
    "DownloadError",
    "FaultlinesError",
    "GoneError",
    "NotFoundError",
    "ProblemDetails",
    "RateLimitError",
    "ServerError",
    "parse_retry_after",
]

_DELTA_SECONDS = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_PROBLEM_MEMBERS = frozenset({"type", "title", "status", "detail", "instance"})
# The member listing rejected parameters: the API's name first, then RFC 9457's example names.
_INVALID_PARAMS_MEMBERS = ("invalid_params", "errors", "invalid-params")


class ProblemDetails(msgspec.Struct, kw_only=True, frozen=True):
    """An RFC 9457 problem: the standard members plus any extension members."""

    type: str = "about:blank"
    """URI identifying the problem type."""
    title: str = ""
    """Short, human-readable summary of the problem type."""
    status: int = 0
    """HTTP status code of the response."""
    detail: str | None = None
    """Explanation specific to this occurrence (says what was wrong with the request)."""
    instance: str | None = None
    """URI reference of this occurrence (usually the request path)."""
    invalid_params: list[InvalidParam] = msgspec.field(default_factory=list)
    """The parameters the server rejected and why (a 400), as typed ``InvalidParam`` models."""
    extensions: dict[str, Any] = msgspec.field(default_factory=dict)
    """Every other member of the problem object (e.g. ``errors``, a tombstone's ``reason``)."""

    @classmethod
    def from_response(cls, response: httpx.Response) -> ProblemDetails:
        """Parse a response body as problem+json, falling back to the status line."""
        status = response.status_code
        try:
            reason = http.HTTPStatus(status).phrase
        except ValueError:
            reason = response.reason_phrase or ""
        try:
            raw = msgspec.json.decode(response.content)
        except (msgspec.DecodeError, httpx.ResponseNotRead):
            raw = None
        if not isinstance(raw, dict):
            text = _safe_text(response)
            return cls(title=reason, status=status, detail=text or None)
        raw_status = raw.get("status")
        return cls(
            type=str(raw.get("type") or "about:blank"),
            title=str(raw.get("title") or reason),
            status=raw_status if isinstance(raw_status, int) else status,
            detail=_opt_str(raw.get("detail")),
            instance=_opt_str(raw.get("instance")),
            invalid_params=_invalid_params(raw),
            extensions={k: v for k, v in raw.items() if k not in _PROBLEM_MEMBERS},
        )


def _invalid_params(raw: dict[str, Any]) -> list[InvalidParam]:
    for member in _INVALID_PARAMS_MEMBERS:
        items = raw.get(member)
        if isinstance(items, list):
            try:
                return msgspec.convert(items, list[InvalidParam])
            except msgspec.ValidationError:
                continue  # not the shape we know: still readable in ``extensions``
    return []


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def _safe_text(response: httpx.Response) -> str:
    try:
        return response.text.strip()[:500]
    except (httpx.ResponseNotRead, UnicodeDecodeError):
        return ""


class FaultlinesError(Exception):
    """Base class of every error raised by the SDK."""


class APIConnectionError(FaultlinesError):
    """The request never got an HTTP answer (DNS, refused connection, reset, ...)."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.request = request
        """The request that failed, when known."""


class APITimeoutError(APIConnectionError):
    """A connect, read, write or pool timeout expired."""


class APIResponseValidationError(FaultlinesError):
    """A successful response whose body does not decode into the expected model."""

    def __init__(self, response: httpx.Response, message: str) -> None:
        super().__init__(f"unexpected response body from {response.request.url}: {message}")
        self.response = response
        """The raw HTTP response."""


class APIStatusError(FaultlinesError):
    """The server answered with an error status; ``problem`` holds its problem details."""

    def __init__(self, response: httpx.Response, problem: ProblemDetails) -> None:
        message = f"{response.status_code} {problem.title}"
        if problem.detail:
            message += f": {problem.detail}"
        super().__init__(message)
        self.response = response
        """The raw HTTP response."""
        self.status_code = response.status_code
        """The HTTP status code."""
        self.problem = problem
        """The parsed RFC 9457 problem details."""


class BadRequestError(APIStatusError):
    """400: a parameter was invalid; ``problem.detail`` says which and why."""


class NotFoundError(APIStatusError):
    """404: no such event, source, release or file."""


class GoneError(APIStatusError):
    """410: the event was retracted. ``tombstone`` holds what the server says about it."""

    @property
    def tombstone(self) -> dict[str, Any]:
        """The tombstone: the problem's extension members (e.g. ``id``, ``reason``, ``release``)."""
        ext = self.problem.extensions
        nested = ext.get("tombstone")
        return dict(nested) if isinstance(nested, dict) else dict(ext)


class RateLimitError(APIStatusError):
    """429: too many requests, still refused after the configured retries."""

    @property
    def retry_after(self) -> float | None:
        """Seconds the server asked to wait (from ``Retry-After``), if it said."""
        return parse_retry_after(self.response.headers.get("retry-after"))


class ServerError(APIStatusError):
    """5xx: the server failed, still failing after the configured retries."""


class DownloadError(FaultlinesError):
    """A release file could not be downloaded completely."""


class ChecksumMismatchError(DownloadError):
    """A downloaded file's SHA-256 differs from SHA256SUMS; the file has been removed."""

    def __init__(self, path: Path, expected: str, actual: str) -> None:
        super().__init__(
            f"{path.name}: SHA-256 {actual} does not match SHA256SUMS ({expected}); "
            "the file was removed"
        )
        self.path = path
        """Where the file would have been written."""
        self.expected = expected
        """The checksum listed in SHA256SUMS."""
        self.actual = actual
        """The checksum of the bytes received."""


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    404: NotFoundError,
    410: GoneError,
    429: RateLimitError,
}


def status_error(response: httpx.Response) -> APIStatusError:
    """Build the error class matching ``response``'s status, with its problem details."""
    problem = ProblemDetails.from_response(response)
    cls = _STATUS_ERRORS.get(response.status_code)
    if cls is None:
        cls = ServerError if response.status_code >= 500 else APIStatusError
    return cls(response, problem)


def parse_retry_after(value: str | None, *, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or an HTTP date).

    Returns ``None`` for a missing or unparseable value, and never a negative number.
    """
    if value is None:
        return None
    value = value.strip()
    if _DELTA_SECONDS.fullmatch(value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    now = now or dt.datetime.now(dt.UTC)
    return max(0.0, (when - now).total_seconds())
