"""What the ``faultlines`` command prints: tables, CSV, JSON and the text view of one event."""

from __future__ import annotations

import csv
import textwrap
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Any, TextIO

import msgspec
from msgspec import UNSET

from faultlines._generated import models as m

__all__ = ["cell", "write_csv", "write_event", "write_json", "write_table"]

_MAX_WIDTH = 60
_WRAP = 88


def cell(value: Any) -> str:
    """A value as table text: empty for absent, an enum's value, lists joined with ``;``."""
    if value is None or value is UNSET:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list | tuple):
        return ";".join(cell(v) for v in value)
    return str(value)


def write_table(out: TextIO, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    """Aligned columns, each at most 60 characters wide, under a header line."""
    cells = [[cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    widths = [min(w, _MAX_WIDTH) for w in widths]
    for line in [list(columns), *cells]:
        out.write("  ".join(v[:w].ljust(w) for v, w in zip(line, widths, strict=True)).rstrip())
        out.write("\n")


def write_csv(out: TextIO, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    """RFC 4180 CSV with a header row."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])


def write_json(out: TextIO, value: Any) -> None:
    """Indented JSON."""
    out.write(msgspec.json.format(msgspec.json.encode(value), indent=2).decode())
    out.write("\n")


def _wrapped(text: str, first: str = "  ", rest: str | None = None) -> str:
    rest = first if rest is None else rest
    return textwrap.fill(text, _WRAP, initial_indent=first, subsequent_indent=rest)


def _estimate(name: str, estimate: m.Estimate) -> str:
    bounds = [
        f"{label} {value}"
        for label, value in zip(
            ("low", "best", "high"), (estimate.low, estimate.best, estimate.high), strict=True
        )
        if cell(value)
    ]
    return f"{name} {cell(estimate.qualifier)}" + (f" ({', '.join(bounds)})" if bounds else "")


def _facts(event: m.Event) -> list[tuple[str, str]]:
    place = event.location
    where = ", ".join(cell(v) for v in (place.place_name, place.admin1, place.country) if cell(v))
    actors = "; ".join(
        f"{a.organisation} ({', '.join(cell(v) for v in (a.role, a.rank_tier) if cell(v))})"
        for a in event.actors
    )
    magnitudes: Any = event.magnitudes  # None, or (older servers) absent
    sizes = []
    if cell(magnitudes):
        for name in ("participants", "cases", "killed", "arrested"):
            estimate = getattr(magnitudes, name)
            if cell(estimate):
                sizes.append(_estimate(name, estimate))
    dates = f"{event.date_start} to {event.date_end}"
    return [
        ("type", cell(event.event_type)),
        ("status", cell(event.status)),
        ("dates", f"{dates} ({cell(event.date_precision)}, {cell(event.date_basis)})"),
        ("date note", cell(event.date_note)),
        ("place", f"{where} ({cell(place.geo_precision)})"),
        ("actors", actors),
        ("campaign", cell(event.campaign)),
        ("magnitudes", "; ".join(sizes)),
        ("verification", cell(event.verification)),
        ("confidence", cell(event.confidence)),
        ("related", cell(event.related_events)),
        ("coder notes", cell(event.coder_notes)),
    ]


def write_event(out: TextIO, detail: m.EventDetail) -> None:
    """One event for reading: facts, summary, each report, and the sources cited."""
    event = detail.data
    out.write(f"{event.id}  {event.title}\n\n")
    facts = [(k, v) for k, v in _facts(event) if v]
    width = max(len(k) for k, _ in facts)
    for key, value in facts:
        out.write(_wrapped(value, f"{key.ljust(width)}  ", " " * (width + 2)) + "\n")
    out.write(f"\nSummary\n{_wrapped(event.summary)}\n")
    out.write(f"\nReports ({len(event.reports)})\n")
    for n, report in enumerate(event.reports, 1):
        via = f", via {cell(report.via)}" if cell(report.via) else ""
        stance = cell(report.stance) or "asserts"
        claim = f"{cell(report.claimant_type)}: {report.claimant}"
        out.write(_wrapped(f"{report.source}, {claim}{via} ({stance})", f"  {n}. ", "     ") + "\n")
        out.write(_wrapped(report.description, "     ") + "\n")
    out.write(f"\nSources ({len(detail.sources)})\n")
    for source in detail.sources:
        outlet = f"{source.outlet} ({cell(source.outlet_type)}, {source.language})"
        out.write(f"  {source.id}  {outlet}, {source.published}\n")
        out.write(_wrapped(source.title, "     ") + "\n")
        if cell(source.url):
            out.write(f"     {cell(source.url)}\n")
