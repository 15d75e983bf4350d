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
    """Page metadata: release, rows in this page, rows matching in all, limit, next cursor."""

    count: Annotated[int, Meta(ge=0, description="Rows in this page.")]
    total: Annotated[
        int,
        Meta(
            ge=0,
            description="Rows matching the filters in all pages (independent of `limit` and "
            "`cursor`); exact when `total_exact`, else a lower bound: events are counted up "
            "to 10,000.",
        ),
    ]
    total_exact: Annotated[
        bool,
        Meta(description="Whether `total` is the exact count (false: at least `total` match)."),
    ]
    limit: Annotated[int, Meta(ge=1, description="Page size asked for.")]
    next_cursor: Annotated[
        str | None, Meta(description="Pass as `cursor` to get the next page; null on the last.")
    ]


class Links(msgspec.Struct, kw_only=True):
    """Hyperlinks of a page."""

    self: Annotated[str, Meta(description="This page.")]
    next: Annotated[str | None, Meta(description="Next page; null on the last.")]
