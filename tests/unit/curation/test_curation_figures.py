"""The release minimums' figures, as the coders see them while curating (``figures``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from curation_fixtures import Records, write_dataset

from api.curation._cli import main


def test_figures_of_the_fixture_dataset(
    curation_dataset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["figures", "--root", str(curation_dataset), "--list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "events: 2 (2 active)",
        "sources: 3",
        "city/site events placed: 1 of 1 (100.0%)",
        # FL-000001 has one report; FL-000002's two reports have two independent origins
        "single-origin active events: 1 of 2 (50.0%)",
        "Persian-language sources: 1",
        "state or semi-official sources: 0",
        "single-origin: FL-000001",
        "unplaced: ",
    ]


def test_a_reprint_does_not_count_as_a_second_origin(
    tmp_path: Path, curation_records: Records, capsys: pytest.CaptureFixture[str]
) -> None:
    # SRC-000003 republishes SRC-000001: FL-000002 citing SRC-000001 and SRC-000003 is one origin
    curation_records["events"]["FL-000002"]["reports"][0]["source"] = "SRC-000003"
    del curation_records["events"]["FL-000002"]["location"]["latitude"]
    del curation_records["events"]["FL-000002"]["location"]["longitude"]
    root = write_dataset(tmp_path, curation_records)
    main(["figures", "--root", str(root), "--list"])
    out = capsys.readouterr().out
    assert "single-origin active events: 2 of 2 (100.0%)" in out
    assert "city/site events placed: 0 of 1 (0.0%)" in out
    assert "unplaced: FL-000002" in out
