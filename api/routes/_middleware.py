"""ASGI middleware: security headers on every HTTP response, and HEAD answered as GET."""

from __future__ import annotations

from typing import cast

from litestar.types import (
    ASGIApp,
    HTTPResponseBodyEvent,
    HTTPResponseStartEvent,
    Message,
    Receive,
    Scope,
    Send,
)

__all__ = ["head_as_get", "security_headers"]

_API_CSP = b"default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
_DOCS_CSP = (
    b"default-src 'none'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net "
    b"https://unpkg.com; style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net "
    b"https://unpkg.com https://fonts.googleapis.com; font-src https://fonts.gstatic.com; "
    b"img-src 'self' data: https://cdn.jsdelivr.net https://cdn.redoc.ly; worker-src blob:; "
    b"connect-src 'self'; frame-ancestors 'none'"
)


def security_headers(app: ASGIApp) -> ASGIApp:
    """Wrap ``app``: nosniff, a restrictive CSP (looser on the HTML docs), no Server banner."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if str(scope["type"]) != "http":
            await app(scope, receive, send)
            return
        path = scope.get("path", "")
        is_docs = (
            path.startswith("/schema") and not path.endswith(".json") and not path.endswith(".yaml")
        )
        csp = _DOCS_CSP if is_docs else _API_CSP
        bad_bytes = not _is_utf8(scope.get("query_string", b"")) or not _is_utf8(
            scope.get("raw_path") or b""
        )

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"server"]
                headers += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"content-security-policy", csp),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message["headers"] = headers
            await send(message)

        if bad_bytes:
            # Litestar cannot even build request.url from these bytes (500 in the error handler).
            await send_wrapper(_INVALID_UTF8_START)
            await send_wrapper(_INVALID_UTF8_END)
            return
        await app(scope, receive, send_wrapper)

    return middleware


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_INVALID_UTF8_BODY = (
    b'{"title":"Bad Request","status":400,'
    b'"detail":"the request target is not valid UTF-8; percent-encode it"}'
)
_INVALID_UTF8_START: HTTPResponseStartEvent = {
    "type": "http.response.start",
    "status": 400,
    "headers": [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(_INVALID_UTF8_BODY)).encode()),
        (b"cache-control", b"no-store"),
    ],
}
_INVALID_UTF8_END: HTTPResponseBodyEvent = {
    "type": "http.response.body",
    "body": _INVALID_UTF8_BODY,
    "more_body": False,
}


def head_as_get(app: ASGIApp) -> ASGIApp:
    """Wrap ``app``: answer ``HEAD`` as the matching ``GET`` would, headers only (RFC 9110 9.3.2).

    Every route is a read-only GET, so HEAD needs no handlers of its own: the GET handler runs,
    its status and headers (Content-Length, ETag, ...) go out, and its body is dropped.
    """

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if str(scope["type"]) != "http" or scope.get("method") != "HEAD":
            await app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] != "http.response.body":
                await send(message)
            elif not message.get("more_body", False):
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await app(cast("Scope", {**scope, "method": "GET"}), receive, send_headers_only)

    return middleware
