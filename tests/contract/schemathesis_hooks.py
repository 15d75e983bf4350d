"""Schemathesis hooks of the committed configuration (``schemathesis.toml``): one, for ``cursor``.

A ``cursor`` is only obtainable from a previous response of the same query (``meta.next_cursor``,
``links.next``): it is signed and bound to the query and the release, and the contract says
so. No schema can describe a value that only the server can mint, so a *generated* cursor,
however well formed, is refused with a 400 by design, and schemathesis would report that as
"valid data rejected". This hook drops generated cursors from positive cases only (in every
phase: no OpenAPI link of the contract carries a cursor, so every cursor schemathesis sends is
one it made up); negative cases (a cursor over 512 characters, ...) keep theirs and must still
be refused. Nothing else is adjusted.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from schemathesis.generation import GenerationMode

__all__ = ["drop_generated_cursor"]


@schemathesis.hook("map_case")
def drop_generated_cursor(_context: Any, case: Any) -> Any:
    """A positive case without a cursor that no server issued."""
    meta = case.meta
    if (
        meta is None
        or meta.generation.mode != GenerationMode.POSITIVE
        or not case.query
        or "cursor" not in case.query
    ):
        return case
    case.query = {k: v for k, v in case.query.items() if k != "cursor"}
    return case
