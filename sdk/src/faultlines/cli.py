"""The ``faultlines`` command: query the API and download verified releases from a shell.

    faultlines events list --country IR --event-type desertion --format csv
    faultlines events get FL-000001
    faultlines stats --group-by year --group-by event_type
    faultlines vocab actors
    faultlines releases download 1.0.0 ./data --file events.csv --progress

The API's address comes from ``--base-url``, then ``FAULTLINES_API_URL``, then
``http://127.0.0.1:8000``. Exit status: 0 on success, 1 on an API or download error, 2 on
bad usage, 141 when the reader of the output went away (``| head``), as for other Unix tools.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO, cast

import msgspec

from faultlines._cli_output import write_csv, write_event, write_json, write_table
from faultlines._client import Client
from faultlines._errors import FaultlinesError
from faultlines._generated import models as m
from faultlines._pagination import none_if_unset
from faultlines._params import build_params
from faultlines._resources import EventFilters
from faultlines._version import __version__

__all__ = ["main"]

# argparse prints these; they are plain text (no reStructuredText), unlike the docstrings.
_DESCRIPTION = "Query the Fault Lines API and download verified releases."
_EPILOG = """examples:
  faultlines events list --country IR --event-type desertion --format csv
  faultlines events list --all --actor irgc --format csv > irgc.csv
  faultlines events get FL-000001
  faultlines stats --group-by year --group-by event_type
  faultlines vocab actors
  faultlines releases download 1.1.0 ./data --file events.csv

The API address comes from --base-url, then $FAULTLINES_API_URL, then http://127.0.0.1:8000.
Exit status: 0 on success, 1 on an API or download error, 2 on bad usage."""
_EXIT_PIPE = 141  # 128 + SIGPIPE: what a Unix tool cut off by `| head` reports

_TABLE_EVENT_COLUMNS = ("id", "date_start", "event_type", "country", "verification", "title")
_MULTI_FILTERS = ("event_type", "actor", "country", "admin1", "campaign", "source", "verification")
_DIMENSIONS = ("year", "month", "event_type", "actor", "admin1", "campaign")
_MAX_PAGE = 1000


_FILTER_HELP = {
    "event_type": "codebook type (faultlines vocab event-types)",
    "actor": "organisation id, sub-organisations included (faultlines vocab actors)",
    "country": "ISO 3166-1 alpha-2 code, e.g. IR",
    "admin1": "ISO 3166-2 code, e.g. IR-23",
    "campaign": "campaign id (faultlines vocab campaigns)",
    "source": "source id cited by a report, e.g. SRC-000001",
    "verification": "verification level, e.g. corroborated",
}


def _add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (repeat an option for OR; options are ANDed)")
    for name in _MULTI_FILTERS:
        option = f"--{name.replace('_', '-')}"
        group.add_argument(option, dest=name, action="append", help=_FILTER_HELP[name])
    group.add_argument("--min-confidence", choices=["low", "medium", "high"])
    group.add_argument("--date-from", metavar="YYYY-MM-DD", help="on or after this day")
    group.add_argument("--date-to", metavar="YYYY-MM-DD", help="on or before this day")
    group.add_argument(
        "--date-match",
        choices=["overlaps", "within"],
        help="overlaps (default): the event's dates meet the window; within: inside it",
    )
    group.add_argument("-q", "--query", dest="q", metavar="TEXT", help="full-text search")
    group.add_argument("--release", help="release version (default: latest)")


def _filters(args: argparse.Namespace) -> EventFilters:
    names = (*_MULTI_FILTERS, "min_confidence", "date_from", "date_to", "date_match", "q")
    found = {name: getattr(args, name) for name in (*names, "release")}
    return cast(EventFilters, {k: v for k, v in found.items() if v is not None})


def _format_option(parser: argparse.ArgumentParser, choices: Sequence[str]) -> None:
    parser.add_argument(
        "--format", choices=choices, default=choices[0], help=f"output (default {choices[0]})"
    )


def _commands(parser: argparse.ArgumentParser, dest: str) -> Any:
    return parser.add_subparsers(dest=dest, required=True, metavar=dest.upper())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="faultlines",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"faultlines {__version__}")
    parser.add_argument("--base-url", help="API root (default: $FAULTLINES_API_URL or :8000)")
    parser.add_argument("--timeout", type=float, default=None, help="seconds per request")
    commands = _commands(parser, "command")

    events = _commands(commands.add_parser("events", help="list or show events"), "action")
    ls = events.add_parser("list", help="list events matching filters")
    _add_filters(ls)
    ls.add_argument("--limit", type=int, default=50, help="at most this many events (default 50)")
    ls.add_argument("--all", action="store_true", help="every matching event (pages through)")
    ls.add_argument(
        "--sort",
        choices=["date", "-date"],
        help="date: oldest first (default); -date: newest first, written --sort=-date",
    )
    _format_option(ls, ["table", "json", "csv"])
    ls.set_defaults(run=_events_list)
    get = events.add_parser("get", help="one event with its summary, reports and sources")
    get.add_argument("event_id")
    get.add_argument("--release")
    _format_option(get, ["text", "json"])
    get.set_defaults(run=_events_get)

    stats = commands.add_parser("stats", help="event counts grouped by one or two dimensions")
    stats.add_argument("--group-by", action="append", required=True, choices=_DIMENSIONS)
    _add_filters(stats)
    _format_option(stats, ["table", "json", "csv"])
    stats.set_defaults(run=_stats)

    vocab = _commands(commands.add_parser("vocab", help="list a vocabulary"), "vocabulary")
    for name, what, run in (
        ("actors", "organisations, sub-organisations indented", _vocab_actors),
        ("event-types", "the codebook's event types", _vocab_event_types),
        ("campaigns", "campaigns and contexts", _vocab_campaigns),
    ):
        sub = vocab.add_parser(name, help=what)
        sub.add_argument("--release")
        _format_option(sub, ["table", "json", "csv"])
        sub.set_defaults(run=run)

    releases = _commands(
        commands.add_parser("releases", help="list or download releases"), "action"
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


def _tell(message: str) -> None:
    print(f"faultlines: {message}", file=sys.stderr)


def _more(shown: int, total: int | None) -> None:
    of = f" of {total}" if total is not None else ""
    _tell(f"showing {shown}{of} events; more match (--all for every one, or --limit N)")


def _events_list(client: Client, args: argparse.Namespace, out: TextIO) -> None:
    if args.format == "csv":
        _events_csv(client, args, out)
        return
    size = _MAX_PAGE if args.all else min(args.limit, _MAX_PAGE)
    events: list[m.Event] = []
    more, total = False, None
    for page in client.events.iter(page_size=size, sort=args.sort, **_filters(args)).pages():
        events.extend(page.data)
        total = getattr(page.meta, "total", None)  # in the page once the server counts
        if not args.all and len(events) >= args.limit:
            more = len(events) > args.limit or none_if_unset(page.meta.next_cursor) is not None
            del events[args.limit :]
            break
    if args.format == "json":
        write_json(out, events)
    else:
        rows = [{c: getattr(e, c, None) for c in _TABLE_EVENT_COLUMNS} for e in events]
        for row, event in zip(rows, events, strict=True):
            row["country"] = event.location.country
        write_table(out, _TABLE_EVENT_COLUMNS, rows)
    if more:
        _more(len(events), total if isinstance(total, int) else None)


def _events_csv(client: Client, args: argparse.Namespace, out: TextIO) -> None:
    """The server's own CSV (the release's columns); one row more than asked shows if more match."""
    params: dict[str, Any] = {"format": "csv", "sort": args.sort, **_filters(args)}
    if not args.all and args.limit < _MAX_PAGE:
        params["limit"] = args.limit + 1  # else every match streams and is cut here
    response = client._send("/v1/events", params=build_params(**params))
    rows = csv.reader(io.StringIO(response.text, newline=""))
    writer = csv.writer(out, lineterminator="\r\n")
    shown, more = -1, False  # the header is not an event
    for row in rows:
        if not args.all and shown >= args.limit:
            more = True
            break
        writer.writerow(row)
        shown += 1
    if more:
        _more(shown, None)


def _events_get(client: Client, args: argparse.Namespace, out: TextIO) -> None:
    detail = client.events.get(args.event_id, release=args.release)
    if args.format == "json":
        write_json(out, detail)
    else:
        write_event(out, detail)


def _rows_out(
    out: TextIO, fmt: str, value: Any, columns: Sequence[str], rows: list[dict[str, Any]]
) -> None:
    if fmt == "json":
        write_json(out, value)
    elif fmt == "csv":
        write_csv(out, columns, rows)
    else:
        write_table(out, columns, rows)


def _stats(client: Client, args: argparse.Namespace, out: TextIO) -> None:
    page = client.stats.events(*args.group_by, **_filters(args))
    rows = []
    for row in page.data:
        fields = msgspec.structs.asdict(row)
        rows.append({**fields.pop("group"), **fields})
    others = [k for k in (rows[0] if rows else {}) if k not in {*page.group_by, "count"}]
    measures = ["count", *others]
    _rows_out(out, args.format, page, [*page.group_by, *measures], rows)


def _walk(nodes: Sequence[m.ActorNode], depth: int = 0) -> list[dict[str, Any]]:
    rows = []
    for node in nodes:
        row = msgspec.structs.asdict(node)
        rows.append({**row, "id": "  " * depth + node.id})
        rows.extend(_walk(node.children, depth + 1))
    return rows


def _vocab_actors(client: Client, args: argparse.Namespace, out: TextIO) -> None:
    tree = client.actors.list(release=args.release)
    rows = _walk(tree.data)
    if args.format == "csv":  # ids without the indentation, which is for reading
        rows = [{**r, "id": r["id"].strip()} for r in rows]
    _rows_out(out, args.format, tree, ("id", "name", "kind", "parent", "aliases", "country"), rows)


def _vocab_event_types(client: Client, args: argparse.Namespace, out: TextIO) -> None:
    types = client.event_types.list(release=args.release)
    rows = [msgspec.structs.asdict(t) for t in types.data]
    _rows_out(out, args.format, types, ("id", "label", "definition"), rows)


def _vocab_campaigns(client: Client, args: argparse.Namespace, out: TextIO) -> None:
    campaigns = client.campaigns.list(release=args.release)
    rows = [msgspec.structs.asdict(c) for c in campaigns.data]
    columns = ("id", "name", "date_start", "date_end", "countries")
    _rows_out(out, args.format, campaigns, columns, rows)


def _releases_list(client: Client, args: argparse.Namespace, out: TextIO) -> None:
    releases = client.releases.list()
    rows = [msgspec.structs.asdict(r) for r in releases.data]
    columns = ("version", "date", "schema_version", "previous", "latest")
    _rows_out(out, args.format, releases, columns, rows)


def _releases_download(client: Client, args: argparse.Namespace, out: TextIO) -> None:
    files = client.releases.download(
        args.version, args.dest, files=args.files, progress=args.progress
    )
    for f in files:
        state = "downloaded" if f.downloaded else "already present"
        out.write(f"{f.path}  {f.size} bytes  sha256 {f.sha256} OK ({state})\n")


def _silence_stdout() -> None:
    # The reader is gone: point stdout at /dev/null so the interpreter's final flush at exit
    # does not raise a second BrokenPipeError ("Exception ignored ...").
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    run: Callable[[Client, argparse.Namespace, TextIO], None] = args.run
    target = out or sys.stdout
    try:
        with Client(args.base_url, timeout=args.timeout) as client:
            run(client, args, target)
            target.flush()
    except BrokenPipeError:
        if target is sys.stdout:
            _silence_stdout()
        return _EXIT_PIPE
    except (FaultlinesError, ImportError) as exc:  # ImportError: an optional extra is missing
        _tell(f"error: {exc}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
