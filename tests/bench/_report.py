"""Ratios, targets and the printed / Markdown tables of a benchmark run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Target", "evaluate_targets", "render_markdown", "render_table"]

LABELS = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}


def size_label(n: int) -> str:
    """10000 -> "10k", 1000000 -> "1m"."""
    for label, value in LABELS.items():
        if value == n:
            return label
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


@dataclass
class Target:
    """One target of the issue, evaluated on this run."""

    id: str
    text: str
    size: str | None
    value: float | None
    threshold: float
    higher_is_better: bool
    unit: str = ""
    note: str = ""

    @property
    def met(self) -> bool | None:
        if self.value is None:
            return None
        if self.higher_is_better:
            return self.value >= self.threshold
        return self.value <= self.threshold

    @property
    def verdict(self) -> str:
        return {True: "met", False: "MISSED", None: "not measured"}[self.met]

    @property
    def gap(self) -> str:
        """How far from the threshold, as the factor to gain (missed) or the margin (met)."""
        if self.value is None or self.value == 0 or self.threshold == 0:
            return ""
        factor = (
            self.threshold / self.value if self.higher_is_better else self.value / self.threshold
        )
        return f"x{factor:.2f} to go" if factor > 1 else f"margin x{1 / factor:.2f}"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "target": self.text,
            "size": self.size,
            "value": None if self.value is None else round(self.value, 3),
            "threshold": self.threshold,
            "unit": self.unit,
            "verdict": self.verdict,
            "gap": self.gap,
            "note": self.note,
        }


def _tp(size: dict[str, Any], q: str, server: str) -> float | None:
    entry = size.get("throughput", {}).get(q, {}).get(server)
    return None if not entry else entry["rps"]


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else a / b


def _lat(size: dict[str, Any], q: str) -> float | None:
    entry = size.get("latency_c1", {}).get(q)
    return None if not entry else entry["p50_ms"]


def ratios(size: dict[str, Any]) -> dict[str, dict[str, float | None]]:
    """Per query: our API's throughput over Datasette's and over the ceiling's."""
    out = {}
    for q in size.get("throughput", {}):
        api = _tp(size, q, "api")
        out[q] = {
            "vs_datasette": _ratio(api, _tp(size, q, "datasette")),
            "vs_ceiling": _ratio(api, _tp(size, q, "ceiling")),
        }
    return out


def evaluate_targets(sizes: dict[str, dict[str, Any]]) -> list[Target]:
    """The issue's targets against this run (at 100k unless stated; 1M where stated)."""
    main = "100k" if "100k" in sizes else (list(sizes)[-1] if sizes else None)
    big = "1m" if "1m" in sizes else None
    small = "10k" if "10k" in sizes else (next(iter(sizes)) if sizes else None)
    m = sizes.get(main or "", {})
    r = ratios(m) if m else {}
    b = sizes.get(big or "", {})
    not_1m = "" if big else "1M not run in this invocation (`--sizes 1m`)"

    def rq(q: str, key: str) -> float | None:
        return r.get(q, {}).get(key)

    def at(size: str, q: str) -> float | None:
        return ratios(sizes[size]).get(q, {}).get("vs_datasette") if size in sizes else None

    t = [
        Target("Q1-ds", "Q1 >= 5x Datasette", main, rq("Q1", "vs_datasette"), 5, True, "x"),
        Target("Q1-ceil", "Q1 >= 75% of ceiling", main, rq("Q1", "vs_ceiling"), 0.75, True),
    ]
    # Q2 at every size run; Q4 at 100k and 1M (the sizes for it).
    for size in sizes:
        t.append(Target(f"Q2-ds-{size}", "Q2 >= 5x Datasette", size, at(size, "Q2"), 5, True, "x"))
    t += [
        Target("Q2-ceil", "Q2 >= 40% of ceiling", main, rq("Q2", "vs_ceiling"), 0.40, True),
        Target("Q2r-ceil", "Q2r >= 80% of ceiling", main, rq("Q2r", "vs_ceiling"), 0.80, True),
    ]
    for size in ("100k", "1m"):
        if size in sizes:
            t.append(
                Target(f"Q4-ds-{size}", "Q4 >= 2x Datasette", size, at(size, "Q4"), 2, True, "x")
            )
    q5, q5first = _lat(m, "Q5"), _lat(m, "Q5first")
    t.append(
        Target(
            "Q5-keyset",
            "Q5 p50 within 1.5x of the first page's",
            main,
            _ratio(q5, q5first),
            1.5,
            False,
            "x",
        )
    )
    for q in ("Q3", "Q4"):
        t.append(
            Target(
                f"{q}-p50",
                f"{q} p50 under 50 ms at 1M",
                big,
                _lat(b, q) if big else None,
                50,
                False,
                "ms",
                not_1m,
            )
        )
    q6 = b.get("q6", {}).get("api", {}) if big else {}
    t.append(
        Target(
            "Q6-rate",
            "Q6 streams 1M events at >= 100k rows/s",
            big,
            q6.get("rows_per_s"),
            100_000,
            True,
            "rows/s",
            not_1m,
        )
    )
    t.append(
        Target(
            "Q6-rss",
            "Q6 peak RSS under 250 MB",
            big,
            q6.get("peak_rss_mb"),
            250,
            False,
            "MB",
            not_1m,
        )
    )
    t.append(
        Target(
            "ingest-1m",
            "ingest of 1M events under 2 minutes (SQLite)",
            big,
            b.get("ingest", {}).get("seconds") if big else None,
            120,
            False,
            "s",
            not_1m,
        )
    )
    t.append(
        Target(
            "build-rss-1m",
            "release build of 1M events, peak RSS under 1 GB",
            big,
            b.get("build", {}).get("peak_rss_mb") if big else None,
            1024,
            False,
            "MB",
            not_1m,
        )
    )
    t.append(
        Target("cold-start", "cold start under 1.5 s", main, m.get("cold_start_s"), 1.5, False, "s")
    )
    for page, what in (("W1", "/events page (type + dates)"), ("W2", "/events/{id} page")):
        t.append(
            Target(
                f"{page}-p50",
                f"explorer {what} p50 under 30 ms",
                main,
                _lat(m, page),
                30,
                False,
                "ms",
            )
        )
    last = big or (list(sizes)[-1] if sizes else None)
    for q in ("Q1", "Q2", "Q5"):
        growth = None
        if small and last and small != last:
            growth = _ratio(_lat(sizes[last], q), _lat(sizes[small], q))
        note = "" if big else f"measured {small} -> {last}; the target is 10k -> 1M"
        t.append(
            Target(
                f"{q}-growth",
                f"{q} latency grows < 2x from 10k to 1M",
                last,
                growth,
                2,
                False,
                "x",
                note,
            )
        )
    return t


def _fmt(v: float | None, digits: int = 1) -> str:
    return "-" if v is None else f"{v:,.{digits}f}"


def render_table(sizes: dict[str, dict[str, Any]], targets: list[Target]) -> str:
    """Plain-text table for the terminal."""
    lines = []
    for label, size in sizes.items():
        lines.append(f"== {label} events ({size.get('events', '?')}) ==")
        lines.append(
            f"{'query':5} {'api rps':>9} {'datasette':>10} {'ceiling':>9} "
            f"{'x ds':>6} {'% ceil':>7} {'api p50 c1 ms':>14}"
        )
        rat = ratios(size)
        for q, servers in size.get("throughput", {}).items():
            lines.append(
                f"{q:5} {_fmt(servers.get('api', {}).get('rps')):>9} "
                f"{_fmt(servers.get('datasette', {}).get('rps')):>10} "
                f"{_fmt(servers.get('ceiling', {}).get('rps')):>9} "
                f"{_fmt(rat[q]['vs_datasette'], 2):>6} "
                f"{_fmt(None if rat[q]['vs_ceiling'] is None else 100 * rat[q]['vs_ceiling']):>7} "
                f"{_fmt(_lat(size, q), 2):>14}"
            )
        for extra in ("Q5first", "W1", "W2"):
            if extra in size.get("latency_c1", {}):
                lines.append(f"{extra:7} api p50 c1: {_fmt(_lat(size, extra), 2)} ms")
        q6 = size.get("q6", {})
        for server, v in q6.items():
            lines.append(
                f"Q6 {server}: {v.get('rows', 0):,} rows in {v.get('seconds', 0):.2f} s = "
                f"{v.get('rows_per_s', 0):,.0f} rows/s, peak RSS {v.get('peak_rss_mb', 0):.0f} MB"
            )
        for key in ("build", "ingest"):
            if key in size:
                lines.append(
                    f"{key}: {size[key]['seconds']:.1f} s, "
                    f"peak RSS {size[key]['peak_rss_mb']:.0f} MB"
                )
        if "cold_start_s" in size:
            lines.append(f"cold start to first 200: {size['cold_start_s']:.2f} s")
        lines.append("")
    lines.append("targets:")
    for t in targets:
        val = "-" if t.value is None else f"{t.value:,.3g}{t.unit}"
        lines.append(f"  [{t.verdict:>12}] {t.text} ({t.size}): {val} {t.gap} {t.note}".rstrip())
    return "\n".join(lines)


def render_markdown(result: dict[str, Any], targets: list[Target]) -> str:
    """The Markdown file committed next to the JSON."""
    meta = result["meta"]
    out = [
        "# Benchmark results (latest)",
        "",
        f"`{meta['command']}` on {meta['date']} at commit `{meta['commit']}`; "
        f"{meta['cpus']} CPUs ({meta['cpu_model']}), servers pinned to core 0, wrk on core 1; "
        f"{meta['rounds']} interleaved rounds of {meta['duration']} s, {meta['connections']} "
        "connections; medians. Absolute numbers drift on this shared machine; ratios hold.",
        "",
    ]
    for label, size in result["sizes"].items():
        out += [
            f"## {label} events",
            "",
            "| query | what | API req/s | Datasette req/s | ceiling req/s | API / Datasette "
            "| API / ceiling | API p50 (1 conn) |",
            "|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        rat = ratios(size)
        for q, servers in size.get("throughput", {}).items():
            vc = rat[q]["vs_ceiling"]
            out.append(
                f"| {q} | {size['what'].get(q, '')} | {_fmt(servers.get('api', {}).get('rps'), 0)} "
                f"| {_fmt(servers.get('datasette', {}).get('rps'), 0)} "
                f"| {_fmt(servers.get('ceiling', {}).get('rps'), 0)} "
                f"| {_fmt(rat[q]['vs_datasette'], 2)}x "
                f"| {_fmt(None if vc is None else 100 * vc, 0)}% "
                f"| {_fmt(_lat(size, q), 2)} ms |"
            )
        out.append("")
        lat = size.get("latency_c1", {})
        if lat:
            out.append(
                "Latency, one connection (API): "
                + ", ".join(
                    f"{q} p50 {v['p50_ms']:.2f} ms / p99 {v['p99_ms']:.2f} ms"
                    for q, v in lat.items()
                )
                + "."
            )
            out.append("")
        for server, v in size.get("q6", {}).items():
            out.append(
                f"- Q6 CSV export ({server}): {v.get('rows', 0):,} rows in "
                f"{v.get('seconds', 0):.2f} s = **{v.get('rows_per_s', 0):,.0f} rows/s**, "
                f"server peak RSS {v.get('peak_rss_mb', 0):.0f} MB"
            )
        for key, what in (("build", "release build"), ("ingest", "ingest (SQLite)")):
            if key in size:
                cached = (
                    " (cached build, figures of the run that built it)"
                    if size[key].get("cached")
                    else ""
                )
                out.append(
                    f"- {what}: {size[key]['seconds']:.1f} s, peak RSS "
                    f"{size[key]['peak_rss_mb']:.0f} MB{cached}"
                )
        if "cold_start_s" in size:
            out.append(f"- cold start to first 200: {size['cold_start_s']:.2f} s (median)")
        out.append("")
    out += [
        "## Targets",
        "",
        "| target | size | measured | verdict | gap | note |",
        "|---|---|---:|---|---|---|",
    ]
    for t in targets:
        val = "-" if t.value is None else f"{t.value:,.3g}{t.unit}"
        out.append(f"| {t.text} | {t.size or '-'} | {val} | {t.verdict} | {t.gap} | {t.note} |")
    out.append("")
    return "\n".join(out)
