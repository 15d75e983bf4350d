"""The ``faultlines`` command: query the API and download verified releases from a shell.

    faultlines events list --country IR --event-type desertion --format csv
    faultlines events get FL-000001
    faultlines stats --group-by year --group-by event_type
    faultlines releases list
    faultlines releases download 1.0.0 ./data --file events.csv --progress

The API's address comes from ``--base-url``, then ``FAULTLINES_API_URL``, then
``http://127.0.0.1:8000``. Exit status: 0 on success, 1 on an API or download error, 2 on
bad usage.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO, cast

import msgspec

from faultlines._client import Client
from faultlines._errors import FaultlinesError
from faultlines._flatten import event_row
from faultlines._generated import models as m
from faultlines._resources import EventFilters
from faultlines._version import __version__

__all__ = ["main"]

_TABLE_EVENT_COLUMNS = ("id", "date_start", "event_type", "country", "verification", "title")
_MULTI_FILTERS = ("event_type", "actor", "country", "admin1", "campaign", "source", "verification")


def _add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (repeat an option for OR; options are ANDed)")
    for name in _MULTI_FILTERS:
        group.add_argument(f"--{name.replace('_', '-')}", dest=name, action="append")
    group.add_argument("--min-confidence", choices=["low", "medium", "high"])
    group.add_argument("--date-from", metavar="YYYY-MM-DD")
    group.add_argument("--date-to", metavar="YYYY-MM-DD")
    group.add_argument("--date-match", choices=["overlaps", "within"])
    group.add_argument("-q", "--query", dest="q", help="full-text search")
    group.add_argument("--release", help="release version (default: latest)")


def _filters(args: argparse.Namespace) -> EventFilters:
    names = (*_MULTI_FILTERS, "min_confidence", "date_from", "date_to", "date_match", "q")
    found = {name: getattr(args, name) for name in (*names, "release")}
    return cast(EventFilters, {k: v for k, v in found.items() if v is not None})


def _format_option(parser: argparse.ArgumentParser, choices: Sequence[str]) -> None:
    parser.add_argument("--format", choices=choices, default=choices[0], help="output format")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="faultlines", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"faultlines {__version__}")
    parser.add_argument("--base-url", help="API root (default: $FAULTLINES_API_URL or :8000)")
    parser.add_argument("--timeout", type=float, default=None, help="seconds per request")
    commands = parser.add_subparsers(dest="command", required=True)

    events = commands.add_parser("events", help="list or fetch events").add_subparsers(
        dest="action", required=True
    )
    ls = events.add_parser("list", help="list events matching filters")
    _add_filters(ls)
    ls.add_argument("--limit", type=int, default=50, help="at most this many events (def. 50)")
    ls.add_argument("--all", action="store_true", help="every matching event (pages through)")
    ls.add_argument("--sort", choices=["date", "-date"])
    _format_option(ls, ["table", "json", "csv"])
    ls.set_defaults(run=_events_list)
    get = events.add_parser("get", help="one event with its reports and sources")
    get.add_argument("event_id")
    get.add_argument("--release")
    _format_option(get, ["json", "table"])
    get.set_defaults(run=_events_get)

    stats = commands.add_parser("stats", help="event counts grouped by one or two dimensions")
    stats.add_argument(
        "--group-by",
        action="append",
        required=True,
        choices=["year", "month", "event_type", "actor", "admin1", "campaign"],
    )
    _add_filters(stats)
    _format_option(stats, ["table", "json", "csv"])
    stats.set_defaults(run=_stats)

    releases = commands.add_parser("releases", help="list or download releases").add_subparsers(
        dest="action", required=True
    )
    rl = releases.add_parser("list", help="published releases")
    _format_option(rl, ["table", "json"])
    rl.set_defaults(run=_releases_list)
    dl = releases.add_parser("download", help="download and verify a release's files")
    dl.add_argument("version")
    dl.add_argument("dest", nargs="?", default=".", help="folder (default: current)")
    dl.add_argument("--file", dest="files", action="append", help="only this file (repeatable)")
    dl.add_argument("--progress", action="store_true", help="show progress bars (needs tqdm)")
    dl.set_defaults(run=_releases_download)
    return parser


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _write_table(out: TextIO, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    cells = [[_text(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    widths = [min(w, 60) for w in widths]
    for line in [list(columns), *cells]:
        out.write("  ".join(v[:w].ljust(w) for v, w in zip(line, widths, strict=True)).rstrip())
        out.write("\n")


def _write_csv(out: TextIO, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _text(v) for k, v in row.items()})


def _write_json(out: TextIO, value: Any) -> None:
    out.write(msgspec.json.format(msgspec.json.encode(value), indent=2).decode())
    out.write("\n")


def _events_list(client: Client, args: argparse.Namespace, out: TextIO) -> None:
    pager = client.events.iter(
        page_size=min(args.limit, 1000) if not args.all else 1000,
        sort=args.sort,
        **_filters(args),
    )
    events: list[m.Event] = []
    for event in pager:
        if not args.all and len(events) >= args.limit:
            break
        events.append(event)
    if args.format == "json":
        _write_json(out, events)
        return
    rows = [event_row(e) for e in events]
    if args.format == "csv":
        from faultlines._flatten import COLUMNS

        _write_csv(out, COLUMNS, rows)
    else:
        _write_table(out, _TABLE_EVENT_COLUMNS, rows)


def _events_get(client: Client, args: argparse.Namespace, out: TextIO) -> None:
    detail = client.events.get(args.event_id, release=args.release)
    if args.format == "json":
        _write_json(out, detail)
        return
    row = event_row(detail.data)
    _write_table(out, ("field", "value"), [{"field": k, "value": v} for k, v in row.items()])


def _stats(client: Client, args: argparse.Namespace, out: TextIO) -> None:
    page = client.stats.events(args.group_by, **_filters(args))
    if args.format == "json":
        _write_json(out, page)
        return
    measures = ("count", "participants_best", "cases_best", "killed_best", "arrested_best")
    columns = (*page.group_by, *measures)
    rows = [{**row.group, **{k: getattr(row, k) for k in measures}} for row in page.data]
    (_write_csv if args.format == "csv" else _write_table)(out, columns, rows)


def _releases_list(client: Client, args: argparse.Namespace, out: TextIO) -> None:
    releases = client.releases.list()
    if args.format == "json":
        _write_json(out, releases)
        return
    rows = [msgspec.structs.asdict(r) for r in releases.data]
    _write_table(out, ("version", "date", "schema_version", "previous", "latest"), rows)


def _releases_download(client: Client, args: argparse.Namespace, out: TextIO) -> None:
    files = client.releases.download(
        args.version, args.dest, files=args.files, progress=args.progress
    )
    for f in files:
        state = "downloaded" if f.downloaded else "already present"
        out.write(f"{f.path}  {f.size} bytes  sha256 {f.sha256} OK ({state})\n")


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    run: Callable[[Client, argparse.Namespace, TextIO], None] = args.run
    try:
        with Client(args.base_url, timeout=args.timeout) as client:
            run(client, args, out or sys.stdout)
    except FaultlinesError as exc:
        print(f"faultlines: error: {exc}", file=sys.stderr)
        return 1
    except ImportError as exc:  # an optional extra is missing
        print(f"faultlines: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
