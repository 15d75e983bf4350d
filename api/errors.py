"""The one error shape: RFC 9457 problem details (``application/problem+json``).

Hierarchy::

    ApiError                      base, carries status, title, detail, extensions
    ├── BadRequest          400   bad parameter or cursor (``errors`` names the parameter)
    ├── NotFound            404   unknown id, release or file
    ├── Gone                410   retracted event (tombstone in the extensions)
    └── ServiceUnavailable  503   database unreachable or no release loaded

Litestar's own exceptions (validation 400, 404 of unknown routes, 405 with ``Allow``, 429 with
``Retry-After``) and any unexpected exception (500, no internals leaked) map to the same shape.
"""

from __future__ import annotations

import difflib
import logging
import re
from typing import Annotated, Any

import msgspec
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from msgspec import Meta
from sqlalchemy.exc import DBAPIError, OperationalError

__all__ = [
    "PROBLEM_MEDIA_TYPE",
    "ApiError",
    "BadRequest",
    "Gone",
    "InvalidParam",
    "NotFound",
    "Problem",
    "ServiceUnavailable",
    "exception_handlers",
]

PROBLEM_MEDIA_TYPE = "application/problem+json"
_log = logging.getLogger("api.errors")

_TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    409: "Conflict",
    410: "Gone",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    416: "Range Not Satisfiable",
    422: "Unprocessable Content",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


class InvalidParam(msgspec.Struct, kw_only=True, omit_defaults=True):
    """One invalid input: which parameter and what was wrong with it."""

    name: Annotated[str, Meta(description="Parameter name.", examples=["limit"])]
    reason: Annotated[str, Meta(description="What was wrong.", examples=["must be <= 1000"])]
    location: Annotated[
        str | None, Meta(description="Where the parameter was: query, path or header.")
    ] = None


class Problem(msgspec.Struct, kw_only=True, omit_defaults=True):
    """RFC 9457 problem details; the only error body the API returns."""

    type: Annotated[
        str,
        Meta(description="URI reference identifying the problem type.", examples=["about:blank"]),
    ] = "about:blank"
    title: Annotated[str, Meta(description="Short summary of the problem type.")]
    status: Annotated[int, Meta(description="HTTP status code.", examples=[400])]
    detail: Annotated[str | None, Meta(description="What went wrong in this request.")] = None
    instance: Annotated[str | None, Meta(description="Path of the request.")] = None
    invalid_params: Annotated[
        list[InvalidParam] | None,
        Meta(description="Invalid parameters, for 400 responses: each named, with the reason."),
    ] = None
    errors: Annotated[
        list[InvalidParam] | None,
        Meta(description="The same list as `invalid_params` (its name before API 1.2.0)."),
    ] = None
    id: Annotated[str | None, Meta(description="Event id of a tombstone (410).")] = None
    reason: Annotated[str | None, Meta(description="Why the event was retracted (410).")] = None
    release: Annotated[str | None, Meta(description="Release the answer refers to.")] = None


class ApiError(Exception):
    """Base of the domain errors; rendered as problem+json by the handlers below."""

    status = 500

    def __init__(
        self,
        detail: str,
        *,
        errors: list[InvalidParam] | None = None,
        headers: dict[str, str] | None = None,
        **extensions: str | None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}
        self.extensions = extensions


class BadRequest(ApiError):
    """400: a parameter, cursor or header was invalid."""

    status = 400

    @classmethod
    def param(cls, name: str, reason: str, location: str = "query") -> BadRequest:
        """A 400 naming one invalid parameter."""
        return cls(
            f"invalid {location} parameter '{name}': {reason}",
            errors=[InvalidParam(name=name, reason=reason, location=location)],
        )


class NotFound(ApiError):
    """404: no such event, source, release or file."""

    status = 404


class Gone(ApiError):
    """410: the event was retracted; the body carries the tombstone."""

    status = 410


class ServiceUnavailable(ApiError):
    """503: the database is unreachable or no release is loaded yet."""

    status = 503


def problem_response(
    request: Request[Any, Any, Any],
    status: int,
    detail: str | None,
    *,
    errors: list[InvalidParam] | None = None,
    headers: dict[str, str] | None = None,
    extensions: dict[str, str | None] | None = None,
) -> Response[bytes]:
    """Render a problem+json response."""
    problem = Problem(
        title=_TITLES.get(status, "Error"),
        status=status,
        detail=detail,
        instance=request.url.path,
        invalid_params=errors,
        errors=errors,
        id=(extensions or {}).get("id"),
        reason=(extensions or {}).get("reason"),
        release=(extensions or {}).get("release"),
    )
    return Response(
        content=msgspec.json.encode(problem),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers={"Cache-Control": "no-store", **(headers or {})},
    )


def _api_error(request: Request[Any, Any, Any], exc: ApiError) -> Response[bytes]:
    return problem_response(
        request,
        exc.status,
        exc.detail,
        errors=exc.errors,
        headers=exc.headers,
        extensions=exc.extensions,
    )


_ENUM_MESSAGE = re.compile(r"Invalid enum value '(.*)'", re.DOTALL)


def _allowed_values(request: Request[Any, Any, Any], name: str) -> list[str]:
    """The enum of query or path parameter ``name`` of the request's operation, if it has one
    (read from the OpenAPI document, so the message lists what the contract lists)."""
    try:
        handler = request.route_handler
        document = request.app.openapi_schema.to_schema()
    except Exception:  # no route (404) or no document: nothing to list
        return []
    for item in document.get("paths", {}).values():
        op = item.get("get") or {}
        if op.get("operationId") != handler.operation_id:
            continue
        for param in op.get("parameters", []):
            if param.get("name") != name:
                continue
            for arm in [param.get("schema", {}), *param.get("schema", {}).get("oneOf", [])]:
                arm = arm.get("items", arm)
                ref = arm.get("$ref", "")
                if ref:
                    arm = document["components"]["schemas"][ref.rsplit("/", 1)[-1]]
                if "enum" in arm:
                    return [str(v) for v in arm["enum"]]
    return []


def _reason(request: Request[Any, Any, Any], name: str, message: str) -> str:
    # msgspec writes regular expressions with their backslashes doubled; say them once.
    message = message.replace("\\\\", "\\")
    enum = _ENUM_MESSAGE.fullmatch(message)
    if enum is None:
        return message
    allowed = _allowed_values(request, name)
    if not allowed:
        return message
    value = enum.group(1)
    match = difflib.get_close_matches(value.lower(), [a.lower() for a in allowed], n=1)
    guess = next((a for a in allowed if match and a.lower() == match[0]), None)
    hint = f"; did you mean '{guess}'?" if guess else ""
    return f"unknown value '{value}'{hint} (valid values: {', '.join(allowed)})"


def _validation_errors(request: Request[Any, Any, Any], extra: Any) -> list[InvalidParam]:
    out: list[InvalidParam] = []
    if isinstance(extra, list):
        for item in extra:
            if isinstance(item, dict):
                name = str(item.get("key", "?"))
                out.append(
                    InvalidParam(
                        name=name,
                        reason=_reason(request, name, str(item.get("message", "invalid value"))),
                        location=str(getattr(item["source"], "value", item["source"]))
                        if item.get("source")
                        else None,
                    )
                )
    return out


def _http_exception(request: Request[Any, Any, Any], exc: HTTPException) -> Response[bytes]:
    status = exc.status_code
    headers = dict(exc.headers or {})
    errors = None
    detail: str | None = exc.detail
    if isinstance(exc, ValidationException) or (status == 400 and exc.extra):
        errors = _validation_errors(request, exc.extra)
        if errors:
            detail = "; ".join(
                f"invalid {e.location or 'query'} parameter '{e.name}': {e.reason}" for e in errors
            )
    if status == 404 and detail == "Not Found":
        detail = f"no route matches {request.url.path}"
    if status == 405 and detail == "Method Not Allowed":
        detail = f"{request.method} is not allowed on {request.url.path}"
    if status == 429:
        reset = headers.get("RateLimit-Reset") or headers.get("ratelimit-reset") or "60"
        headers["Retry-After"] = str(reset)
        detail = "rate limit exceeded; retry after the number of seconds in Retry-After"
    return problem_response(request, status, detail, errors=errors, headers=headers)


def _db_error(request: Request[Any, Any, Any], exc: Exception) -> Response[bytes]:
    _log.warning("database error on %s: %s", request.url.path, exc)
    return problem_response(
        request, 503, "the database is unreachable; retry shortly", headers={"Retry-After": "5"}
    )


def _unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[bytes]:
    _log.exception("unhandled error on %s", request.url.path, exc_info=exc)
    return problem_response(request, 500, "internal error; it has been logged")


exception_handlers: dict[type[Exception] | int, Any] = {
    ApiError: _api_error,
    HTTPException: _http_exception,
    OperationalError: _db_error,
    DBAPIError: _db_error,
    Exception: _unexpected,
}
"""Exception -> handler mapping for ``Litestar(exception_handlers=...)``."""
