"""The explorer's in-process API client: immutable answers kept, recent ones for a second."""

from __future__ import annotations

import asyncio

from litestar import Litestar, get

from api.web._internal import InternalApi


def _counting_app() -> tuple[Litestar, list[int]]:
    calls: list[int] = []

    @get("/v1/releases", sync_to_thread=False)
    def releases() -> dict[str, int]:
        calls.append(1)
        return {"n": len(calls)}

    return Litestar([releases]), calls


def test_recent_answers_are_reused_within_their_age_only() -> None:
    app, calls = _counting_app()

    async def run() -> list[int]:
        api = InternalApi(app)
        first = await api.get_recent("/v1/releases", max_age=60)
        again = await api.get_recent("/v1/releases", max_age=60)
        fresh = await api.get_recent("/v1/releases", max_age=0)
        await api.aclose()
        return [first.body["n"], again.body["n"], fresh.body["n"]]

    assert asyncio.run(run()) == [1, 1, 2]
    assert len(calls) == 2


def test_derived_values_are_computed_once() -> None:
    app, _ = _counting_app()
    api = InternalApi(app)
    seen: list[int] = []
    assert api.derived("k", lambda: seen.append(1) or 7) == 7
    assert api.derived("k", lambda: seen.append(1) or 8) == 7
    assert seen == [1]
