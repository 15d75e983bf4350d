"""Output formats of the events list: JSON envelope, NDJSON, CSV and GeoJSON."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from litestar import Request

__all__ = ["FORMATS", "MEDIA_TYPES", "Format", "geojson_feature", "negotiate"]

Format = Literal["json", "ndjson", "csv", "geojson"]
FORMATS: tuple[Format, ...] = ("json", "ndjson", "csv", "geojson")
MEDIA_TYPES: dict[str, str] = {
    "json": "application/json",
    "ndjson": "application/x-ndjson",
    "csv": "text/csv",
    "geojson": "application/geo+json",
}
_ACCEPT: dict[str, Format] = {
    "application/json": "json",
    "application/x-ndjson": "ndjson",
    "application/ndjson": "ndjson",
    "text/csv": "csv",
    "application/geo+json": "geojson",
}


def negotiate(request: Request[Any, Any, Any], explicit: Format | None) -> Format:
    """``format=`` wins; otherwise the first known media type in ``Accept``; JSON by default."""
    if explicit is not None:
        return explicit
    accept = request.headers.get("accept", "")
    ranked: list[tuple[float, int, Format]] = []
    for i, part in enumerate(accept.split(",")):
        media, *opts = (p.strip() for p in part.split(";"))
        fmt = _ACCEPT.get(media.lower())
        if fmt is None:
            continue
        q = 1.0
        for opt in opts:
            if opt.startswith("q="):
                try:
                    q = float(opt[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, i, fmt))
    return min(ranked)[2] if ranked else "json"


def geojson_feature(event_id: str, lat: float | None, lon: float | None, body: bytes) -> bytes:
    """One GeoJSON feature, the record as its properties (pre-encoded, no re-serialisation).

    An event without coordinates is still a feature, with ``"geometry": null`` (RFC 7946,
    3.2): a map shows what it can place, and the collection holds every matching event.
    """
    if lat is None or lon is None:
        geometry = b"null"
    else:
        geometry = (
            b'{"type":"Point","coordinates":[' + repr(lon).encode() + b"," + repr(lat).encode()
        ) + b"]}"
    return (
        b'{"type":"Feature","id":"'
        + event_id.encode()
        + b'","geometry":'
        + geometry
        + b',"properties":'
        + body
        + b"}"
    )


def chunked(rows: Iterator[bytes], size: int = 256) -> Iterator[bytes]:
    """Group small byte strings into larger chunks for streaming."""
    buf: list[bytes] = []
    for row in rows:
        buf.append(row)
        if len(buf) >= size:
            yield b"".join(buf)
            buf = []
    if buf:
        yield b"".join(buf)
