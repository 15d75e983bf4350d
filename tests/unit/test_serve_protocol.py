"""``serve``'s HTTP protocol: uvicorn's httptools parser with the request head bounded as h11's was.

A real server on a loopback port (uvicorn's protocol class over asyncio), driven with raw
sockets: the head limit counts each request's head afresh, bodies are not counted, and a head
over the limit gets a 400 and a closed connection before the app runs.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator

import pytest
import uvicorn
from uvicorn.server import ServerState

from api._server import BoundedHttpToolsProtocol

LIMIT = 8 * 1024
CALLS: list[tuple[str, int]] = []


async def _app(scope: dict, receive, send) -> None:  # type: ignore[no-untyped-def]
    if scope["type"] != "http":
        return
    size = 0
    while True:
        message = await receive()
        size += len(message.get("body", b""))
        if not message.get("more_body"):
            break
    CALLS.append((scope["path"], size))
    body = f"{scope['path']} {size}".encode()
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    config = uvicorn.Config(
        _app, http=BoundedHttpToolsProtocol, h11_max_incomplete_event_size=LIMIT
    )
    config.load()
    state = ServerState()
    loop = asyncio.new_event_loop()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    server = loop.run_until_complete(
        loop.create_server(
            lambda: BoundedHttpToolsProtocol(config=config, server_state=state, app_state={}),
            sock=sock,
        )
    )
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    yield sock.getsockname()[1]
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)
    server.close()


def _complete(data: bytes) -> list[bytes]:
    """The complete responses at the start of ``data`` (each framed by its Content-Length)."""
    out = []
    while b"\r\n\r\n" in data:
        head, rest = data.split(b"\r\n\r\n", 1)
        length = next(
            (
                int(line.split(b":")[1])
                for line in head.lower().split(b"\r\n")
                if line.startswith(b"content-length:")
            ),
            0,
        )
        if len(rest) < length:
            break
        out.append(head + b"\r\n\r\n" + rest[:length])
        data = rest[length:]
    return out


def _exchange(port: int, chunks: list[bytes], responses: int) -> list[bytes]:
    """Send ``chunks`` one by one, then read until ``responses`` answers or the peer closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        for chunk in chunks:
            try:
                sock.sendall(chunk)
            except (BrokenPipeError, ConnectionResetError):
                break
        data = b""
        while len(_complete(data)) < responses:
            try:
                more = sock.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not more:
                break
            data += more
    return _complete(data)


def _get(path: str, header_bytes: int = 0) -> bytes:
    pad = b"X-Pad: " + b"p" * header_bytes + b"\r\n" if header_bytes else b""
    return f"GET {path} HTTP/1.1\r\nHost: x\r\n".encode() + pad + b"\r\n"


def test_heads_under_the_limit_are_served_each_counted_afresh(port: int) -> None:
    # Three keep-alive requests whose heads together exceed the limit, each under it.
    answers = _exchange(port, [_get(f"/k{i}", LIMIT // 2) for i in range(3)], 3)
    assert [a.split(b"\r\n", 1)[0] for a in answers] == [b"HTTP/1.1 200 OK"] * 3
    assert [a.rsplit(b"\r\n\r\n", 1)[1] for a in answers] == [b"/k0 0", b"/k1 0", b"/k2 0"]


@pytest.mark.parametrize("piece", [1000, 1 << 20], ids=["trickled", "whole"])
def test_a_head_over_the_limit_is_refused_before_the_app(port: int, piece: int) -> None:
    before = len(CALLS)
    head = _get("/big", LIMIT + 100)
    answers = _exchange(port, [head[i : i + piece] for i in range(0, len(head), piece)], 1)
    assert len(answers) == 1 and answers[0].startswith(b"HTTP/1.1 400 "), answers
    assert answers[0].endswith(b"Request head too large.")
    assert len(CALLS) == before  # the app never ran


def test_a_head_without_end_is_refused(port: int) -> None:
    endless = [b"GET /x HTTP/1.1\r\nHost: x\r\nX-Pad: "] + [b"p" * 4096] * 8
    answers = _exchange(port, endless, 1)
    assert len(answers) == 1 and answers[0].startswith(b"HTTP/1.1 400 ")


def test_bodies_do_not_count_toward_the_head_limit(port: int) -> None:
    body = b"b" * (LIMIT * 4)
    post = f"POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: {len(body)}\r\n\r\n".encode()
    answers = _exchange(port, [post, body[: LIMIT * 2], body[LIMIT * 2 :], _get("/after")], 2)
    assert [a.rsplit(b"\r\n\r\n", 1)[1] for a in answers] == [
        f"/up {len(body)}".encode(),
        b"/after 0",
    ]


def test_serve_uses_the_bounded_httptools_protocol_and_uvloop() -> None:
    """What ``python -m api serve`` configures, loaded as uvicorn loads it."""
    import uvloop  # noqa: F401 (a dependency everywhere but Windows)

    from api.__main__ import _serve_config
    from api.config import Settings

    config = _serve_config(Settings.from_env())
    config.load()
    assert config.http_protocol_class is BoundedHttpToolsProtocol
    factory = config.get_loop_factory()
    assert factory is not None
    loop = factory()
    try:
        assert type(loop).__module__.startswith("uvloop")
    finally:
        loop.close()
    assert config.h11_max_incomplete_event_size == 64 * 1024
