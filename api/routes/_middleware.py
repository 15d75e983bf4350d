"""ASGI middleware: request limits and security headers on every HTTP response, HEAD as GET.

Limits, answered with the one problem+json shape before anything else reads the request:

- a request target (path and query) over ``MAX_TARGET_BYTES`` is 414;
- request headers over ``MAX_HEADER_BYTES`` in all are 431;
- a target that is not valid UTF-8 is 400.

The server (``python -m api serve``, ``api._server``) accepts up to ``TRANSPORT_LIMIT_BYTES`` of
request head so that these answers, not the server's plain-text 400, are what a client sees;
beyond that the server answers 400 and closes the connection before the app runs.
"""

from __future__ import annotations

from typing import cast

import msgspec
from litestar.types import (
    ASGIApp,
    HTTPResponseBodyEvent,
    HTTPResponseStartEvent,
    Message,
    Receive,
    Scope,
    Send,
)

from api.errors import PROBLEM_MEDIA_TYPE, Problem

__all__ = [
    "API_SECURITY_HEADERS",
    "MAX_HEADER_BYTES",
    "MAX_TARGET_BYTES",
    "TRANSPORT_LIMIT_BYTES",
    "head_as_get",
    "security_headers",
]

MAX_TARGET_BYTES = 32 * 1024
"""Longest request target (path + query). The longest valid query (every repeatable parameter
at its ``maxItems`` of the longest values) is under this."""
MAX_HEADER_BYTES = 16 * 1024
"""Most bytes of request headers (names and values) in all."""
TRANSPORT_LIMIT_BYTES = 64 * 1024
"""Most bytes of request head the served process reads (``api._server``): above the limits above."""

_API_CSP = b"default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
# Observable Plot writes one fixed <style> element per chart (and per legend); these are the
# SHA-256 hashes of its four texts in the vendored 0.6.17 with the default class name, so charts
# run without 'unsafe-inline'. The browser tests render each one under this policy and fail
# on any violation (a Plot upgrade that changes a text shows the new hash there).
_PLOT_STYLE_HASHES = (
    b"'sha256-jSYQUrW7J0b3jPqhZP9C2Xh1PyJKHKXd4s0fpGGKrww=' "  # the plot's SVG
    b"'sha256-/jg3HOQ97BIOLIR7iXhepLJanBbw11P39q1Ne1E+6Jc=' "  # ramp legend
    b"'sha256-gr1piGzv7W4aMcjDMKcjgg8AT05UNO4uGfMgGyc7Yi0=' "  # swatches legend, wrapped
    b"'sha256-rCZUQsEQJf1DmnfnMZmlj08XC7qbIZySA6bEtitbQ00='"  # swatches legend, in columns
)
_PAGE_CSP = (
    b"default-src 'self'; script-src 'self'; style-src 'self' " + _PLOT_STYLE_HASHES + b"; "
    b"img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    b"form-action 'self'; frame-ancestors 'none'"
)
"""The policy of every HTML page (explorer and API reference): scripts and styles from the
app's own origin only, no inline script, no eval."""


API_SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"content-security-policy", _API_CSP),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)
"""What ``security_headers`` adds to every response that is not an HTML page."""


def security_headers(app: ASGIApp) -> ASGIApp:
    """Wrap ``app``: nosniff, a CSP (``'none'`` for data, strict on HTML pages), no Server."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if str(scope["type"]) != "http":
            await app(scope, receive, send)
            return
        refusal = _refusal(scope)

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"server"]
                csp = _PAGE_CSP if _is_html(headers) else _API_CSP
                headers += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"content-security-policy", csp),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message["headers"] = headers
            await send(message)

        if refusal is not None:
            # Refused before Litestar sees it: it cannot even build request.url from invalid
            # bytes (a 500 from its error handler), and nothing should parse an oversized target.
            for message in _problem_messages(*refusal):
                await send_wrapper(message)
            return
        await app(scope, receive, send_wrapper)

    return middleware


def _is_html(headers: list[tuple[bytes, bytes]]) -> bool:
    # By what is sent, not by path: every HTML page, wherever it is routed, gets the page policy.
    return any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers)


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _refusal(scope: Scope) -> tuple[int, str, str] | None:
    """(status, title, detail) when the request breaks a limit, else None."""
    query = scope.get("query_string", b"")
    raw_path = scope.get("raw_path") or scope.get("path", "").encode()
    # uvicorn's raw_path is the path alone; some ASGI clients (httpx) include the query.
    path_bytes = raw_path.partition(b"?")[0]
    if len(path_bytes) + len(query) + 1 > MAX_TARGET_BYTES:
        return (
            414,
            "URI Too Long",
            f"the request target is over {MAX_TARGET_BYTES} bytes; ask for fewer values "
            "or page through the results",
        )
    if sum(len(k) + len(v) for k, v in scope.get("headers", [])) > MAX_HEADER_BYTES:
        return (
            431,
            "Request Header Fields Too Large",
            f"the request headers are over {MAX_HEADER_BYTES} bytes",
        )
    if not _is_utf8(query) or not _is_utf8(raw_path):
        return 400, "Bad Request", "the request target is not valid UTF-8; percent-encode it"
    return None


def _problem_messages(
    status: int, title: str, detail: str
) -> tuple[HTTPResponseStartEvent, HTTPResponseBodyEvent]:
    body = msgspec.json.encode(Problem(title=title, status=status, detail=detail))
    start: HTTPResponseStartEvent = {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
            (b"content-length", str(len(body)).encode()),
            (b"cache-control", b"no-store"),
        ],
    }
    end: HTTPResponseBodyEvent = {"type": "http.response.body", "body": body, "more_body": False}
    return start, end


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
