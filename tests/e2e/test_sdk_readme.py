"""Every example of sdk/README.md runs, unchanged, against the live server.

Python blocks run in a fresh namespace each; every ``faultlines ...`` line of the shell blocks
runs in bash with the SDK's console script on ``PATH``. Both talk to the live server through
``FAULTLINES_API_URL`` and cache releases in a temporary folder (``FAULTLINES_CACHE_DIR``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import REPO, LiveAPI

pytestmark = pytest.mark.live

README = REPO / "sdk" / "README.md"
TEXT = README.read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", TEXT, re.S)
COMMANDS = [
    line.strip()
    for block in re.findall(r"```sh\n(.*?)```", TEXT, re.S)
    for line in block.splitlines()
    if line.strip().startswith("faultlines ")
]
CODE = "\n".join(BLOCKS)

# Every resource and method of the client, and the top-level helpers, as the README calls them.
COVERED = [
    r"client\.events\.list\(",
    r"client\.events\.iter\(",
    r"client\.events\.get\(",
    r"client\.events\.to_pandas\(",
    r"client\.stats\.events\(\"\w+\"\)",
    r"client\.stats\.events\(\"\w+\", \"\w+\"",  # two dimensions, positional
    r"client\.actors\.list\(",
    r"client\.event_types\.list\(",
    r"client\.campaigns\.list\(",
    r"client\.sources\.iter\(",
    r"client\.sources\.get\(",
    r"client\.coverage\.list\(",
    r"client\.schema\.get\(",
    r"client\.releases\.list\(",
    r"client\.releases\.get\(",
    r"client\.releases\.changes\(",
    r"client\.releases\.download\(",
    r"faultlines\.load\(\)",
    r"faultlines\.load\(\"1\.0\.0\"\)",
    r"faultlines\.AsyncClient\(",
    r"invalid_params",
]
CLI_COVERED = ["events list", "events get", "stats", "vocab actors", "releases list",
               "releases download", "| head"]  # fmt: skip


def test_the_readme_covers_every_resource() -> None:
    missing = [pattern for pattern in COVERED if not re.search(pattern, CODE)]
    assert missing == []
    assert [c for c in CLI_COVERED if not any(c in command for command in COMMANDS)] == []


@pytest.fixture
def readme_env(
    live_api: LiveAPI, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> dict[str, str]:
    env = {"FAULTLINES_API_URL": live_api.base_url, "FAULTLINES_CACHE_DIR": str(tmp_path / "c")}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    return env


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_example_runs(
    index: int, readme_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = compile(BLOCKS[index], f"sdk/README.md[python block {index}]", "exec")
    exec(code, {"__name__": "__main__"})
    assert capsys.readouterr().out.strip()  # every example shows something


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs(command: str, readme_env: dict[str, str], tmp_path: Path) -> None:
    bin_dir = str(Path(sys.executable).parent)  # the venv's `faultlines` console script
    env = {**os.environ, **readme_env, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode in (0, 141), done.stderr  # 141: `| head` closed the pipe, quietly
    assert "Traceback" not in done.stderr and "error" not in done.stderr.lower()
    written = list(tmp_path.glob("*.csv")) + list((tmp_path / "data").glob("*"))
    assert done.stdout.strip() or written, command
