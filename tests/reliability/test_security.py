"""Security posture: rate limiting, size and URL limits, security headers, CORS."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from api.app import create_app
from api.config import Settings
from api.records import EventType, Verification
from api.routes._middleware import MAX_HEADER_BYTES, MAX_TARGET_BYTES
from api.routes._query_rules import MAX_VALUES
from tests.reliability._support import live_server, load_database, problem_ok, write_two_releases

URLS = [
    "/v1/events",
    "/v1/events/FL-000001",
    "/v1/events/FL-999999",
    "/v1/events?limit=0",
    "/v1/stats/events?group_by=year",
    "/v1/sources",
    "/v1/releases",
    "/v1/releases/1.1.0/files/manifest.json",
    "/health",
    "/ready",
    "/nowhere",
    "/schema/openapi.json",
]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    root = tmp_path_factory.mktemp("security")
    first, second = write_two_releases(root / "releases")
    url = f"sqlite:///{root / 'db.sqlite'}"
    load_database(url, [first, second])
    return url, root / "releases"


def _client(loaded: tuple[str, Path], **settings: object) -> Iterator[TestClient[Litestar]]:
    app = create_app(Settings(database_url=loaded[0], releases_dir=loaded[1], **settings))  # type: ignore[arg-type]
    with TestClient(app) as client:
        yield client
    app.state.store.engine.dispose()


@pytest.fixture(scope="module")
def client(loaded: tuple[str, Path]) -> Iterator[TestClient[Litestar]]:
    yield from _client(loaded)


def test_rate_limit_answers_429_with_retry_after(loaded: tuple[str, Path]) -> None:
    for client in _client(loaded, rate_limit_per_minute=5):
        statuses = [client.get("/v1/events?limit=1").status_code for _ in range(5)]
        assert statuses == [200] * 5
        resp = client.get("/v1/events?limit=1")
        assert resp.status_code == 429
        assert problem_ok(429, resp.headers["content-type"], resp.content) is None
        assert int(resp.headers["retry-after"]) > 0
        # Probes are not rate limited: an orchestrator must always reach them.
        assert all(client.get(p).status_code == 200 for p in ["/health", "/ready"] * 5)


def test_rate_limiting_is_documented() -> None:
    spec = json.loads((Path(__file__).parents[2] / "openapi/openapi.json").read_text())
    assert "Retry-After" in spec["info"]["description"]
    for path, item in spec["paths"].items():
        if path.startswith("/v1/"):
            assert "429" in item["get"]["responses"], path


@pytest.mark.parametrize("url", URLS)
def test_security_headers_on_every_response(client: TestClient[Litestar], url: str) -> None:
    resp = client.get(url)
    assert resp.headers["x-content-type-options"] == "nosniff"
    csp = resp.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "server" not in resp.headers and "x-powered-by" not in resp.headers
    if not resp.is_success:
        assert resp.headers["content-type"].startswith("application/problem+json")


def test_cors_allows_only_safe_methods(client: TestClient[Litestar]) -> None:
    origin = {"Origin": "https://example.org"}
    resp = client.get("/v1/events?limit=1", headers=origin)
    assert resp.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in resp.headers
    pre = client.options("/v1/events", headers={**origin, "Access-Control-Request-Method": "GET"})
    assert pre.status_code in (200, 204)
    allowed = {m.strip() for m in pre.headers["access-control-allow-methods"].split(",")}
    assert allowed <= {"GET", "HEAD", "OPTIONS"}, allowed
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        bad = client.options(
            "/v1/events", headers={**origin, "Access-Control-Request-Method": method}
        )
        assert bad.status_code >= 400 or method not in bad.headers.get(
            "access-control-allow-methods", ""
        ), method


def test_request_bodies_are_not_accepted(client: TestClient[Litestar]) -> None:
    big = b"x" * (11 * 1024 * 1024)
    resp = client.post("/v1/events", content=big)
    assert resp.status_code == 405
    assert problem_ok(405, resp.headers["content-type"], resp.content) is None


def _longest_valid_events_target() -> str:
    """/v1/events with every parameter at its longest valid form (repeatables at MAX_VALUES)."""

    def longest(values: type[EventType] | type[Verification]) -> str:
        return max((v.value for v in values), key=len)

    params = (
        [("actor", "a" * 64)] * MAX_VALUES
        + [("campaign", "c" * 64)] * MAX_VALUES
        + [("country", "IR")] * MAX_VALUES
        + [("admin1", "IR-ABC")] * MAX_VALUES
        + [("source", "SRC-000001")] * MAX_VALUES
        + [("event_type", longest(EventType))] * MAX_VALUES
        + [("verification", longest(Verification))] * MAX_VALUES
        + [
            ("q", "\U0001f600" * 200),  # 200 characters, 12 bytes each once percent-encoded
            ("cursor", "x" * 512),
            ("release", "1" * 60 + ".0.0"),
            ("date_from", "2020-01-01"),
            ("date_to", "2021-01-01"),
            ("date_match", "overlaps"),
            ("min_confidence", "medium"),
            ("sort", "-date"),
            ("limit", "1000"),
            ("format", "geojson"),
        ]
    )
    return "/v1/events?" + urlencode(params)


def test_the_longest_valid_request_is_under_the_target_limit(
    client: TestClient[Litestar],
) -> None:
    target = _longest_valid_events_target()
    assert len(target) < MAX_TARGET_BYTES
    resp = client.get(target)
    # Refused for its content (no such release, actor, cursor), not for its length.
    assert resp.status_code in {400, 404}, resp.text[:300]


@pytest.mark.parametrize(
    ("status", "target", "headers"),
    [
        (414, "/v1/events?q=" + "a" * MAX_TARGET_BYTES, {}),
        (414, "/v1/events/" + "F" * MAX_TARGET_BYTES, {}),
        (414, "/health?" + "x" * MAX_TARGET_BYTES, {}),
        (431, "/v1/events", {"X-Big": "b" * MAX_HEADER_BYTES}),
        (431, "/v1/events", {f"X-H{i}": "v" * 100 for i in range(200)}),
    ],
    ids=["long-query", "long-path", "long-probe", "one-big-header", "many-headers"],
)
def test_request_limits_answer_problem_json(
    client: TestClient[Litestar], status: int, target: str, headers: dict[str, str]
) -> None:
    resp = client.get(target, headers=headers)
    assert problem_ok(status, resp.headers["content-type"], resp.content) is None, resp.text
    assert resp.headers["x-content-type-options"] == "nosniff"


def _raw(base_url: str, request: bytes) -> bytes:
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while True:
            try:
                data = sock.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not data:
                break
            chunks.append(data)
    return b"".join(chunks)


@pytest.mark.live
def test_live_server_limits_and_banner(loaded: tuple[str, Path], tmp_path: Path) -> None:
    """Over real HTTP: no version banner, oversized request lines and headers refused, raw
    invalid bytes in the target refused, never a 5xx."""
    with live_server(loaded[0], loaded[1], log_dir=tmp_path) as server:
        ok = _raw(
            server.base_url,
            b"GET /v1/events?limit=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
        head = ok.split(b"\r\n\r\n", 1)[0].lower()
        assert head.startswith(b"http/1.1 200")
        assert b"\r\nserver:" not in head and b"uvicorn" not in head
        for status, request in (
            (414, b"GET /v1/events?q=" + b"a" * 40_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"),
            (431, b"GET /v1/events HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 40_000 + b"\r\n\r\n"),
        ):
            # Above our limits, within the transport's: the one problem+json shape.
            answer = _raw(
                server.base_url, request.replace(b"x\r\n", b"x\r\nConnection: close\r\n", 1)
            )
            head, _, body = answer.partition(b"\r\n\r\n")
            assert head.startswith(f"HTTP/1.1 {status} ".encode()), answer[:200]
            assert b"content-type: application/problem+json" in head.lower()
            assert json.loads(body)["status"] == status
        cases = {
            "long-url": b"GET /v1/events?q=" + b"a" * 200_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
            "long-header": b"GET /v1/events HTTP/1.1\r\nHost: x\r\nX-Big: "
            + b"b" * 200_000
            + b"\r\n\r\n",
            "raw-invalid-utf8": b"GET /v1/events?actor=\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n",
            "raw-null": b"GET /v1/events/FL-\x00 HTTP/1.1\r\nHost: x\r\n\r\n",
        }
        for name, request in cases.items():
            answer = _raw(server.base_url, request)
            status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0
            # The server answers 400 and closes (or the peer sees the close first: status 0);
            # never 5xx, never a trace.
            assert status == 0 or 400 <= status < 500, (name, answer[:200])
            assert b"Traceback" not in answer, name
