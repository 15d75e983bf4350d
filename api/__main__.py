"""Command line: ``python -m api serve | ingest <release-dir> | openapi [--check]``."""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import uvicorn

    from api.config import Settings

__all__ = ["main"]

OPENAPI_PATH = Path("openapi/openapi.json")
_M_ARENA_MAX = -8  # glibc's mallopt parameter number (malloc.h)


def render_openapi() -> str:
    """The app's OpenAPI document, deterministic: sorted keys, indent 2, trailing newline."""
    from api.app import create_app
    from api.config import Settings

    app = create_app(Settings(database_url="sqlite://"))
    return (
        json.dumps(app.openapi_schema.to_schema(), sort_keys=True, indent=2, ensure_ascii=False)
        + "\n"
    )


def _openapi(check: bool, path: Path) -> int:
    text = render_openapi()
    if check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            print(f"{path} is out of date with the app; run `make openapi`", file=sys.stderr)
            return 1
        print(f"{path} is up to date")
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


def _release_dirs(root: Path) -> list[Path]:
    from api.db._release_folder import IngestError, semver_key

    dirs = []
    for d in root.iterdir() if root.is_dir() else []:
        if d.is_dir() and (d / "SHA256SUMS").is_file():
            try:
                dirs.append((semver_key(d.name), d))
            except IngestError:
                continue
    return [d for _, d in sorted(dirs)]


def _ingest(paths: list[Path]) -> int:
    from api.config import Settings
    from api.db.engine import create_db_engine, init_schema
    from api.db.ingest import IngestError, ingest_release

    settings = Settings.from_env()
    engine = create_db_engine(
        settings.database_url, settings.db_connect_timeout, settings.sqlite_cache_kb
    )
    init_schema(engine)
    status = 0
    for path in paths:
        try:
            print(ingest_release(engine, path))
        except IngestError as exc:
            print(f"refused {path}: {exc}", file=sys.stderr)
            status = 1
    engine.dispose()
    return status


def limit_malloc_arenas(arenas: int) -> bool:
    """Cap glibc's malloc arenas in this process and in the workers it starts.

    ``mallopt(M_ARENA_MAX)`` applies to arenas created from now on, so it is called before
    the server starts its threads; the environment variable carries the cap to worker
    processes, which glibc configures from it at their start. Returns whether the cap was
    applied (not on a C library without ``mallopt``, or when ``arenas`` is 0).
    """
    if arenas <= 0:
        return False
    os.environ["MALLOC_ARENA_MAX"] = str(arenas)
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        return bool(libc.mallopt(_M_ARENA_MAX, arenas))
    except (OSError, AttributeError):
        return False


def _serve_config(settings: Settings) -> uvicorn.Config:
    """uvicorn's configuration for ``serve``: httptools with a bounded head, uvloop, TCP sockets."""
    from api._server import BoundedHttpToolsProtocol, TcpConfig
    from api.routes._middleware import TRANSPORT_LIMIT_BYTES

    return TcpConfig(
        "api.app:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        server_header=False,
        access_log=False,  # the app writes its own (ACCESS_LOG, api.routes._access_log)
        proxy_headers=False,
        timeout_keep_alive=int(settings.keep_alive_timeout),
        http=BoundedHttpToolsProtocol,
        loop="auto",  # uvloop where installed (every platform but Windows)
        h11_max_incomplete_event_size=TRANSPORT_LIMIT_BYTES,  # the head limit, for both parsers
    )


def _serve() -> int:
    import uvicorn

    from api.config import Settings

    settings = Settings.from_env()
    limit_malloc_arenas(settings.malloc_arena_max)
    if settings.ingest_on_start:
        dirs = _release_dirs(settings.releases_dir)
        if not dirs:
            print(f"no release folders under {settings.releases_dir}", file=sys.stderr)
        elif _ingest(dirs) != 0:
            print("some releases were refused; serving what is loaded", file=sys.stderr)
    config = _serve_config(settings)
    server = uvicorn.Server(config)
    try:
        if config.workers > 1:
            from uvicorn.supervisors import Multiprocess

            Multiprocess(config, sockets=[config.bind_socket()]).run()
            return 0
        server.run()
    except KeyboardInterrupt:
        return 0
    return 0 if server.started else 3


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(prog="python -m api", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("serve", help="ingest the releases under RELEASES_DIR and serve the API")
    ing = sub.add_parser("ingest", help="verify and load a release folder into the database")
    ing.add_argument("release_dir", type=Path, nargs="+")
    oa = sub.add_parser("openapi", help="write openapi/openapi.json from the app")
    oa.add_argument("--check", action="store_true", help="fail if the committed file differs")
    oa.add_argument("--path", type=Path, default=OPENAPI_PATH)
    args = parser.parse_args(argv)
    if args.command == "serve":
        return _serve()
    if args.command == "ingest":
        return _ingest(args.release_dir)
    return _openapi(args.check, args.path)


if __name__ == "__main__":
    raise SystemExit(main())
