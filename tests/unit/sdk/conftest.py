"""Fixtures of the SDK unit tests."""

from __future__ import annotations

import pytest
from faultlines import _retry


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record every wait of the retry loop (sync and async) instead of sleeping."""
    waited: list[float] = []

    async def fake_async_sleep(seconds: float) -> None:
        waited.append(seconds)

    monkeypatch.setattr(_retry, "sleep", waited.append)
    monkeypatch.setattr(_retry, "async_sleep", fake_async_sleep)
    return waited
