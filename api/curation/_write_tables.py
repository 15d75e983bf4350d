"""Incremental writers for the flat event table: CSV and Parquet (typed, row-group batches)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from types import TracebackType
from typing import Self

import pyarrow as pa
import pyarrow.parquet as pq

from api.curation._columns import COLUMNS, Cell

__all__ = ["CsvTableWriter", "ParquetTableWriter"]

_ARROW = {"string": pa.string(), "date": pa.date32(), "integer": pa.int64(), "number": pa.float64()}


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)  # shortest round-tripping form, the same on every run
    return str(value)


class CsvTableWriter:
    """Writes events.csv row by row (RFC 4180 quoting, LF line ends, UTF-8, header row)."""

    def __init__(self, path: Path) -> None:
        self._fh = path.open("w", encoding="utf-8", newline="")
        self._writer = csv.writer(self._fh, lineterminator="\n")
        self._writer.writerow([c.name for c in COLUMNS])

    def add(self, row: list[Cell]) -> None:
        """Append one event's row."""
        self._writer.writerow([_csv_cell(v) for v in row])

    def close(self) -> None:
        """Flush and close the file."""
        self._fh.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class ParquetTableWriter:
    """Writes events.parquet in row groups of ``batch_rows`` rows, so memory stays bounded."""

    SCHEMA = pa.schema([pa.field(c.name, _ARROW[c.kind], nullable=not c.required) for c in COLUMNS])

    def __init__(self, path: Path, batch_rows: int = 10_000) -> None:
        self._writer = pq.ParquetWriter(
            str(path),
            self.SCHEMA,
            compression="zstd",
            # No wall-clock or host data is written; pin what could vary between builds.
            version="2.6",
            write_statistics=True,
            use_dictionary=True,
        )
        self._batch_rows = batch_rows
        self._rows: list[list[Cell]] = []

    def add(self, row: list[Cell]) -> None:
        """Append one event's row; a full batch is written out as a row group."""
        self._rows.append(row)
        if len(self._rows) >= self._batch_rows:
            self._flush()

    def _flush(self) -> None:
        if not self._rows:
            return
        columns = list(zip(*self._rows, strict=True))
        arrays = [
            pa.array(list(values), type=field.type)
            for values, field in zip(columns, self.SCHEMA, strict=True)
        ]
        self._writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=self.SCHEMA))
        self._rows = []

    def close(self) -> None:
        """Write the last row group and the footer."""
        self._flush()
        self._writer.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
