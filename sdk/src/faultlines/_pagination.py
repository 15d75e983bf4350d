"""Auto-pagination through the API's opaque ``next_cursor``, as sync and async iterators."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from typing import Generic, TypeVar

from msgspec import UNSET, UnsetType

from faultlines._errors import FaultlinesError

__all__ = ["AsyncPager", "SyncPager", "none_if_unset"]

P = TypeVar("P")
T = TypeVar("T")


def none_if_unset(cursor: str | UnsetType | None) -> str | None:
    """A cursor field absent from the body (``UNSET``) means there is no next page."""
    return None if cursor is UNSET else cursor


class _PagerBase(Generic[P, T]):
    def __init__(
        self,
        items: Callable[[P], Sequence[T]],
        next_cursor: Callable[[P], str | None],
        cursor: str | None,
    ) -> None:
        self._items = items
        self._next_cursor = next_cursor
        self._start = cursor

    def _advance(self, page: P, seen: set[str]) -> str | None:
        cursor = self._next_cursor(page)
        if cursor is not None:
            # A server bug handing back a cursor twice would otherwise loop forever.
            if cursor in seen:
                raise FaultlinesError(f"the API returned the cursor {cursor!r} twice")
            seen.add(cursor)
        return cursor


class SyncPager(_PagerBase[P, T]):
    """Iterates every item of every page; ``pages()`` iterates the pages themselves.

    Pages are fetched lazily, one request per page, as iteration reaches them.
    """

    def __init__(
        self,
        fetch: Callable[[str | None], P],
        items: Callable[[P], Sequence[T]],
        next_cursor: Callable[[P], str | None],
        cursor: str | None = None,
    ) -> None:
        super().__init__(items, next_cursor, cursor)
        self._fetch = fetch

    def pages(self) -> Iterator[P]:
        """Yield each page, following ``next_cursor`` until the last one."""
        cursor, seen = self._start, set[str]()
        while True:
            page = self._fetch(cursor)
            yield page
            cursor = self._advance(page, seen)
            if cursor is None:
                return

    def __iter__(self) -> Iterator[T]:
        for page in self.pages():
            yield from self._items(page)


class AsyncPager(_PagerBase[P, T]):
    """Async twin of :class:`SyncPager`: ``async for item in pager`` / ``pager.pages()``."""

    def __init__(
        self,
        fetch: Callable[[str | None], Awaitable[P]],
        items: Callable[[P], Sequence[T]],
        next_cursor: Callable[[P], str | None],
        cursor: str | None = None,
    ) -> None:
        super().__init__(items, next_cursor, cursor)
        self._fetch = fetch

    async def pages(self) -> AsyncIterator[P]:
        """Yield each page, following ``next_cursor`` until the last one."""
        cursor, seen = self._start, set[str]()
        while True:
            page = await self._fetch(cursor)
            yield page
            cursor = self._advance(page, seen)
            if cursor is None:
                return

    async def _iterate(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in self._items(page):
                yield item

    def __aiter__(self) -> AsyncIterator[T]:
        return self._iterate()
