"""The application factory: ``create_app()`` is the only place an app object is made."""

from __future__ import annotations

import logging
from typing import Any

from litestar import Litestar, Request
from litestar.config.compression import CompressionConfig
from litestar.config.cors import CORSConfig
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Contact, License, Server, Tag
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from api.config import Settings
from api.db.engine import create_db_engine, init_schema
from api.db.reads import Store
from api.errors import exception_handlers
from api.routes import events, health, releases, sources, stats, vocab
from api.routes._access_log import access_log
from api.routes._encoding_etags import etag_per_encoding
from api.routes._fast_lane import event_fast_lane
from api.routes._middleware import head_as_get, security_headers
from api.routes._query_rules import query_rules, strict_query_hook
from api.routes._spec import enrich_openapi
from api.web import explorer_router, template_config
from api.web._apidocs import OfflineSwaggerRenderPlugin
from api.web._assets import static_files_router
from api.web._internal import INTERNAL_CLIENT

__all__ = ["API_VERSION", "create_app"]

API_VERSION = "1.4.0"
_log = logging.getLogger("api")

_DESCRIPTION = """\
Read-only API over the Fault Lines releases: security-force defection, insubordination and
insider dissent events, with their reports and sources.

Every data endpoint accepts `release=` (as-of queries on older releases; the latest by
default). Data is immutable per release: responses carry a strong `ETag` (answer
`If-None-Match` with 304) and `Cache-Control`. Errors are RFC 9457 `application/problem+json`
(schema `Problem`). When rate limiting is configured, excess requests get 429 with
`Retry-After` (seconds).
"""


def _openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="Fault Lines API",
        version=API_VERSION,
        description=_DESCRIPTION,
        contact=Contact(name="Fault Lines"),
        license=License(name="CC BY 4.0 (data), MIT (code)"),
        servers=[Server(url="/", description="this server")],
        tags=[
            Tag(name="events", description="Events and their reports."),
            Tag(name="stats", description="Aggregates over events."),
            Tag(name="sources", description="Source documents."),
            Tag(name="vocab", description="Vocabularies, coverage and the record schema."),
            Tag(name="releases", description="Releases, files and change lists."),
            Tag(name="service", description="Liveness and readiness."),
        ],
        path="/schema",
        # Swagger UI from the vendored assets at /schema and /schema/swagger (no CDN, strict CSP)
        render_plugins=[OfflineSwaggerRenderPlugin()],
        use_handler_docstrings=False,
        create_examples=False,
    )


def _not_internal(request: Request[Any, Any, Any]) -> bool:
    return request.scope.get("client") != INTERNAL_CLIENT


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> Litestar:
    """Build the app from ``settings`` (environment by default) and an optional engine."""
    settings = settings or Settings.from_env()
    engine = engine or create_db_engine(
        settings.database_url, settings.db_connect_timeout, settings.sqlite_cache_kb
    )
    store = Store(engine, settings.cursor_secret, settings.sqlite_cache_kb)

    def _startup() -> None:
        try:
            init_schema(engine)
        except SQLAlchemyError as exc:  # the service starts; /ready says 503 until it works
            _log.warning("database not ready at start-up: %s", exc)

    middleware = []
    if settings.rate_limit_per_minute > 0:
        middleware.append(
            RateLimitConfig(
                rate_limit=("minute", settings.rate_limit_per_minute),
                exclude=["/health", "/ready", "/static/"],
                # a page's own calls to the API count as the page view, not one each
                check_throttle_handler=_not_internal,
            ).middleware
        )
    app = Litestar(
        route_handlers=[
            events.list_events,
            events.get_event,
            stats.event_stats,
            stats.event_facets,
            sources.list_sources,
            sources.get_source,
            vocab.list_actors,
            vocab.list_event_types,
            vocab.list_campaigns,
            vocab.list_coverage,
            vocab.get_record_schema,
            releases.list_releases,
            releases.get_release,
            releases.get_release_file,
            releases.get_release_changes,
            health.health,
            health.ready,
            explorer_router(),
            static_files_router(),
        ],
        template_config=template_config(),
        on_startup=[_startup],
        exception_handlers=exception_handlers,
        openapi_config=_openapi_config(),
        compression_config=CompressionConfig(
            backend="gzip", minimum_size=500, exclude=["/v1/releases/.*/files/"]
        ),
        cors_config=CORSConfig(
            allow_origins=["*"],
            allow_methods=["GET", "HEAD", "OPTIONS"],
            allow_headers=["Accept", "If-None-Match", "Range", "If-Range"],
            expose_headers=["ETag", "Link", "Content-Range", "Retry-After", "Content-Length"],
            allow_credentials=False,
        ),
        middleware=middleware,
        state=None,
        debug=False,
    )
    app.state.store = store
    app.state.settings = settings
    app.asgi_handler = security_headers(etag_per_encoding(head_as_get(app.asgi_handler)))
    if settings.fast_lane and store.reads_inline and settings.rate_limit_per_minute == 0:
        app.asgi_handler = event_fast_lane(app.asgi_handler, store)
    if settings.access_log:
        app.asgi_handler = access_log(app.asgi_handler)
    enrich_openapi(app)
    # After the document is final: the hook enforces what it declares.
    app.before_request = strict_query_hook(query_rules(app))
    return app
