"""The explorer: server-rendered pages over the API, for people (see ``api.web.pages``).

``explorer_router()`` gives the pages (with their HTML error page; ``api.web._assets`` serves
the static files);
``template_config()`` the Jinja set-up with the plain-words helpers as template globals.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from litestar import Request, Router
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Template
from litestar.template.config import TemplateConfig

from api.web import _words
from api.web._assets import asset_url
from api.web._site import PageError
from api.web.pages import (
    codebook_page,
    coverage_page,
    event_page,
    events_page,
    overview_page,
    release_page,
    releases_page,
    source_page,
    sources_page,
)

__all__ = ["explorer_router", "template_config"]

WEB_DIR = Path(__file__).parent


def _render_error(request: Request[Any, Any, Any], exc: PageError) -> Template:
    return Template(
        template_name="error.html",
        context={"error": exc, "site": None, "labels": None},
        status_code=exc.status,
    )


def explorer_router() -> Router:
    """The explorer's pages, with failures rendered as an HTML error page."""
    return Router(
        path="/",
        route_handlers=[
            overview_page,
            events_page,
            event_page,
            sources_page,
            source_page,
            codebook_page,
            coverage_page,
            releases_page,
            release_page,
        ],
        exception_handlers={PageError: _render_error},
        include_in_schema=False,
    )


def _configure(engine: JinjaTemplateEngine) -> None:
    env: Environment = engine.engine
    env.globals.update(
        asset_url=asset_url,
        date_phrase=_words.date_phrase,
        day_phrase=_words.day_phrase,
        magnitude_phrase=_words.magnitude_phrase,
        number=_words.number,
        place_phrase=_words.place_phrase,
    )
    env.trim_blocks = True
    env.lstrip_blocks = True


def template_config() -> TemplateConfig[JinjaTemplateEngine]:
    """Jinja templates from ``api/web/templates`` (autoescaped)."""
    return TemplateConfig(
        directory=WEB_DIR / "templates",
        engine=JinjaTemplateEngine,
        engine_callback=_configure,
    )
