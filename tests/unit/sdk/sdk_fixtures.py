"""Fixtures of the SDK unit tests: JSON bodies shaped like the API's, and a fake API."""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx

PROBLEM = "application/problem+json"


def event_json(n: int, **overrides: Any) -> dict[str, Any]:
    """An event record as the API serves it."""
    data: dict[str, Any] = {
        "id": f"FL-{n:06d}",
        "status": "active",
        "merged_into": None,
        "status_reason": None,
        "event_type": "desertion",
        "title": f"Fixture event number {n}",
        "summary": f"A fixture event number {n} written for the SDK unit tests.",
        "date_start": "2022-10-01",
        "date_end": "2022-10-03",
        "date_precision": "range",
        "date_basis": "stated",
        "date_note": None,
        "location": {
            "country": "IR",
            "admin1": "IR-23",
            "place_name": "Tehran",
            "latitude": 35.7,
            "longitude": 51.4,
            "geo_precision": "city",
        },
        "actors": [
            {"organisation": "basij", "role": "defector", "rank_tier": "volunteer",
             "unit": None, "people": []},
        ],
        "magnitudes": {
            "participants": {"low": 5000, "best": None, "high": None, "qualifier": "at_least",
                             "note": None},
            "cases": None,
            "killed": None,
            "arrested": None,
        },
        "campaign": "woman_life_freedom_2022",
        "related_events": [],
        "reports": [
            {"source": "SRC-000001", "claimant_type": "anonymous_insider",
             "claimant": "a member", "via": [], "cites_source": None, "stance": "asserts",
             "description": "The source says members deserted."},
        ],
        "verification": "single_source",
        "confidence": "low",
        "coder_notes": None,
    }  # fmt: skip
    data.update(overrides)
    return data


def meta(next_cursor: str | None = None, count: int = 0, total: int = 0) -> dict[str, Any]:
    """The ``meta`` member of a page."""
    return {
        "release": "1.0.0",
        "schema_version": "1.0.0",
        "count": count,
        "total": max(total, count),
        "total_exact": True,
        "limit": 2,
        "next_cursor": next_cursor,
    }


def event_page(ids: list[int], next_cursor: str | None) -> dict[str, Any]:
    """A page of events."""
    return {
        "data": [event_json(n) for n in ids],
        "meta": meta(next_cursor, len(ids)),
        "links": {"self": "/v1/events", "next": None},
    }


def problem(status: int, title: str, detail: str, **extensions: Any) -> httpx.Response:
    """A problem+json response."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail,
            "instance": "/v1/events", **extensions}  # fmt: skip
    return httpx.Response(status, content=json.dumps(body), headers={"content-type": PROBLEM})


def json_response(body: Any, status: int = 200, **headers: str) -> httpx.Response:
    """A JSON response."""
    return httpx.Response(status, json=body, headers=headers)


def sha256(data: bytes) -> str:
    """Hex SHA-256."""
    return hashlib.sha256(data).hexdigest()


class BrokenStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that sends ``data`` and then drops the connection."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def __iter__(self) -> Iterator[bytes]:
        yield self.data
        raise httpx.ReadError("connection reset by peer")

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self.data
        raise httpx.ReadError("connection reset by peer")


@dataclass
class FakeReleaseServer:
    """Serves release files like ``/v1/releases/{v}/files/{name}``, with Range support.

    ``served`` can differ from ``files`` to simulate tampering; ``break_after`` makes the first
    full transfer of a file drop the connection after that many bytes.
    """

    files: dict[str, bytes]
    served: dict[str, bytes] = field(default_factory=dict)
    break_after: dict[str, int] = field(default_factory=dict)
    ignore_range: bool = False
    requests: list[httpx.Request] = field(default_factory=list)

    def sums(self) -> bytes:
        lines = [f"{sha256(self.files[name])}  {name}\n" for name in sorted(self.files)]
        return "".join(lines).encode()

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        prefix = "/v1/releases/1.0.0/files/"
        if not request.url.path.startswith(prefix):
            return problem(404, "Not Found", f"no route matches {request.url.path}")
        name = request.url.path.removeprefix(prefix)
        if name == "SHA256SUMS":
            return httpx.Response(200, content=self.sums())
        if name not in self.files:
            return problem(404, "Not Found", f"no file {name}")
        body = self.served.get(name, self.files[name])
        start = 0
        range_header = request.headers.get("range")
        status = 200
        headers = {"accept-ranges": "bytes"}
        if range_header and not self.ignore_range:
            start = int(range_header.removeprefix("bytes=").rstrip("-"))
            if start >= len(body):
                return problem(416, "Range Not Satisfiable", "past the end")
            status = 206
            headers["content-range"] = f"bytes {start}-{len(body) - 1}/{len(body)}"
        chunk = body[start:]
        cut = self.break_after.pop(name, None)
        if cut is not None:
            return httpx.Response(status, headers=headers, stream=BrokenStream(chunk[:cut]))
        headers["content-length"] = str(len(chunk))
        return httpx.Response(status, headers=headers, content=chunk)


Handler = Callable[[httpx.Request], httpx.Response]
