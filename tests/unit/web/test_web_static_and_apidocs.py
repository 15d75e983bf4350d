"""/schema and /static/ without a browser: the page policy, no inline script, caching."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from api.app import create_app
from api.config import Settings
from api.web._assets import STATIC_DIR, asset_url

_PAGE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient[Litestar]]:
    db = tmp_path_factory.mktemp("web") / "db.sqlite"
    with TestClient(create_app(Settings(database_url=f"sqlite:///{db}"))) as client:
        yield client


def _policy(header: str) -> dict[str, list[str]]:
    directives = (d.split() for d in header.split(";") if d.strip())
    return {name: values for name, *values in directives}


@pytest.mark.parametrize("path", ["/schema", "/schema/swagger"])
def test_the_reference_page_is_self_contained(client: TestClient[Litestar], path: str) -> None:
    resp = client.get(path)
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/html")
    policy = _policy(resp.headers["content-security-policy"])
    style = policy.pop("style-src")
    assert policy == _PAGE_POLICY
    assert style[0] == "'self'" and all(
        re.fullmatch(r"'sha256-[\w+/]+={0,2}'", s) for s in style[1:]
    )
    html = resp.text
    assert "http://" not in html and "https://" not in html and "//" not in html.replace("://", "")
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert len(scripts) == 2 and all(" src=" in tag for tag in scripts)
    assert re.findall(r"<script\b[^>]*>([^<]*)</script>", html) == ["", ""]
    assert "<style" not in html and " style=" not in html
    for url in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert "max-age=31536000" in asset.headers["cache-control"]
        assert "immutable" in asset.headers["cache-control"]


def test_static_files_are_the_bytes_on_disk(client: TestClient[Litestar]) -> None:
    resp = client.get(asset_url("vendor/d3/d3.min.js"))
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/javascript")
    assert resp.content == (STATIC_DIR / "vendor/d3/d3.min.js").read_bytes()


@pytest.mark.parametrize("path", ["/static/nope.js", "/static/../pyproject.toml", "/static/"])
def test_no_static_file_is_a_problem_404(client: TestClient[Litestar], path: str) -> None:
    resp = client.get(path)
    assert resp.status_code == 404
    assert resp.headers["content-type"] == "application/problem+json"


def test_asset_urls_carry_a_digest_of_the_file() -> None:
    url = asset_url("apidocs/init.js")
    assert re.fullmatch(r"/static/apidocs/init\.js\?v=[0-9a-f]{12}", url)
    with pytest.raises(ValueError, match="no static file"):
        asset_url("apidocs/missing.js")
    with pytest.raises(ValueError, match="no static file"):
        asset_url(str(Path("..") / "_assets.py"))
