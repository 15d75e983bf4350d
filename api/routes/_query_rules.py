"""Strict query strings: what an operation accepts is what its OpenAPI document declares.

Litestar reads the parameters it knows and ignores the rest, and reads one value of a
parameter given several times. For a research API that is a trap: ``evnt_type=desertion``
(a typo) silently returns every event, and ``sort=date&sort=-date`` returns one of the two
orders. So before a ``/v1`` handler runs, its query string is checked against the document:

- a parameter the operation does not declare is a 400 naming it and listing the valid ones;
- a single-valued parameter given more than once is a 400;
- a repeatable parameter given more than its ``maxItems`` times (``MAX_VALUES`` unless the
  document says fewer) is a 400;
- an integer parameter must be written in decimal digits (``limit=1e3`` and ``limit=0x10``
  are refused rather than guessed at).

The rules are read from the same document that is exported as ``openapi/openapi.json``, so
the contract and the behaviour cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

from litestar import Litestar, Request
from litestar.openapi.spec import OpenAPIType, Parameter, Schema

from api.errors import BadRequest, InvalidParam

__all__ = ["MAX_VALUES", "QueryRule", "query_rules", "strict_query_hook"]

MAX_VALUES = 50
"""Most values a repeatable query parameter takes (OR over more than this is a download job)."""

_MAX_LISTED = 10
_DECIMAL = re.compile(r"-?[0-9]{1,19}")


@dataclass(frozen=True)
class QueryRule:
    """How often a query parameter may appear, and whether its values are integers."""

    max_count: int
    integer: bool = False


def _arms(schema: Schema) -> list[Schema]:
    return [a for a in (schema.one_of or [schema]) if isinstance(a, Schema)]


def _rule(schema: Schema) -> QueryRule:
    arms = _arms(schema)
    for arm in arms:
        if arm.type == OpenAPIType.ARRAY:
            # enrich_openapi gives every repeatable parameter a maxItems of MAX_VALUES or less
            return QueryRule(max_count=arm.max_items or MAX_VALUES)
    return QueryRule(max_count=1, integer=any(a.type == OpenAPIType.INTEGER for a in arms))


def query_rules(app: Litestar, prefix: str = "/v1/") -> dict[str, dict[str, QueryRule]]:
    """Operation id -> parameter name -> rule, for the GET operations under ``prefix``."""
    rules: dict[str, dict[str, QueryRule]] = {}
    for path, item in (app.openapi_schema.paths or {}).items():
        op = item.get
        if op is None or not op.operation_id or not path.startswith(prefix):
            continue
        accepted: dict[str, QueryRule] = {}
        for param in op.parameters or []:
            if isinstance(param, Parameter) and param.param_in == "query":
                schema = param.schema if isinstance(param.schema, Schema) else Schema()
                accepted[param.name] = _rule(schema)
        rules[op.operation_id] = accepted
    return rules


def _problems(
    values: dict[str, list[str]], accepted: dict[str, QueryRule]
) -> Iterator[InvalidParam]:
    for name, given in values.items():
        count = len(given)
        rule = accepted.get(name)
        if rule is None:
            valid = ", ".join(sorted(accepted)) or "none"
            yield InvalidParam(
                name=name[:64],
                reason=f"not a parameter of this endpoint (it takes: {valid})",
                location="query",
            )
        elif count > rule.max_count:
            reason = (
                f"given {count} times; it takes one value"
                if rule.max_count == 1
                else f"given {count} times; at most {rule.max_count} values"
            )
            yield InvalidParam(name=name, reason=reason, location="query")
        elif rule.integer and not all(_DECIMAL.fullmatch(v) for v in given):
            yield InvalidParam(
                name=name, reason="must be an integer in decimal digits", location="query"
            )


def strict_query_hook(
    rules: dict[str, dict[str, QueryRule]],
) -> Callable[[Request[Any, Any, Any]], Awaitable[None]]:
    """A ``before_request`` hook refusing query strings that break ``rules`` (400)."""

    async def check(request: Request[Any, Any, Any]) -> None:
        accepted = rules.get(str(request.route_handler.operation_id or ""))
        if accepted is None or not request.scope.get("query_string"):
            return
        values = request.query_params.dict()
        problems = sorted(_problems(values, accepted), key=lambda p: p.name)
        if not problems:
            return
        detail = "; ".join(f"'{p.name}': {p.reason}" for p in problems[:3])
        if len(problems) > 3:
            detail += f"; and {len(problems) - 3} more"
        raise BadRequest(
            f"invalid query string: {detail}",
            errors=problems[:_MAX_LISTED],
        )

    return check
