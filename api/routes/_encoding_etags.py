"""One strong ETag per representation: a gzip body gets its own validator (RFC 9110, 8.8.3).

Handlers compute a strong ETag from the release and the URL, before the compression middleware
decides whether to gzip the body. Two encodings of one resource are different bytes, so they
must not share a strong validator (a cache or a Range request could splice them). This wrapper
sits outside the compression:

- a response sent with ``Content-Encoding: gzip`` has ``-gzip`` appended inside its ETag's
  quotes (``"abc"`` -> ``"abc-gzip"``);
- ``Vary`` lists each field once (the compressor appends ``Accept-Encoding`` to the one the
  handler sent);
- on the way in, ``-gzip`` is taken off the tags of ``If-None-Match``, so handlers compare
  against the validator they computed, and a 304 answering a gzip tag carries that gzip tag.

Weak ETags and responses that are never compressed (release files) pass unchanged.
"""

from __future__ import annotations

from typing import cast

from litestar.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["GZIP_SUFFIX", "etag_per_encoding"]

GZIP_SUFFIX = b"-gzip"


def _strip(header: bytes) -> tuple[bytes, set[bytes]]:
    """``If-None-Match`` without gzip suffixes, and the identity tags that had one."""
    tags = [t.strip() for t in header.split(b",")]
    gzipped = {t.replace(GZIP_SUFFIX + b'"', b'"') for t in tags if t.endswith(GZIP_SUFFIX + b'"')}
    return b", ".join(t.replace(GZIP_SUFFIX + b'"', b'"') for t in tags), gzipped


def _suffixed(etag: bytes) -> bytes:
    return etag[:-1] + GZIP_SUFFIX + b'"'


def _dedupe(vary: bytes) -> bytes:
    fields: dict[bytes, bytes] = {}
    for field in vary.split(b","):
        fields.setdefault(field.strip().lower(), field.strip())
    return b", ".join(f for f in fields.values() if f)


def etag_per_encoding(app: ASGIApp) -> ASGIApp:
    """Wrap ``app`` so that gzip and identity responses carry different strong ETags."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if str(scope["type"]) != "http":
            await app(scope, receive, send)
            return
        gzipped_tags: set[bytes] = set()
        headers = list(scope.get("headers", []))
        for i, (name, value) in enumerate(headers):
            if name.lower() == b"if-none-match":
                stripped, gzipped_tags = _strip(value)
                headers[i] = (name, stripped)
        inner = cast("Scope", {**scope, "headers": headers}) if gzipped_tags else scope

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = list(message.get("headers", []))
                encoding = next((v for k, v in out if k.lower() == b"content-encoding"), b"")
                for i, (name, value) in enumerate(out):
                    if name.lower() == b"vary":  # the compressor appends Accept-Encoding again
                        out[i] = (name, _dedupe(value))
                    if name.lower() != b"etag" or not value.startswith(b'"'):
                        continue
                    gzip_body = encoding.lower() == b"gzip"
                    answers_gzip_tag = message["status"] == 304 and value in gzipped_tags
                    if gzip_body or answers_gzip_tag:
                        out[i] = (name, _suffixed(value))
                message["headers"] = out
            await send(message)

        await app(inner, receive, send_wrapper)

    return middleware
