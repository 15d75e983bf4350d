"""``/health`` (liveness) and ``/ready`` (database reachable and a release loaded)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from sqlalchemy.exc import SQLAlchemyError

from api.errors import ServiceUnavailable
from api.routes._common import problem_responses, store_of
from api.schemas.vocab import Health, Readiness

__all__ = ["health", "ready"]


@get(
    "/health",
    operation_id="getHealth",
    summary="Liveness",
    tags=["service"],
    description="Always 200 while the process serves requests.",
    cache_control=None,
)
async def health() -> Response[Health]:
    """Liveness probe."""
    return Response(Health(status="ok"), headers={"Cache-Control": "no-store"})


@get(
    "/ready",
    operation_id="getReadiness",
    summary="Readiness",
    tags=["service"],
    description="200 when the database answers and a release is loaded; 503 otherwise.",
    sync_to_thread=True,
    responses=problem_responses(503),
)
def ready(request: Request[Any, Any, Any]) -> Response[Readiness]:
    """Readiness probe."""
    store = store_of(request)
    try:
        with store.connect() as conn:
            current = store.current_ordinal(conn)
            version = store.resolve(conn, None).version if current is not None else None
    except SQLAlchemyError as exc:
        raise ServiceUnavailable(
            "the database is unreachable", headers={"Retry-After": "5"}
        ) from exc
    if version is None:
        raise ServiceUnavailable("no release is loaded yet")
    return Response(
        Readiness(status="ready", release=version), headers={"Cache-Control": "no-store"}
    )
