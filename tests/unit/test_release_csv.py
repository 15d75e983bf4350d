"""``events.csv`` rows are handed to the ingest as ``csv.writer`` writes them, whatever the
file's quoting and line endings, by the fast path (unquoted lines) and the csv module alike."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from api.db._release_folder import IngestError, _CsvRows

ROWS = [
    ["id", "title", "summary", "n"],
    ["FL-000001", "Plain title", "no quoting needed here", "1"],
    ["FL-000002", "Title, with a comma", 'said "no" twice', ""],
    ["FL-000003", "Two\nlines", "crlf\r\ninside", "3"],
    ["FL-000004", "", "", ""],
    ["FL-000005", "Persian فارسی", " spaced ", "5"],
]


def _written(rows: list[list[str]], terminator: str) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator=terminator).writerows(rows)
    return buf.getvalue()


@pytest.mark.parametrize("terminator", ["\n", "\r\n"])
def test_rows_come_out_as_csv_writer_writes_them(tmp_path: Path, terminator: str) -> None:
    path = tmp_path / "events.csv"
    path.write_text(_written(ROWS, terminator), encoding="utf-8", newline="")
    rows = _CsvRows(path)
    try:
        assert rows.header == ROWS[0]
        # Asked out of order: the skipped rows wait, unchanged.
        for row in [ROWS[3], ROWS[1], ROWS[5], ROWS[2], ROWS[4]]:
            assert rows.row_for(row[0]) == _written([row], "\r\n")
        assert rows.row_for("FL-000099") is None
        rows.check_rest()
    finally:
        rows.close()


def test_a_row_with_the_wrong_number_of_cells_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("id,title\nFL-000001,a,b\n", encoding="utf-8", newline="")
    rows = _CsvRows(path)
    try:
        with pytest.raises(IngestError, match="has 3 cells, not 2"):
            rows.row_for("FL-000001")
    finally:
        rows.close()
