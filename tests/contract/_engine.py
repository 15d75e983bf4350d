"""Run schemathesis' engine (what ``schemathesis run`` drives) over the committed contract.

The schema is loaded with ``schemathesis.openapi.from_path`` from ``openapi/openapi.json``
(never the app's live schema) and pointed either at the ASGI app in-process (``schema.app``)
or at a live server (``base_url``). ``from_fixture`` is not used: under pytest 9 it fails with
``'Function' object has no attribute '_nodeid'``. Driving the engine directly also runs all
four phases (examples, coverage, fuzzing, stateful through the OpenAPI links) with every
check, and yields the figures ``docs/RELIABILITY.md`` quotes.
"""

from __future__ import annotations

import collections
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, from_schema
from schemathesis.engine import events as ev

__all__ = ["CONTRACT", "ContractReport", "Failure", "run_contract"]

CONTRACT = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
SEED = 20240230

ST_CONFIG = CONTRACT.parents[1] / "schemathesis.toml"
"""The committed configuration of the independent run (its hooks: tests/contract/)."""


@dataclass(frozen=True)
class Failure:
    """One failed check, with enough of the request to reproduce it."""

    operation: str
    check: str
    title: str
    message: str
    request: str
    status: int | None
    body: str

    def __str__(self) -> str:
        return (
            f"{self.operation} [{self.check}] {self.title}: {self.message}\n"
            f"  request: {self.request}\n  -> {self.status} {self.body}"
        )


@dataclass
class ContractReport:
    """Figures of one run."""

    cases: collections.Counter[str] = field(default_factory=collections.Counter)
    checks_run: int = 0
    failures: list[Failure] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stop_reason: str = ""
    seconds: float = 0.0

    @property
    def total_cases(self) -> int:
        return sum(self.cases.values())

    def summary(self) -> str:
        phases = ", ".join(f"{k}={v}" for k, v in sorted(self.cases.items()))
        return (
            f"{self.total_cases} cases ({phases}), {self.checks_run} checks, "
            f"{len(self.failures)} failures, {len(self.errors)} errors, "
            f"{self.seconds:.1f}s, stop={self.stop_reason}"
        )


def _config(max_examples: int, base_url: str | None) -> SchemathesisConfig:
    data: dict[str, Any] = tomllib.loads(ST_CONFIG.read_text(encoding="utf-8"))
    data["hooks"] = str(ST_CONFIG.parent / data["hooks"])
    data |= {
        "seed": SEED,
        "checks": {"enabled": True},
        "generation": {"max-examples": max_examples, "mode": "all", "database": "none"},
        "phases": {
            "examples": {"enabled": True},
            "coverage": {"enabled": True},
            "fuzzing": {"enabled": True},
            "stateful": {"enabled": True},
        },
        "request-timeout": 10,
    }
    if base_url:
        data["base-url"] = base_url
    return SchemathesisConfig.from_dict(data)


def _describe(case: Any) -> str:
    query = "&".join(f"{k}={v}" for k, v in (case.query or {}).items())
    return f"{case.method} {case.formatted_path}{'?' + query if query else ''}"[:600]


def run_contract(
    *, app: Any = None, base_url: str | None = None, max_examples: int = 25
) -> ContractReport:
    """Run every phase and check of the committed contract against ``app`` or ``base_url``."""
    schema = schemathesis.openapi.from_path(CONTRACT, config=_config(max_examples, base_url))
    if app is not None:
        schema.app = app
    report = ContractReport()
    seen: set[tuple[str, str, str]] = set()
    for event in from_schema(schema).execute():
        if isinstance(event, ev.ScenarioFinished):
            rec = event.recorder
            report.cases[event.phase.name.lower()] += len(rec.cases)
            report.checks_run += sum(len(c) for c in rec.checks.values())
            if event.status not in (Status.FAILURE, Status.ERROR):
                continue
            for case_id, checks in rec.checks.items():
                for check in checks:
                    if check.failure_info is None:
                        continue
                    case = rec.cases[case_id].value
                    fail = check.failure_info.failure
                    key = (f"{case.method} {case.path}", check.name, fail.title)
                    if key in seen:
                        continue
                    seen.add(key)
                    inter = rec.interactions.get(case_id)
                    resp = inter.response if inter is not None else None
                    report.failures.append(
                        Failure(
                            operation=key[0],
                            check=check.name,
                            title=fail.title,
                            message=(fail.message or "")[:300],
                            request=_describe(case),
                            status=resp.status_code if resp is not None else None,
                            body=(resp.content or b"")[:300].decode("utf-8", "replace")
                            if resp is not None
                            else "",
                        )
                    )
        elif isinstance(event, ev.NonFatalError):
            report.errors.append(f"{event.label}: {event.info.message}"[:500])
        elif isinstance(event, ev.FatalError):
            report.errors.append(f"fatal: {event.exception!r}"[:500])
        elif isinstance(event, ev.EngineFinished):
            report.stop_reason = str(event.stop_reason)
            report.seconds = event.running_time
    return report
