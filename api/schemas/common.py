"""Envelope structs shared by the data endpoints."""

from __future__ import annotations

from typing import Annotated

import msgspec
from msgspec import Meta

__all__ = ["Links", "Meta_", "ReleaseRef"]


class ReleaseRef(msgspec.Struct, kw_only=True):
    """Which release answered the request."""

    release: Annotated[str, Meta(description="Release version.", examples=["1.0.0"])]
    schema_version: Annotated[str, Meta(description="Record schema version.", examples=["1.0.0"])]


class Meta_(ReleaseRef, kw_only=True):
    """Page metadata: release, count of rows in this page, limit and the next cursor."""

    count: Annotated[int, Meta(description="Rows in this page.")]
    limit: Annotated[int | None, Meta(description="Page size asked for.")] = None
    next_cursor: Annotated[
        str | None, Meta(description="Pass as `cursor` to get the next page; null on the last.")
    ] = None


class Links(msgspec.Struct, kw_only=True):
    """Hyperlinks of a page."""

    self: Annotated[str, Meta(description="This page.")]
    next: Annotated[str | None, Meta(description="Next page, if any.")] = None
