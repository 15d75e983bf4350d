"""Opaque keyset cursors, bound to the query and the release they were issued for.

A cursor is ``base64url(json) + "." + base64url(hmac)``; the JSON holds the last row's sort key
and a digest of the query (filters, sort, release). A cursor that was edited, or that comes from
another query or release, fails verification and the request is answered with 400.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable

import msgspec

__all__ = ["CursorError", "decode_cursor", "encode_cursor", "query_digest"]


class CursorError(ValueError):
    """The cursor is malformed, tampered with, or belongs to another query or release."""


class _Payload(msgspec.Struct, array_like=True):
    digest: str
    key: list[str]


def query_digest(release_ordinal: int, params: Iterable[tuple[str, str]]) -> str:
    """Digest of the release and the query parameters the cursor is bound to."""
    canon = "&".join(f"{k}={v}" for k, v in sorted(params))
    return hashlib.sha256(f"{release_ordinal}|{canon}".encode()).hexdigest()[:24]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(secret: str, body: bytes) -> bytes:
    return hmac.new(secret.encode(), body, hashlib.sha256).digest()[:16]


def encode_cursor(secret: str, digest: str, key: list[str]) -> str:
    """Cursor pointing after the row whose sort key is ``key``."""
    body = msgspec.json.encode(_Payload(digest, key))
    return f"{_b64(body)}.{_b64(_sign(secret, body))}"


def decode_cursor(secret: str, digest: str, token: str) -> list[str]:
    """Sort key from a cursor; raises ``CursorError`` if it is invalid for this query."""
    try:
        body_part, sig_part = token.split(".", 1)
        body = _unb64(body_part)
        sig = _unb64(sig_part)
    except (ValueError, TypeError) as exc:
        raise CursorError("cursor is malformed") from exc
    if not hmac.compare_digest(sig, _sign(secret, body)):
        raise CursorError("cursor signature does not match; it was altered")
    try:
        payload = msgspec.json.decode(body, type=_Payload)
    except msgspec.DecodeError as exc:
        raise CursorError("cursor is malformed") from exc
    if payload.digest != digest:
        raise CursorError("cursor belongs to another query or release")
    return payload.key
