"""What a server process loads and how it is set up: memory and reproducible installs."""

from __future__ import annotations

import json
import platform
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, **env: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return out.stdout.strip()


def test_the_service_does_not_load_the_release_builder() -> None:
    # pyarrow and numpy cost ~100 MiB resident per worker; only the builder needs them.
    loaded = _run(
        "import sys, api.app, api.__main__; "
        "print(sorted(m for m in ('pyarrow', 'numpy', 'pandas', 'frictionless') "
        "if m in sys.modules))"
    )
    assert loaded == "[]"


def test_the_curation_package_still_exports_its_names_lazily() -> None:
    import api.curation as curation

    for name in curation.__all__:
        assert getattr(curation, name) is not None
    with pytest.raises(AttributeError):
        _ = curation.no_such_name  # type: ignore[attr-defined]


@pytest.mark.skipif(
    platform.system() != "Linux" or platform.libc_ver()[0] != "glibc",
    reason="mallopt(M_ARENA_MAX) is glibc's",
)
def test_serve_caps_malloc_arenas_for_itself_and_its_workers() -> None:
    out = _run(
        "import json, os; from api.__main__ import limit_malloc_arenas as cap; "
        "print(json.dumps([cap(2), os.environ.get('MALLOC_ARENA_MAX'), cap(0)]))"
    )
    assert json.loads(out) == [True, "2", False]


def test_settings_read_the_arena_cap() -> None:
    from api.config import Settings

    assert Settings().malloc_arena_max == 2
    out = _run(
        "from api.config import Settings; print(Settings.from_env().malloc_arena_max)",
        MALLOC_ARENA_MAX="0",
    )
    assert out == "0"


def _declared(pyproject: Path, extras: tuple[str, ...]) -> set[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    reqs = list(project["dependencies"])
    for extra in extras:
        reqs += project["optional-dependencies"][extra]
    return {canonicalize_name(Requirement(r).name) for r in reqs}


def test_every_declared_dependency_is_pinned_in_constraints() -> None:
    # A fresh `make setup` installs exactly these; a dependency added without `make lock`
    # would float to whatever is newest that day.
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert re.fullmatch(r"[\w.+!-]+", version), line
            pins[canonicalize_name(name)] = version
    declared = _declared(ROOT / "pyproject.toml", ("dev",)) | _declared(
        ROOT / "sdk" / "pyproject.toml", ("pandas", "progress")
    )
    assert declared - set(pins) == set()
    assert not {"faultlines", "faultlines-api"} & set(pins)


def test_sqlite_readers_keep_their_cache_budget_after_an_ingest(tmp_path: Path) -> None:
    # The ingest widens its connection's cache to 256 MiB; the pooled connection must go back
    # to readers with the configured budget, or one ingest would pin that memory for good.
    from api.config import Settings
    from api.db.engine import SQLITE_CACHE_KB, create_db_engine, init_schema
    from api.db.ingest import ingest_release
    from tests.integration._releases import write_two_releases

    assert Settings().sqlite_cache_kb == SQLITE_CACHE_KB
    first, second = write_two_releases(tmp_path / "releases")
    engine = create_db_engine(f"sqlite:///{tmp_path / 'db.sqlite'}", sqlite_cache_kb=300)
    try:
        init_schema(engine)
        ingest_release(engine, first)
        ingest_release(engine, second)
        conns = [engine.connect() for _ in range(5)]  # the ingest's connection among them
        try:
            sizes = {c.exec_driver_sql("PRAGMA cache_size").scalar() for c in conns}
        finally:
            for c in conns:
                c.close()
        assert sizes == {-300}
    finally:
        engine.dispose()
