"""The API reference at ``/schema``: Swagger UI from the vendored assets, no network, strict CSP.

Litestar's own render plugins write inline scripts and load their bundles from public CDNs, so
the page was blank offline and under our Content-Security-Policy. This page loads
``swagger-ui-dist`` from ``/static/vendor/`` and starts it from an external script
(``static/apidocs/init.js``) that reads the document's URL from a data attribute: no inline
script, no inline style, nothing from another origin.

Swagger UI was chosen because it renders under ``script-src 'self'; style-src 'self'``
(checked in Chromium): Redoc (2.x and 3.x) injects its styles at run time (needs
``style-src 'unsafe-inline'``), starts its search worker from a ``blob:`` URL and loads a logo
from its CDN; Scalar renders but also needs ``style-src 'unsafe-inline'``.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from litestar.openapi.plugins import OpenAPIRenderPlugin

from api.web._assets import asset_url

if TYPE_CHECKING:
    from litestar.connection import Request

__all__ = ["OfflineSwaggerRenderPlugin"]

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — reference</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{css}">
<link rel="stylesheet" href="{page_css}">
</head>
<body>
<div id="swagger-ui" data-spec-url="{spec_url}">
<noscript><p>The interactive reference needs JavaScript; the OpenAPI document is at
<a href="{spec_url}">{spec_url}</a>.</p></noscript>
</div>
<script src="{bundle}"></script>
<script src="{init}"></script>
</body>
</html>
"""


class OfflineSwaggerRenderPlugin(OpenAPIRenderPlugin):
    """Swagger UI served from the app's own static files, started by an external script."""

    def __init__(self, path: str | list[str] | None = None) -> None:
        """Serve the reference at ``path`` under the OpenAPI root (``/`` and ``/swagger``)."""
        super().__init__(path=path or ["/", "/swagger"], favicon="", style="")

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        """The HTML page; the browser fetches the document from the JSON route."""
        title = str(openapi_schema.get("info", {}).get("title", "API"))
        page = _PAGE.format(
            title=escape(title),
            spec_url=escape(self.get_openapi_json_route(request)),
            css=asset_url("vendor/swagger-ui-dist/swagger-ui.css"),
            page_css=asset_url("apidocs/apidocs.css"),
            bundle=asset_url("vendor/swagger-ui-dist/swagger-ui-bundle.js"),
            init=asset_url("apidocs/init.js"),
        )
        return page.encode("utf-8")
