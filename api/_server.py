"""uvicorn's settings for ``python -m api serve``, with one fault of uvicorn worked around.

With several workers uvicorn binds the listening socket itself and leaves its protocol at 0.
Accepted connections inherit that, asyncio then never sets ``TCP_NODELAY`` on them, and every
keep-alive response after the first waits on the client's delayed acknowledgement: about
40 ms a request (uvicorn issue 3149; measured here as 44 ms p50 by id with two workers, 0.2 ms
with one). The class lives in its own module because the worker processes unpickle it.
"""

from __future__ import annotations

import socket

import uvicorn

__all__ = ["TcpConfig"]


class TcpConfig(uvicorn.Config):
    """``uvicorn.Config`` whose listening socket says it is TCP."""

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.proto:
            return sock
        tcp = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
        tcp.set_inheritable(True)
        return tcp
