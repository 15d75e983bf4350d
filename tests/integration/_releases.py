"""Fixture releases for the integration tests, written in the documented release format.

The records are small and made up for the tests; ``write_release`` hand-rolls the release
folder (docs/RELEASE_FORMAT.md) so these tests do not depend on the published data.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from pathlib import Path
from typing import Any

import msgspec

from api.curation._load import load_vocabularies
from api.records import SCHEMA_VERSION, Coverage, Event, Source

REPO = Path(__file__).resolve().parents[2]

CSV_COLUMNS = [
    "id",
    "status",
    "merged_into",
    "event_type",
    "title",
    "date_start",
    "date_end",
    "date_precision",
    "country",
    "admin1",
    "place_name",
    "latitude",
    "longitude",
    "geo_precision",
    "actor_organisations",
    "campaign",
    "participants_best",
    "verification",
    "confidence",
    "source_ids",
]


def _source(n: int, outlet_type: str = "independent", language: str = "en") -> Source:
    return Source(
        id=f"SRC-{n:06d}",
        outlet=f"Outlet {n}",
        title=f"Article number {n}",
        url=f"https://example.org/{n}",
        published=dt.date(2022, 1, 1) + dt.timedelta(days=n),
        published_precision="day",  # type: ignore[arg-type]
        language=language,
        outlet_type=outlet_type,  # type: ignore[arg-type]
    )


def make_event(
    n: int,
    *,
    event_type: str = "desertion",
    start: str = "2022-10-01",
    end: str | None = None,
    country: str = "IR",
    admin1: str | None = None,
    orgs: tuple[str, ...] = ("basij",),
    sources: tuple[int, ...] = (1,),
    campaign: str | None = None,
    verification: str = "single_source",
    confidence: str = "low",
    title: str | None = None,
    summary: str | None = None,
    coords: tuple[float, float] | None = None,
    participants: int | None = None,
    status: str = "active",
    merged_into: str | None = None,
    status_reason: str | None = None,
) -> Event:
    """An event record with sensible defaults for the field the test does not care about."""
    data: dict[str, Any] = {
        "id": f"FL-{n:06d}",
        "status": status,
        "merged_into": merged_into,
        "status_reason": status_reason,
        "event_type": event_type,
        "title": title or f"Fixture event number {n}",
        "summary": summary or f"A fixture event number {n} written for the integration tests.",
        "date_start": start,
        "date_end": end or start,
        "date_precision": "day" if end is None else "range",
        "date_basis": "stated",
        "location": {
            "country": country,
            "admin1": admin1,
            "latitude": coords[0] if coords else None,
            "longitude": coords[1] if coords else None,
            "geo_precision": "city" if coords else "country",
        },
        "actors": [{"organisation": o, "role": "defector"} for o in orgs],
        "campaign": campaign,
        "reports": [
            {
                "source": f"SRC-{s:06d}",
                "claimant_type": "outlet_reporting",
                "claimant": "the outlet",
                "description": "The outlet reports the event.",
            }
            for s in sources
        ],
        "verification": verification,
        "confidence": confidence,
    }
    if participants is not None:
        data["magnitudes"] = {"participants": {"best": participants, "qualifier": "approx"}}
    return msgspec.convert(data, Event)


def base_events() -> list[Event]:
    """Release 1.0.0: twelve events, one merged, one retracted."""
    return [
        make_event(
            1,
            event_type="desertion",
            start="2022-09-20",
            end="2022-10-05",
            orgs=("basij",),
            campaign="woman_life_freedom_2022",
            admin1="IR-23",
            title="Basij volunteers desert during protests",
            summary="Several Basij volunteers in Tehran reportedly abandoned their posts.",
            coords=(35.7, 51.4),
            participants=40,
            verification="corroborated",
            confidence="high",
            sources=(1, 2),
        ),
        make_event(
            2,
            event_type="refusal_of_orders",
            start="2022-10-10",
            orgs=("special_units",),
            campaign="woman_life_freedom_2022",
            admin1="IR-23",
            coords=(35.69, 51.39),
            title="Riot police unit refuses to fire",
            participants=12,
            confidence="medium",
            sources=(2,),
        ),
        make_event(
            3,
            event_type="leak",
            start="2022-11-01",
            orgs=("irgc_intelligence",),
            title="Leaked intelligence memo on morale",
            confidence="medium",
            summary="A leaked memo describes falling morale among intelligence staff.",
            sources=(3,),
        ),
        make_event(
            4,
            event_type="desertion",
            start="2013-05-01",
            end="2013-06-30",
            country="SY",
            orgs=("quds_force",),
            campaign="syria_deployment",
            title="Quds Force advisers leave Syrian front",
            sources=(4,),
            coords=(33.5, 36.3),
            participants=5,
        ),
        make_event(
            5,
            event_type="dissent_statement",
            start="2009-07-01",
            orgs=("irgc",),
            campaign="green_movement_2009",
            verification="officially_acknowledged",
            confidence="high",
            title="IRGC officers sign dissent letter",
            sources=(5,),
        ),
        make_event(
            6,
            event_type="disciplinary_action",
            start="2009-12-15",
            orgs=("irgc_judiciary", "basij"),
            campaign="green_movement_2009",
            title="Court-martial of Basij members",
            participants=3,
            sources=(5, 6),
        ),
        make_event(
            7,
            event_type="desertion",
            start="2022-12-01",
            end="2022-12-31",
            orgs=("police",),
            admin1="IR-30",
            campaign="woman_life_freedom_2022",
            title="Police officers quit in Khorasan",
            sources=(6,),
        ),
        make_event(
            8,
            event_type="morale_or_cohesion_report",
            start="2023-02-01",
            orgs=("artesh",),
            verification="unverified",
            confidence="low",
            title="Army conscripts report low morale",
            sources=(7,),
        ),
        make_event(
            9,
            event_type="resignation_or_early_retirement",
            start="2019-11-20",
            orgs=("police",),
            campaign="protests_2019_aban",
            admin1="IR-10",
            title="Police commander resigns after crackdown",
            sources=(8,),
        ),
        make_event(
            10,
            event_type="desertion",
            start="2022-10-10",
            orgs=("morality_police",),
            campaign="woman_life_freedom_2022",
            title="Morality patrol staff walk out",
            summary="Staff of the morality patrols walked out in the capital.",
            sources=(1,),
        ),
        make_event(
            11,
            event_type="refusal_of_orders",
            start="2022-10-10",
            orgs=("special_units",),
            status="merged",
            merged_into="FL-000002",
            status_reason="Duplicate of FL-000002.",
            sources=(2,),
        ),
        make_event(
            12,
            event_type="desertion",
            start="2022-10-12",
            status="retracted",
            status_reason="Source withdrew the story.",
            sources=(3,),
        ),
    ]


def base_sources() -> list[Source]:
    """Sources of release 1.0.0."""
    return [
        _source(n, "state" if n == 5 else "independent", "fa" if n == 7 else "en")
        for n in range(1, 9)
    ]


def second_events() -> list[Event]:
    """Release 1.1.0: FL-000001 changed, FL-000003 merged into FL-000004, FL-000005 retracted,
    FL-000013 and FL-000014 added."""
    events = {e.id: e for e in base_events()}
    e1 = events["FL-000001"]
    events["FL-000001"] = msgspec.structs.replace(e1, title="Basij volunteers desert in Tehran")
    events["FL-000003"] = msgspec.structs.replace(
        events["FL-000003"],
        status="merged",
        merged_into="FL-000004",  # type: ignore[arg-type]
        status_reason="Same memo as FL-000004.",
    )
    events["FL-000005"] = msgspec.structs.replace(
        events["FL-000005"],
        status="retracted",  # type: ignore[arg-type]
        status_reason="Letter shown to be forged.",
    )
    events["FL-000013"] = make_event(
        13,
        event_type="side_switching",
        start="2024-01-05",
        orgs=("irgc_ground_force",),
        title="Guard defects abroad",
        sources=(9,),
    )
    events["FL-000014"] = make_event(
        14,
        event_type="leak",
        start="2025-06-20",
        orgs=("intelligence_ministry",),
        campaign="israel_iran_war_2025",
        sources=(9,),
        title="Ministry documents leaked",
    )
    return [events[k] for k in sorted(events)]


def second_sources() -> list[Source]:
    """Sources of release 1.1.0: SRC-000009 added."""
    return [*base_sources(), _source(9)]


def coverage_records() -> list[Coverage]:
    """One coverage record."""
    return [
        msgspec.convert(
            {
                "id": "COV-0001",
                "period": "Autumn 2022",
                "date_start": "2022-09-16",
                "date_end": "2022-12-31",
                "source_family": "English-language news",
                "languages": ["en"],
                "method": "Keyword search over the fixture collection.",
                "searched_on": "2024-01-01",
                "documents_reviewed": 10,
                "campaign": "woman_life_freedom_2022",
            },
            Coverage,
        )
    ]


def _csv_row(e: Event) -> list[str]:
    loc = e.location
    p = e.magnitudes.participants
    return [
        e.id,
        e.status,
        e.merged_into or "",
        e.event_type,
        e.title,
        e.date_start.isoformat(),
        e.date_end.isoformat(),
        e.date_precision,
        loc.country,
        loc.admin1 or "",
        loc.place_name or "",
        "" if loc.latitude is None else str(loc.latitude),
        "" if loc.longitude is None else str(loc.longitude),
        loc.geo_precision,
        ";".join(a.organisation for a in e.actors),
        e.campaign or "",
        "" if p is None or p.best is None else str(p.best),
        e.verification,
        e.confidence,
        ";".join(r.source for r in e.reports),
    ]


def _changes(
    version: str, previous: list[Event] | None, events: list[Event], since: str | None
) -> dict[str, Any]:
    before = {e.id: e for e in previous or []}
    out: dict[str, Any] = {
        "version": version,
        "since": since,
        "added": [],
        "changed": [],
        "merged": [],
        "retracted": [],
    }
    for e in events:
        old = before.get(e.id)
        if e.status == "merged" and (old is None or old.status != "merged"):
            out["merged"].append({"id": e.id, "into": e.merged_into, "reason": e.status_reason})
        elif e.status == "retracted" and (old is None or old.status != "retracted"):
            out["retracted"].append({"id": e.id, "reason": e.status_reason})
        elif old is None:
            out["added"].append(e.id)
        elif old != e:
            out["changed"].append(e.id)
    return out


def write_release(
    out: Path,
    version: str,
    events: list[Event],
    sources: list[Source],
    *,
    previous: str | None = None,
    previous_events: list[Event] | None = None,
) -> Path:
    """Write a release folder ``out/version`` in the documented format; return its path."""
    folder = out / version
    folder.mkdir(parents=True)
    enc = msgspec.json.Encoder()
    coverage = coverage_records()
    vocab = load_vocabularies(REPO / "dataset")
    files: dict[str, bytes] = {
        "events.jsonl": b"".join(enc.encode(e) + b"\n" for e in events),
        "sources.jsonl": b"".join(enc.encode(s) + b"\n" for s in sources),
        "coverage.jsonl": b"".join(enc.encode(c) + b"\n" for c in coverage),
        "vocab.json": enc.encode(vocab) + b"\n",
        "schema.json": enc.encode(msgspec.json.schema(Event)) + b"\n",
        "changes.json": enc.encode(_changes(version, previous_events, events, previous)) + b"\n",
    }
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_row(e) for e in events)
    files["events.csv"] = buf.getvalue().encode()
    manifest = {
        "name": "faultlines",
        "version": version,
        "schema_version": SCHEMA_VERSION,
        "date": "2025-01-01",
        "previous": previous,
        "counts": {
            "events": len(events),
            "active": sum(e.status == "active" for e in events),
            "merged": sum(e.status == "merged" for e in events),
            "retracted": sum(e.status == "retracted" for e in events),
            "sources": len(sources),
            "reports": sum(len(e.reports) for e in events),
            "coverage": len(coverage),
        },
        "files": {
            n: {"bytes": len(b), "sha256": hashlib.sha256(b).hexdigest()}
            for n, b in sorted(files.items())
        },
    }
    files["manifest.json"] = enc.encode(manifest) + b"\n"
    for name, content in files.items():
        (folder / name).write_bytes(content)
    sums = "".join(f"{hashlib.sha256(c).hexdigest()}  {n}\n" for n, c in sorted(files.items()))
    (folder / "SHA256SUMS").write_text(sums)
    return folder


def write_two_releases(out: Path) -> tuple[Path, Path]:
    """Releases 1.0.0 and 1.1.0 of the fixture records."""
    first = write_release(out, "1.0.0", base_events(), base_sources())
    second = write_release(
        out,
        "1.1.0",
        second_events(),
        second_sources(),
        previous="1.0.0",
        previous_events=base_events(),
    )
    return first, second
