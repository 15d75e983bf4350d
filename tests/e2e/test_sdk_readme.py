"""The Python examples of sdk/README.md run, unchanged, against the live server."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.e2e.conftest import REPO, LiveAPI

pytestmark = pytest.mark.live

README = REPO / "sdk" / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_the_readme_has_examples() -> None:
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_example_runs(
    index: int, live_api: LiveAPI, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("FAULTLINES_API_URL", live_api.base_url)
    monkeypatch.chdir(tmp_path)
    code = compile(BLOCKS[index], f"sdk/README.md[python block {index}]", "exec")
    exec(code, {"__name__": "__main__"})
