"""``serve`` with several workers keeps Nagle's algorithm off on every connection.

uvicorn binds the shared socket of its worker processes with protocol 0, so asyncio never
set ``TCP_NODELAY`` on accepted connections and each keep-alive response waited about 40 ms on
the client's delayed acknowledgement. ``serve`` binds it as TCP.
"""

from __future__ import annotations

import asyncio
import pickle
import socket
from multiprocessing.reduction import ForkingPickler

from api._server import TcpConfig


def _nodelay_of_accepted(sock: socket.socket) -> int:
    async def run() -> int:
        seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                accepted = transport.get_extra_info("socket")
                seen.set_result(accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Probe, sock=sock)
        port = sock.getsockname()[1]
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            return await asyncio.wait_for(seen, 5)
        finally:
            writer.close()
            server.close()

    return asyncio.run(run())


def test_the_worker_socket_is_tcp_and_connections_get_nodelay() -> None:
    config = TcpConfig("api.app:create_app", factory=True, host="127.0.0.1", port=0)
    sock = config.bind_socket()
    assert sock.proto == socket.IPPROTO_TCP
    assert sock.get_inheritable()
    # Worker processes get the socket pickled, as multiprocessing hands it over.
    copy = pickle.loads(ForkingPickler.dumps(sock))
    sock.close()
    assert copy.proto == socket.IPPROTO_TCP
    assert _nodelay_of_accepted(copy) == 1


def test_uvicorns_own_socket_loses_nodelay() -> None:
    """The fault this works around (if uvicorn fixes it, the workaround can go)."""
    import uvicorn

    sock = uvicorn.Config("api.app:create_app", host="127.0.0.1", port=0).bind_socket()
    assert sock.proto == 0
    assert _nodelay_of_accepted(sock) == 0
