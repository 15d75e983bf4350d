"""uvicorn's settings for ``python -m api serve``: its C parser and event loop, two faults fixed.

The server speaks HTTP through httptools and runs on uvloop where installed: a by-id request costs
about half the server time it costs through h11 and asyncio (docs/BENCHMARKS.md). Two things
uvicorn does not do are done here:

- **A bounded request head.** h11 refuses a head above ``h11_max_incomplete_event_size``;
  uvicorn's httptools protocol buffers any amount. ``BoundedHttpToolsProtocol`` counts the bytes
  of each request head as they arrive and answers 400 and closes above the same limit, before the
  app sees anything (below it, the app's own 414/431 problem+json answers apply).
- **TCP_NODELAY with several workers.** uvicorn then binds the listening socket itself and leaves
  its protocol at 0. Accepted connections inherit that, asyncio never sets ``TCP_NODELAY`` on
  them, and every keep-alive response after the first waits on the client's delayed
  acknowledgement: about 40 ms a request (uvicorn issue 3149; measured here as 44 ms p50 by id
  with two workers, 0.2 ms with one).

The classes live in their own module because the worker processes unpickle the config.
"""

from __future__ import annotations

import socket
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

__all__ = ["BoundedHttpToolsProtocol", "TcpConfig"]


class BoundedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, refusing a request head above the config's limit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_limit = self.config.h11_max_incomplete_event_size or 64 * 1024  # h11's default
        self._head_bytes = 0
        """Bytes received since the current request head began; -1 while reading a body."""

    def data_received(self, data: bytes) -> None:
        if self._head_bytes >= 0:
            # The head ends at the first blank line; what follows in the same read (a body, or
            # pipelined requests, each bounded by the read size) is not head.
            end = data.find(b"\r\n\r\n")
            if self._head_bytes + (len(data) if end < 0 else end + 4) > self._head_limit:
                self.send_400_response("Request head too large.")
                return
            if end < 0:  # a terminator split across reads is seen by the parser's callback
                self._head_bytes += len(data)
        super().data_received(data)

    def on_headers_complete(self) -> None:
        self._head_bytes = -1
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._head_bytes = 0


class TcpConfig(uvicorn.Config):
    """``uvicorn.Config`` whose listening socket says it is TCP."""

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.proto:
            return sock
        tcp = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
        tcp.set_inheritable(True)
        return tcp
