"""The ingest writes rows as tuples: each names every column of its table, in a fixed order."""

from __future__ import annotations

import pytest

from api.db import ingest


@pytest.mark.parametrize(
    ("table", "names"),
    [
        (ingest._EV, ingest._EV_NAMES),
        (ingest._EP, ingest._EP_NAMES),
        (ingest._EC, ingest._EC_NAMES),
        (ingest._EA, ingest._EA_NAMES),
        (ingest._ES, ingest._ES_NAMES),
    ],
    ids=lambda v: getattr(v, "name", ""),
)
def test_row_columns_are_the_tables(table: object, names: tuple[str, ...]) -> None:
    assert sorted(names) == sorted(table.c.keys())  # type: ignore[attr-defined]
    assert len(set(names)) == len(names)


def test_source_rows_name_every_column_but_the_generated_key() -> None:
    columns = set(ingest._SV.c.keys()) - {"pk"}
    assert sorted(ingest._SV_NAMES) == sorted(columns)
