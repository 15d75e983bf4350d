"""Child processes of the benchmark: pinned servers, timed commands, peak memory.

Every server is started by this module and stopped by its PID (SIGTERM, then SIGKILL); the
harness keeps a registry and stops whatever is still running in a ``finally``.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

__all__ = ["Server", "TimedRun", "free_port", "pin", "run_timed", "stop_all"]

SERVER_CORE = "0"
"""Core the servers are pinned to (one at a time is under load)."""
LOAD_CORE = "1"
"""Core the load generator and the harness run on."""

_RUNNING: list[Server] = []


def pin(cmd: Sequence[str], core: str) -> list[str]:
    """Prefix ``cmd`` with ``taskset -c core`` where taskset exists and the cores are there
    (``core``: one core, or a comma-separated list)."""
    wanted = max(int(c) for c in core.split(","))
    if shutil.which("taskset") and (os.cpu_count() or 1) > wanted:
        return ["taskset", "-c", core, *cmd]
    return list(cmd)


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class TimedRun:
    """A finished command: wall time, peak RSS of the process, exit status, output tail."""

    seconds: float
    peak_rss_mb: float
    returncode: int
    output: str


def run_timed(
    cmd: Sequence[str], env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> TimedRun:
    """Run ``cmd`` to completion; peak RSS comes from ``wait4`` (that process tree's maximum)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd),
        env={**os.environ, **(env or {})},
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = out.decode(errors="replace")
    return TimedRun(seconds, usage.ru_maxrss / 1024, proc.returncode, text[-4000:])


def _rss_kb(pid: int, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


@dataclass
class Server:
    """One HTTP server process under test."""

    name: str
    cmd: list[str]
    port: int
    env: dict[str, str] = field(default_factory=dict)
    log: Path | None = None
    proc: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    cores: str = SERVER_CORE
    """Cores the process (and its workers) may run on."""

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Spawn the server pinned to the server core; output goes to ``log``."""
        out = open(self.log, "wb") if self.log else subprocess.DEVNULL  # noqa: SIM115
        self.started_at = time.perf_counter()
        self.proc = subprocess.Popen(
            pin(self.cmd, self.cores),
            env={**os.environ, **self.env},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        _RUNNING.append(self)

    def wait_ok(self, path: str, timeout: float = 120.0) -> float:
        """Poll ``path`` until it answers 200; return seconds since ``start`` (cold start)."""
        assert self.proc is not None
        deadline = time.perf_counter() + timeout
        with httpx.Client(timeout=5.0) as client:
            while time.perf_counter() < deadline:
                if self.proc.poll() is not None:
                    raise RuntimeError(
                        f"{self.name} exited with {self.proc.returncode}; {self.tail()}"
                    )
                try:
                    if client.get(self.base + path).status_code == 200:
                        return time.perf_counter() - self.started_at
                except httpx.TransportError:
                    pass
                time.sleep(0.005)
        raise RuntimeError(f"{self.name} gave no 200 on {path} within {timeout} s; {self.tail()}")

    def tail(self) -> str:
        if self.log and self.log.exists():
            return "log tail: " + self.log.read_text(errors="replace")[-1500:]
        return ""

    def rss_mb(self) -> float:
        """Current resident memory of the server process."""
        return _rss_kb(self.proc.pid, "VmRSS:") / 1024 if self.proc else 0.0

    def reset_peak(self) -> bool:
        """Reset the kernel's peak-RSS counter (``VmHWM``) so a phase can be measured alone."""
        if not self.proc:
            return False
        try:
            Path(f"/proc/{self.proc.pid}/clear_refs").write_text("5")
            return True
        except OSError:
            return False

    def peak_mb(self) -> float:
        """Peak resident memory (``VmHWM``) since start or the last ``reset_peak``."""
        return _rss_kb(self.proc.pid, "VmHWM:") / 1024 if self.proc else 0.0

    def stop(self) -> None:
        """Stop by PID: SIGTERM to the process group, SIGKILL after 5 s."""
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=5)
        except ProcessLookupError:
            pass
        if self in _RUNNING:
            _RUNNING.remove(self)


def stop_all() -> None:
    """Stop every server this process started and has not stopped yet."""
    for server in list(_RUNNING):
        server.stop()
