"""The one error shape: every error of every endpoint is the spec's ``Problem`` schema, served
as ``application/problem+json``, and the spec documents it so."""

from __future__ import annotations

import json

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.contract._engine import CONTRACT

SPEC = json.loads(CONTRACT.read_text())
PROBLEM = SPEC["components"]["schemas"]["Problem"]

# One request per endpoint that must fail, and the status it must fail with.
ERRORS = [
    ("/v1/events?limit=0", 400),
    ("/v1/events?release=9.9.9", 404),
    ("/v1/events?cursor=forged.cursor", 400),
    ("/v1/events/FL-999999", 404),
    ("/v1/events/FL-000005", 410),
    ("/v1/events/not-an-id", 400),
    ("/v1/stats/events", 400),
    ("/v1/stats/events?group_by=weekday", 400),
    ("/v1/sources?limit=-1", 400),
    ("/v1/sources/SRC-999999", 404),
    ("/v1/actors?release=0.0.1", 404),
    ("/v1/event-types?release=x", 400),
    ("/v1/campaigns?release=0.0.1", 404),
    ("/v1/coverage?release=0.0.1", 404),
    ("/v1/schema?release=0.0.1", 404),
    ("/v1/releases/0.0.1", 404),
    ("/v1/releases/1.1.0/files/nothing.bin", 400),
    ("/v1/releases/1.0.0/files/events.parquet", 404),
    ("/v1/releases/1.0.0/changes?since=1.1", 400),
    ("/nowhere", 404),
]


@pytest.mark.parametrize(("url", "status"), ERRORS)
def test_errors_have_the_problem_shape(client: TestClient[Litestar], url: str, status: int) -> None:
    resp = client.get(url)
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"] == "application/problem+json"
    doc = resp.json()
    assert set(doc) <= set(PROBLEM["properties"]), set(doc) - set(PROBLEM["properties"])
    assert set(PROBLEM.get("required", [])) <= set(doc)
    assert doc["status"] == status and doc["title"] and doc["detail"]
    assert doc.get("instance") == url.split("?")[0]
    if status == 400 and doc.get("errors"):
        assert all({"name", "reason"} <= set(e) for e in doc["errors"])


def test_range_and_method_errors_have_the_problem_shape(client: TestClient[Litestar]) -> None:
    resp = client.get("/v1/releases/1.1.0/files/manifest.json", headers={"Range": "bytes=999999-"})
    assert resp.status_code == 416
    assert resp.headers["content-type"] == "application/problem+json"
    resp = client.delete("/v1/events")
    assert resp.status_code == 405 and "GET" in resp.headers["allow"]
    assert resp.headers["content-type"] == "application/problem+json"


def test_spec_documents_every_error_as_problem() -> None:
    for path, item in SPEC["paths"].items():
        for method, op in item.items():
            for code, response in op["responses"].items():
                if int(code) < 400:
                    continue
                content = response.get("content", {})
                assert list(content) == ["application/problem+json"], (path, code)
                ref = content["application/problem+json"]["schema"]["$ref"]
                assert ref == "#/components/schemas/Problem", (path, method, code)
