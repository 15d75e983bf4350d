"""Project-level invariants: CI runs what users run."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _readme_test_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(
        r"^(make \w+)\s+# sets everything up, then runs the whole test suite", readme, re.M
    )
    assert match, "README must state the test command"
    return match.group(1)


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [
        ln.strip()
        for ln in ci.splitlines()
        if ln.strip() and not ln.lstrip().startswith(("#", "set ", "cd "))
    ]
    assert commands == [_readme_test_command()]


def test_makefile_has_the_required_targets() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z]+):", makefile, re.M))
    assert {
        "setup",
        "run",
        "test",
        "lint",
        "validate",
        "release",
        "openapi",
        "sdk",
        "bench",
    } <= targets
