"""When to retry a request and how long to wait first, shared by the sync and async clients."""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field

import httpx

from faultlines._errors import parse_retry_after

__all__ = ["RetryPolicy", "async_sleep", "sleep"]


@dataclass(frozen=True, kw_only=True)
class RetryPolicy:
    """Retries with exponential backoff and full jitter, honouring ``Retry-After``.

    Every request the SDK makes is a read (GET), so retrying it is always safe.
    """

    max_retries: int = 3
    """Retries after the first attempt; 0 disables retrying."""
    backoff_initial: float = 0.5
    """Upper bound, in seconds, of the first backoff; it doubles with every retry."""
    backoff_max: float = 8.0
    """Cap, in seconds, of the exponential backoff."""
    max_retry_after: float = 60.0
    """Longest ``Retry-After`` (seconds) the client waits out; a longer one raises at once."""
    retry_statuses: frozenset[int] = frozenset({429, 500, 502, 503, 504})
    """HTTP statuses that are retried (rate limiting and transient server failures)."""
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)
    """Source of jitter (seed it for reproducible delays)."""

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        if self.backoff_initial < 0 or self.backoff_max < 0 or self.max_retry_after < 0:
            raise ValueError("backoff and Retry-After bounds must be >= 0")

    def backoff(self, retry: int) -> float:
        """Full-jitter delay before retry number ``retry`` (0-based): uniform in [0, cap]."""
        cap = min(self.backoff_max, self.backoff_initial * (2**retry))
        return self.rng.uniform(0.0, cap)

    def delay_for_status(self, response: httpx.Response, retry: int) -> float | None:
        """Seconds to wait before retrying after ``response``, or ``None`` not to retry."""
        if retry >= self.max_retries or response.status_code not in self.retry_statuses:
            return None
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        if retry_after is None:
            return self.backoff(retry)
        if retry_after > self.max_retry_after:
            return None
        return retry_after

    def delay_for_error(self, retry: int) -> float | None:
        """Seconds to wait before retrying after a transport error, or ``None`` not to retry."""
        if retry >= self.max_retries:
            return None
        return self.backoff(retry)


# Every wait goes through these two names (looked up at call time), so tests can record the
# delays instead of sleeping.
def sleep(seconds: float) -> None:
    """Block for ``seconds``."""
    time.sleep(seconds)


async def async_sleep(seconds: float) -> None:
    """Wait ``seconds`` without blocking the event loop."""
    await asyncio.sleep(seconds)
