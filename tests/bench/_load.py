"""Load generation with wrk, pinned to the load core, over a rotating list of request paths."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.bench._procs import LOAD_CORE, pin

__all__ = ["LoadResult", "require_wrk", "run_wrk"]

# Each request takes the next path of the list (one Lua state per wrk thread, random start),
# with optional extra headers; ``done`` prints one JSON line the harness parses.
_LUA = r"""
local paths = {}
local idx = 0
local extra = {}

function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  for i = 2, #args, 2 do extra[args[i]] = args[i + 1] end
  math.randomseed(os.time() + #paths)
  idx = math.random(#paths) - 1
end

function request()
  idx = idx % #paths + 1
  return wrk.format("GET", paths[idx], extra)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\nWRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p90_us": %d,'
    .. ' "p99_us": %d, "mean_us": %f, "err_connect": %d, "err_read": %d, "err_write": %d,'
    .. ' "err_status": %d, "err_timeout": %d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.mean, e.connect, e.read, e.write,
    e.status, e.timeout))
end
"""


@dataclass(frozen=True)
class LoadResult:
    """One wrk run against one server."""

    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    requests: int
    errors: int

    def to_json(self) -> dict[str, float | int]:
        return {
            "rps": round(self.rps, 1),
            "p50_ms": round(self.p50_ms, 3),
            "p90_ms": round(self.p90_ms, 3),
            "p99_ms": round(self.p99_ms, 3),
            "requests": self.requests,
            "errors": self.errors,
        }


def require_wrk() -> str:
    """Path of wrk, or exit with how to install it."""
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit(
            "bench: wrk is needed as the load generator and was not found on PATH.\n"
            "  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y wrk\n"
            "  macOS:         brew install wrk"
        )
    return path


def run_wrk(
    base: str,
    paths: Sequence[str],
    workdir: Path,
    *,
    duration: float,
    connections: int,
    headers: dict[str, str] | None = None,
    timeout_s: int = 10,
) -> LoadResult:
    """Run wrk for ``duration`` seconds over ``paths`` (rotating) and parse its summary."""
    workdir.mkdir(parents=True, exist_ok=True)
    script = workdir / "rotate.lua"
    if not script.exists():
        script.write_text(_LUA)
    digest = hashlib.sha1("\n".join(paths).encode()).hexdigest()[:16]
    plist = workdir / f"paths-{digest}.txt"
    if not plist.exists():
        plist.write_text("\n".join(paths) + "\n")
    cmd = [
        require_wrk(),
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(duration))}s",
        f"--timeout={timeout_s}s",
        "-s",
        str(script),
        base,
        "--",
        str(plist),
    ]
    for k, v in (headers or {}).items():
        cmd += [k, v]
    out = subprocess.run(pin(cmd, LOAD_CORE), capture_output=True, text=True, check=False)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(
            f"wrk failed ({out.returncode}): {out.stdout[-800:]} {out.stderr[-800:]}"
        )
    r = json.loads(line[len("WRKJSON ") :])
    errors = sum(r[k] for k in r if k.startswith("err_"))
    seconds = r["duration_us"] / 1e6
    return LoadResult(
        rps=r["requests"] / seconds if seconds else 0.0,
        p50_ms=r["p50_us"] / 1000,
        p90_ms=r["p90_us"] / 1000,
        p99_ms=r["p99_us"] / 1000,
        requests=r["requests"],
        errors=errors,
    )
