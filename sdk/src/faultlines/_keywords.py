"""Resource methods refuse an unknown keyword with a ``TypeError`` naming the valid ones.

Methods taking ``**filters: Unpack[EventFilters]`` accept any keyword at run time, so without
this check a typo would reach the server as a parameter, and ``events.iter(limit=3)`` would
collide with the ``limit`` the pager passes itself. Every public resource method is wrapped, so
the error reads the same everywhere: the bad keyword, the closest valid one, the full list.
"""

from __future__ import annotations

import difflib
import functools
import inspect
from collections.abc import Callable, Mapping
from typing import Any, ParamSpec, TypeVar

__all__ = ["accepts"]

P = ParamSpec("P")
R = TypeVar("R")

_NAMED = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)


def _declared(func: Callable[..., Any], typed: tuple[type, ...]) -> tuple[str, ...]:
    names = [
        p.name
        for p in inspect.signature(func).parameters.values()
        if p.kind in _NAMED and p.name != "self"
    ]
    for typed_dict in typed:  # the keys of the TypedDicts unpacked into **kwargs
        names.extend(typed_dict.__annotations__)
    return tuple(dict.fromkeys(names))


def _message(where: str, bad: str, valid: tuple[str, ...], hints: Mapping[str, str]) -> str:
    message = f"{where}() got an unexpected keyword argument {bad!r}"
    if bad in hints:
        message += f" ({hints[bad]})"
    else:
        close = difflib.get_close_matches(bad, valid, n=1)
        if close:
            message += f" (did you mean {close[0]!r}?)"
    return f"{message}; valid keywords: {', '.join(valid) or 'none'}"


def accepts(
    *typed: type, hints: Mapping[str, str] | None = None
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Wrap a method so that a keyword it does not declare raises ``TypeError`` listing them.

    ``typed`` are TypedDicts unpacked into the method's ``**kwargs``; their keys are valid too.
    ``hints`` maps a likely mistake to advice (``{"limit": "use page_size="}``).
    """

    def wrap(func: Callable[P, R]) -> Callable[P, R]:
        valid = _declared(func, typed)
        where = func.__qualname__
        advice = dict(hints or {})

        @functools.wraps(func)
        def checked(*args: P.args, **kwargs: P.kwargs) -> R:
            for name in kwargs:
                if name not in valid:
                    raise TypeError(_message(where, name, valid, advice))
            return func(*args, **kwargs)

        return checked

    return wrap
