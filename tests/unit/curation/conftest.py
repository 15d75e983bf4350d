"""Fixtures of the curation tests: fixture datasets built in temporary folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from curation_fixtures import Records, base_records, write_dataset


@pytest.fixture
def curation_records() -> Records:
    """A fresh copy of the base fixture records, free to mutate."""
    return base_records()


@pytest.fixture
def curation_dataset(tmp_path: Path) -> Path:
    """The base fixture dataset written to a temporary folder."""
    root: Path = write_dataset(tmp_path / "dataset", base_records())
    return root
