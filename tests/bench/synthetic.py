"""Seeded generator of synthetic, schema-valid events for the benchmark (never shipped as data).

Every record is marked: titles start with ``[SYNTHETIC]``, ``coder_notes`` / ``notes`` say the
record is synthetic, outlets are called "Synthetic ...". The output is a dataset root (the
layout ``api.curation`` reads: ``vocab/`` copied from ``dataset/vocab``, ``events/``,
``sources/``, ``CHANGELOG.md``) that the real release builder turns into a release folder.

Shape of the data, so that queries hit realistic selectivities:

- event types and organisations are skewed (a few dominate, the tail is long);
- about 60% of the events fall in bursts inside campaign windows (2022 protests heaviest),
  the rest spread over 1999-2025; ids are assigned in random order, not by date;
- date precisions day/week/month/quarter/year/range; ``inferred`` dates carry a note;
- 1-4 reports per event from shared sources (a source is cited by ~4 events, 5% are reprints),
  verification and confidence derived from the reports by the codebook's rules;
- coordinates on site/city-precision events only; magnitudes with every qualifier.

Record files are written as JSON, which is a subset of YAML, because emitting a million YAML
documents with PyYAML takes longer than the benchmark itself; the loader reads them unchanged.

Usage: ``python -m tests.bench.synthetic --events 10000 --root /tmp/fl/root``.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import os
import random
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec
import yaml

__all__ = ["SyntheticConfig", "generate_events", "main", "write_dataset_root"]

REPO = Path(__file__).resolve().parents[2]
VOCAB_DIR = REPO / "dataset" / "vocab"
SYNTHETIC_MARK = "[SYNTHETIC]"
LAST_DAY = dt.date(2025, 9, 30)
_ENC = msgspec.json.Encoder()


@dataclass(frozen=True)
class SyntheticConfig:
    """What to generate."""

    events: int
    """Number of events (ids FL-000000 .. FL-{events-1:06d}; at most 1,000,000)."""
    seed: int = 20260101
    """Seed of the random generator: same seed, same records."""
    version: str = "1.0.0"
    """Release version written into the synthetic CHANGELOG.md."""
    release_date: str = "2026-01-01"
    """Date of that changelog entry (the release date)."""


# --- distributions -------------------------------------------------------------------------

_TYPES: list[tuple[str, float]] = [
    ("desertion", 18),
    ("disciplinary_action", 14),
    ("refusal_of_orders", 11),
    ("dissent_statement", 9),
    ("shirking_or_absenteeism", 8),
    ("morale_or_cohesion_report", 7),
    ("resignation_or_early_retirement", 6),
    ("official_acknowledgment", 5),
    ("loyalty_inducement", 4),
    ("leak", 4),
    ("recruitment_measure", 3),
    ("context", 3),
    ("elite_division", 3),
    ("side_switching", 2),
    ("fraternization", 1.5),
    ("mutiny_or_armed_rebellion", 1),
]

_ORGS_IR: list[tuple[str, float]] = [
    ("basij", 22),
    ("irgc", 18),
    ("police", 10),
    ("special_units", 8),
    ("irgc_ground_force", 6),
    ("artesh", 6),
    ("morality_police", 5),
    ("irgc_provincial_corps", 4),
    ("intelligence_ministry", 3),
    ("irgc_intelligence", 3),
    ("irgc_counterintelligence", 2),
    ("quds_force", 2),
    ("irgc_judiciary", 2),
    ("judiciary", 2),
    ("irgc_aerospace_force", 1),
    ("irgc_navy", 1),
    ("armed_forces_general_staff", 1),
    ("supreme_leader_office", 1),
    ("khatam_al_anbiya", 0.5),
    ("parliament", 0.5),
]
_ORGS_SY: list[tuple[str, float]] = [("quds_force", 5), ("syrian_army", 4), ("irgc", 2)]
_RESPONDERS = ["irgc_counterintelligence", "irgc_judiciary", "judiciary", "intelligence_ministry"]

_TYPE_ROLE = {
    "desertion": "defector",
    "refusal_of_orders": "defector",
    "shirking_or_absenteeism": "defector",
    "resignation_or_early_retirement": "defector",
    "mutiny_or_armed_rebellion": "defector",
    "side_switching": "defector",
    "fraternization": "participant",
    "leak": "leaker",
    "dissent_statement": "dissenter",
    "elite_division": "dissenter",
    "morale_or_cohesion_report": "participant",
    "official_acknowledgment": "acknowledger",
    "disciplinary_action": "target",
    "loyalty_inducement": "beneficiary",
    "recruitment_measure": "recruiter",
    "context": "participant",
}
_TIERS: list[tuple[str, float]] = [
    ("rank_and_file", 30),
    ("volunteer", 18),
    ("unknown", 15),
    ("officer", 10),
    ("junior_officer", 9),
    ("mixed", 8),
    ("senior_commander", 5),
    ("former_member", 4),
    ("civilian_official", 1),
]

# (campaign id, share of all events, country weights): bursts of activity.
_CAMPAIGNS: list[tuple[str, float, list[tuple[str, float]]]] = [
    ("woman_life_freedom_2022", 0.22, [("IR", 1)]),
    ("green_movement_2009", 0.10, [("IR", 1)]),
    ("syria_deployment", 0.08, [("SY", 3), ("IR", 1)]),
    ("protests_2019_aban", 0.06, [("IR", 1)]),
    ("protests_2017_2018", 0.04, [("IR", 1)]),
    ("gaza_war_2023", 0.04, [("IR", 1)]),
    ("israel_iran_war_2025", 0.04, [("IR", 1)]),
    ("protests_1999", 0.02, [("IR", 1)]),
]
_BACKGROUND = (dt.date(1999, 1, 1), dt.date(2025, 9, 1))

_PRECISIONS: list[tuple[str, float]] = [
    ("day", 40),
    ("week", 12),
    ("month", 20),
    ("range", 15),
    ("quarter", 7),
    ("year", 6),
]
_GEO: list[tuple[str, float]] = [
    ("city", 30),
    ("admin1", 25),
    ("multiple", 15),
    ("site", 10),
    ("country", 12),
    ("unknown", 8),
]
# Rough bounding boxes, enough for plausible map points.
_BBOX = {
    "IR": (25.5, 39.5, 44.5, 61.5),
    "SY": (32.5, 37.0, 36.0, 42.0),
    "IQ": (29.5, 37.0, 39.0, 48.0),
}
_ADMIN1 = {
    "IR": [f"IR-{i:02d}" for i in range(31)],
    "SY": ["SY-HL", "SY-DI", "SY-RD", "SY-DY", "SY-HM", "SY-HI", "SY-ID"],
    "IQ": ["IQ-KR", "IQ-AR", "IQ-SU", "IQ-BG"],
}
_CLAIMANTS: list[tuple[str, float, str]] = [
    ("anonymous_insider", 25, "a member of the force speaking anonymously"),
    ("outlet_reporting", 22, "the outlet's own reporting"),
    ("anonymous_source", 12, "an unnamed source close to the unit"),
    ("official_statement", 9, "a statement by the organisation"),
    ("named_official", 8, "a named official"),
    ("opposition_group", 7, "an opposition group"),
    ("rights_group", 6, "a human-rights group"),
    ("analyst", 5, "an analyst of the security forces"),
    ("leaked_document", 4, "a leaked internal document"),
    ("named_insider", 2, "a former member speaking under their own name"),
]
_OUTLET_TYPES = [
    "independent",
    "opposition",
    "international",
    "semi_official",
    "state",
    "foreign_state",
    "rights_group",
    "partisan",
    "aggregator",
    "academic",
]
_LANGS = ["fa", "en", "fa", "en", "ar", "fa"]
_OUTLETS = 400
# Words for titles and summaries; the weights make full-text queries range from rare to common.
_WORDS = [
    ("barracks", 6),
    ("checkpoint", 5),
    ("conscripts", 4),
    ("garrison", 3),
    ("payroll", 3),
    ("mosque", 2),
    ("border", 4),
    ("convoy", 2),
    ("hospital", 1),
    ("university", 3),
    ("prison", 3),
    ("bazaar", 2),
    ("stadium", 1),
    ("refinery", 1),
    ("airport", 1),
    ("messaging", 2),
    ("telegram", 2),
    ("funeral", 2),
    ("strike", 2),
    ("drone", 1),
]
_VERBS = ["reportedly", "allegedly", "according to the coder's reading", "in several accounts"]


def _cum(weights: Sequence[float]) -> list[float]:
    return list(itertools.accumulate(weights))


class _Pick:
    """Weighted choice with precomputed cumulative weights (faster than random.choices)."""

    def __init__(self, items: Sequence[Any], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cum = _cum(weights)
        self.total = self.cum[-1]

    def __call__(self, rnd: random.Random) -> Any:
        return self.items[bisect.bisect_right(self.cum, rnd.random() * self.total)]


def _pick(pairs: Sequence[tuple[Any, float]]) -> _Pick:
    return _Pick([p[0] for p in pairs], [p[1] for p in pairs])


# --- dates ---------------------------------------------------------------------------------


def _campaign_windows() -> dict[str, tuple[dt.date, dt.date]]:
    raw = yaml.safe_load((VOCAB_DIR / "campaigns.yaml").read_text(encoding="utf-8"))
    out = {}
    for c in raw["entries"]:
        end = c.get("date_end") or LAST_DAY
        out[c["id"]] = (c["date_start"], min(end, LAST_DAY))
    return out


def _draw_anchors(cfg: SyntheticConfig, rnd: random.Random) -> list[tuple[int, str | None]]:
    """(ordinal day, campaign) for every event, sorted by day: bursts peak early in a campaign."""
    windows = _campaign_windows()
    anchors: list[tuple[int, str | None]] = []
    campaign_pick = _Pick([c[0] for c in _CAMPAIGNS] + [None], [c[1] for c in _CAMPAIGNS] + [0.4])
    b0, b1 = _BACKGROUND[0].toordinal(), _BACKGROUND[1].toordinal()
    for _ in range(cfg.events):
        camp = campaign_pick(rnd)
        if camp is None:
            anchors.append((rnd.randint(b0, b1), None))
            continue
        start, end = windows[camp]
        span = end.toordinal() - start.toordinal()
        # Triangular with the mode near the start: protests flare, then fade.
        day = start.toordinal() + int(rnd.triangular(0, span, span * 0.1))
        anchors.append((day, camp))
    anchors.sort(key=lambda a: a[0])
    return anchors


def _interval(day: dt.date, precision: str, rnd: random.Random) -> tuple[dt.date, dt.date]:
    if precision == "day":
        return day, day
    if precision == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    if precision == "month":
        start = day.replace(day=1)
        nxt = (start + dt.timedelta(days=32)).replace(day=1)
        return start, nxt - dt.timedelta(days=1)
    if precision == "quarter":
        q = (day.month - 1) // 3
        start = dt.date(day.year, 3 * q + 1, 1)
        nxt = dt.date(day.year + (q == 3), (3 * q + 3) % 12 + 1, 1)
        return start, nxt - dt.timedelta(days=1)
    if precision == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return day, day + dt.timedelta(days=rnd.randint(2, 120))


# --- sources -------------------------------------------------------------------------------


@dataclass
class _OpenSource:
    sid: str
    outlet: int
    uses_left: int
    last_day: dt.date


@dataclass
class _SourcePool:
    """Sources shared by nearby events; a source is written once its last citing event is out."""

    rnd: random.Random
    out: Path | None
    next_id: int = 0
    open: list[_OpenSource] = field(default_factory=list)
    root: dict[str, tuple[str, int]] = field(default_factory=dict)  # sid -> (origin sid, outlet)
    written: int = 0

    def take(self, k: int, last_day: dt.date) -> list[tuple[str, str, str]]:
        """k distinct sources for one event: (source id, origin source id, origin outlet)."""
        chosen: list[_OpenSource] = []
        for _ in range(k):
            if self.open and self.rnd.random() < 0.75:
                cand = self.open[self.rnd.randrange(len(self.open))]
                if cand not in chosen:
                    chosen.append(cand)
                    continue
            chosen.append(self._new(last_day))
        out = []
        for src in chosen:
            src.uses_left -= 1
            src.last_day = max(src.last_day, last_day)
            origin, outlet = self.root[src.sid]
            out.append((src.sid, origin, f"Synthetic Outlet {outlet:03d}"))
            if src.uses_left <= 0:
                self.open.remove(src)
                self._write(src)
        return out

    def _new(self, last_day: dt.date) -> _OpenSource:
        sid = f"SRC-{self.next_id:06d}"
        self.next_id += 1
        outlet = min(int(self.rnd.paretovariate(1.2)) - 1, _OUTLETS - 1)
        origin = sid
        # 5% reprint an earlier source; the reprint's origin (and origin outlet) is that one's.
        if self.root and self.rnd.random() < 0.05:
            parent = f"SRC-{self.rnd.randrange(max(0, self.next_id - 50), self.next_id - 1):06d}"
            if parent in self.root:
                origin, outlet = self.root[parent][0], self.root[parent][1]
        self.root[sid] = (origin, outlet)
        src = _OpenSource(sid, outlet, uses_left=self.rnd.randint(1, 7), last_day=last_day)
        self.open.append(src)
        return src

    def flush(self) -> None:
        for src in self.open:
            self._write(src)
        self.open.clear()

    def _write(self, src: _OpenSource) -> None:
        self.written += 1
        if self.out is None:
            return
        origin, outlet = self.root[src.sid]
        published = min(src.last_day + dt.timedelta(days=self.rnd.randint(0, 20)), LAST_DAY)
        rec: dict[str, Any] = {
            "id": src.sid,
            "outlet": f"Synthetic Outlet {outlet:03d}",
            "title": f"{SYNTHETIC_MARK} Report number {src.sid[4:]} on the security forces",
            "url": f"https://synthetic.invalid/{src.sid.lower()}",
            "published": published.isoformat(),
            "published_precision": "day",
            "language": _LANGS[outlet % len(_LANGS)],
            "outlet_type": _OUTLET_TYPES[outlet % len(_OUTLET_TYPES)],
            "notes": "Synthetic benchmark record (tests/bench/synthetic.py); not real data.",
        }
        if origin != src.sid:
            rec["republished_from"] = origin
        _write_record(self.out / f"{src.sid}.yaml", rec)


def _write_record(path: Path, record: dict[str, Any]) -> None:
    with open(path, "wb") as fh:
        fh.write(_ENC.encode(record))
        fh.write(b"\n")


# --- events --------------------------------------------------------------------------------


def _estimate(rnd: random.Random, scale: int) -> dict[str, Any]:
    q = rnd.choice(["approx", "approx", "at_least", "exact", "unknown", "at_most"])
    n = max(1, int(rnd.paretovariate(1.1) * scale))
    if q == "exact":
        return {"best": n, "qualifier": q}
    if q == "approx":
        return {"low": max(1, n // 2), "best": n, "high": n * 2, "qualifier": q}
    if q == "at_least":
        return {"low": n, "qualifier": q}
    if q == "at_most":
        return {"high": n, "qualifier": q}
    return {"qualifier": q, "note": "a number was mentioned without a figure"}


class _EventMaker:
    def __init__(self, cfg: SyntheticConfig, rnd: random.Random, pool: _SourcePool) -> None:
        self.cfg = cfg
        self.rnd = rnd
        self.pool = pool
        self.types = _pick(_TYPES)
        self.orgs_ir = _pick(_ORGS_IR)
        self.orgs_sy = _pick(_ORGS_SY)
        self.tiers = _pick(_TIERS)
        self.precisions = _pick(_PRECISIONS)
        self.geo = _pick(_GEO)
        self.claimants = _Pick(_CLAIMANTS, [c[1] for c in _CLAIMANTS])
        self.words = _pick(_WORDS)
        self.countries = {c: _pick(w) for c, _, w in _CAMPAIGNS}
        self.windows = _campaign_windows()
        # Tehran (IR-23) and the Kurdish and Baluch provinces get more events.
        ir_w = [
            3.0 if a in ("IR-23",) else 2.0 if a in ("IR-12", "IR-11", "IR-04") else 1.0
            for a in _ADMIN1["IR"]
        ]
        self.admin1 = {
            "IR": _Pick(_ADMIN1["IR"], ir_w),
            "SY": _Pick(_ADMIN1["SY"], [1] * 7),
            "IQ": _Pick(_ADMIN1["IQ"], [1] * 4),
        }

    def make(self, eid: str, day_ord: int, campaign: str | None) -> dict[str, Any]:
        rnd = self.rnd
        etype = self.types(rnd)
        precision = self.precisions(rnd)
        start, end = _interval(dt.date.fromordinal(day_ord), precision, rnd)
        end = min(end, LAST_DAY)
        start = min(start, end)
        if campaign is not None:
            c0, c1 = self.windows[campaign]
            # Keep the interval overlapping its campaign (the validator warns otherwise).
            if end < c0 or start > c1:
                start = end = max(c0, min(dt.date.fromordinal(day_ord), c1))
                precision = "day"
            country = self.countries[campaign](rnd)
        else:
            country = "IR" if rnd.random() < 0.9 else rnd.choice(["SY", "IQ"])
        basis = "stated" if rnd.random() < 0.7 else "inferred"
        geo = self.geo(rnd)
        loc: dict[str, Any] = {"country": country, "geo_precision": geo}
        if geo in ("site", "city", "admin1") and country in self.admin1:
            loc["admin1"] = self.admin1[country](rnd)
        if geo in ("site", "city") and country in _BBOX:
            la0, la1, lo0, lo1 = _BBOX[country]
            loc["place_name"] = f"Synthetic place {rnd.randrange(500)}"
            loc["latitude"] = round(rnd.uniform(la0, la1), 4)
            loc["longitude"] = round(rnd.uniform(lo0, lo1), 4)
        org = (self.orgs_sy if country == "SY" else self.orgs_ir)(rnd)
        actors: list[dict[str, Any]] = [
            {"organisation": org, "role": _TYPE_ROLE[etype], "rank_tier": self.tiers(rnd)}
        ]
        if rnd.random() < 0.25:
            actors.append({"organisation": rnd.choice(_RESPONDERS), "role": "responder"})
        if rnd.random() < 0.04:
            actors[0]["unit"] = f"Synthetic unit {rnd.randrange(90)}"
        magnitudes: dict[str, Any] = {}
        if rnd.random() < 0.55:
            magnitudes["participants"] = _estimate(rnd, 5)
        if etype == "disciplinary_action" and rnd.random() < 0.6:
            magnitudes["arrested"] = _estimate(rnd, 3)
        if rnd.random() < 0.08:
            magnitudes["killed"] = _estimate(rnd, 1)
        if rnd.random() < 0.1:
            magnitudes["cases"] = _estimate(rnd, 2)
        reports, verification, confidence = self._reports(end)
        w1, w2 = self.words(rnd), self.words(rnd)
        place = loc.get("admin1") or country
        title = f"{SYNTHETIC_MARK} {etype.replace('_', ' ').capitalize()} in {org} near {w1}"
        summary = (
            f"Synthetic event: members of {org} {rnd.choice(_VERBS)} took part in "
            f"{etype.replace('_', ' ')} around a {w1} in {place}; accounts also mention a {w2}."
        )
        ev: dict[str, Any] = {
            "id": eid,
            "event_type": etype,
            "title": title,
            "summary": summary,
            "date_start": start.isoformat(),
            "date_end": end.isoformat(),
            "date_precision": precision,
            "date_basis": basis,
            "location": loc,
            "actors": actors,
            "magnitudes": magnitudes,
            "reports": reports,
            "verification": verification,
            "confidence": confidence,
            "coder_notes": f"Synthetic benchmark record (seed {self.cfg.seed}); not real data.",
        }
        if basis == "inferred":
            ev["date_note"] = "Synthetic: interval inferred from the publication dates."
        if campaign is not None:
            ev["campaign"] = campaign
        return ev

    def _reports(self, last_day: dt.date) -> tuple[list[dict[str, Any]], str, str]:
        rnd = self.rnd
        k = min(1 + int(rnd.expovariate(1.1)), 4)
        reports = []
        origins: set[str] = set()
        outlets: set[str] = set()
        official = contrary = False
        anonymous_only = True
        for sid, origin, outlet in self.pool.take(k, last_day):
            ctype, _, claimant = self.claimants(rnd)
            stance = "asserts"
            if len(reports) > 0 and rnd.random() < 0.12:
                stance = rnd.choice(["disputes", "denies"])
            rep: dict[str, Any] = {
                "source": sid,
                "claimant_type": ctype,
                "claimant": claimant,
                "stance": stance,
                "description": f"Synthetic report: {claimant} {stance} the event.",
            }
            reports.append(rep)
            if stance == "asserts":
                origins.add(origin)
                outlets.add(outlet)
                official |= ctype in ("official_statement", "named_official")
                anonymous_only &= ctype in ("anonymous_insider", "anonymous_source")
            else:
                contrary = True
        # Verification by the codebook's rules (see api/curation/_checks_verification.py).
        if contrary:
            if rnd.random() < 0.2:
                return reports, "debunked", "low"
            verification = "disputed"
        elif official:
            verification = "officially_acknowledged"
        elif len(origins) >= 2 and (not anonymous_only or len(outlets) >= 2):
            verification = "corroborated"
        elif len(origins) == 1:
            verification = "single_source" if rnd.random() < 0.85 else "unverified"
        else:
            verification = "unverified"
        if verification in ("unverified", "single_source") and anonymous_only:
            confidence = rnd.choice(["low", "low", "medium"])
        else:
            confidence = rnd.choice(["low", "medium", "medium", "high"])
        return reports, verification, confidence


def generate_events(
    cfg: SyntheticConfig, sources_dir: Path | None = None
) -> Iterator[dict[str, Any]]:
    """Yield the events as plain dicts (JSON-ready), in date order with shuffled ids.

    Sources are written to ``sources_dir`` as their last citing event goes by (and the rest
    when the iterator is exhausted); with ``sources_dir=None`` they are only counted.
    """
    if not 0 < cfg.events <= 1_000_000:
        raise ValueError("events must be between 1 and 1,000,000 (ids are FL-NNNNNN)")
    rnd = random.Random(cfg.seed)
    anchors = _draw_anchors(cfg, rnd)
    ids = list(range(cfg.events))
    rnd.shuffle(ids)
    pool = _SourcePool(rnd=rnd, out=sources_dir)
    maker = _EventMaker(cfg, rnd, pool)
    active: list[str] = []
    for (day, campaign), num in zip(anchors, ids, strict=True):
        eid = f"FL-{num:06d}"
        ev = maker.make(eid, day, campaign)
        r = rnd.random()
        if active and r < 0.005:
            ev["status"] = "merged"
            ev["merged_into"] = active[rnd.randrange(max(0, len(active) - 200), len(active))]
            ev["status_reason"] = "Synthetic: duplicate of an earlier event."
        elif r < 0.008:
            ev["status"] = "retracted"
            ev["status_reason"] = "Synthetic: the only report was withdrawn."
        else:
            active.append(eid)
            if len(active) > 1 and rnd.random() < 0.05:
                lo = max(0, len(active) - 50)
                ev["related_events"] = [active[rnd.randrange(lo, len(active) - 1)]]
        yield ev
    pool.flush()


_CHANGELOG = """# Dataset changelog (synthetic)

SYNTHETIC benchmark data generated by tests/bench/synthetic.py. Not real events; never ship it.

## {version} — {date}

Synthetic release of {events} events (seed {seed}).
"""


def write_dataset_root(cfg: SyntheticConfig, root: Path) -> dict[str, Any]:
    """Write a dataset root with ``cfg.events`` synthetic events; return counts and timings."""
    t0 = time.perf_counter()
    if root.exists():
        shutil.rmtree(root)
    (root / "events").mkdir(parents=True)
    (root / "sources").mkdir()
    (root / "coverage").mkdir()
    shutil.copytree(VOCAB_DIR, root / "vocab")
    (root / "CHANGELOG.md").write_text(
        _CHANGELOG.format(
            version=cfg.version, date=cfg.release_date, events=cfg.events, seed=cfg.seed
        ),
        encoding="utf-8",
    )
    (root / "README.md").write_text(
        "SYNTHETIC benchmark data (tests/bench/synthetic.py). Not real events.\n", encoding="utf-8"
    )
    events_dir = root / "events"
    n = 0
    sources_dir = root / "sources"
    for ev in generate_events(cfg, sources_dir):
        _write_record(events_dir / f"{ev['id']}.yaml", ev)
        n += 1
    sources = sum(1 for _ in os.scandir(sources_dir))
    return {"events": n, "sources": sources, "seconds": round(time.perf_counter() - t0, 2)}


def main(argv: list[str] | None = None) -> int:
    """CLI: write a synthetic dataset root."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--events", type=int, required=True)
    p.add_argument("--root", type=Path, required=True)
    p.add_argument("--seed", type=int, default=SyntheticConfig.seed)
    p.add_argument("--version", default=SyntheticConfig.version)
    args = p.parse_args(argv)
    cfg = SyntheticConfig(events=args.events, seed=args.seed, version=args.version)
    info = write_dataset_root(cfg, args.root)
    print(
        f"wrote {info['events']} events, {info['sources']} sources in {info['seconds']} s "
        f"under {args.root}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
