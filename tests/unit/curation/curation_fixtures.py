"""Small fixture datasets for the curation tests, written into temporary folders.

The real ``dataset/events`` and ``dataset/sources`` are being edited by others while these
tests run, so every test builds its own records on top of a copy of ``dataset/vocab``.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[3]
VOCAB = REPO / "dataset" / "vocab"

Record = dict[str, Any]
Records = dict[str, dict[str, Record]]

_SOURCES: dict[str, Record] = {
    "SRC-000001": {
        "id": "SRC-000001",
        "outlet": "IranWire",
        "title": "Basij members skip meetings",
        "url": "https://iranwire.com/en/example-1",
        "published": "2022-10-03",
        "published_precision": "day",
        "language": "en",
        "outlet_type": "independent",
        "content_sha256": "a" * 64,
    },
    "SRC-000002": {
        "id": "SRC-000002",
        "outlet": "BBC Persian",
        "title": "Reports of absences in the Basij",
        "published": "2022-10-05",
        "published_precision": "day",
        "language": "fa",
        "outlet_type": "foreign_state",
    },
    "SRC-000003": {
        "id": "SRC-000003",
        "outlet": "Aggregator News",
        "title": "Basij members skip meetings (reprint)",
        "published": "2022-10-04",
        "published_precision": "day",
        "language": "en",
        "outlet_type": "aggregator",
        "republished_from": "SRC-000001",
    },
}

_EVENTS: dict[str, Record] = {
    "FL-000001": {
        "id": "FL-000001",
        "event_type": "shirking_or_absenteeism",
        "title": "Basij members reported skipping meetings",
        "summary": "A former official said many Basij members stopped attending meetings.",
        "date_start": "2022-09-16",
        "date_end": "2022-10-03",
        "date_precision": "range",
        "date_basis": "inferred",
        "location": {"country": "IR", "geo_precision": "multiple"},
        "actors": [{"organisation": "basij", "role": "defector", "rank_tier": "volunteer"}],
        "magnitudes": {"participants": {"qualifier": "unknown"}},
        "campaign": "woman_life_freedom_2022",
        "reports": [
            {
                "source": "SRC-000001",
                "claimant_type": "anonymous_insider",
                "claimant": "former security official",
                "description": "The source says many Basij members skip meetings.",
            }
        ],
        "verification": "single_source",
        "confidence": "low",
    },
    "FL-000002": {
        "id": "FL-000002",
        "event_type": "official_acknowledgment",
        "title": "Commander acknowledges absences in the Basij",
        "summary": "A provincial commander said on state TV that some members had stayed away.",
        "date_start": "2022-10-05",
        "date_end": "2022-10-05",
        "date_precision": "day",
        "date_basis": "stated",
        "location": {
            "country": "IR",
            "admin1": "IR-23",
            "place_name": "Tehran",
            "latitude": 35.7,
            "longitude": 51.4,
            "geo_precision": "city",
        },
        "actors": [
            {
                "organisation": "basij",
                "role": "acknowledger",
                "rank_tier": "senior_commander",
                "people": [{"name": "A. Commander", "basis": "commander"}],
            }
        ],
        "magnitudes": {
            "participants": {"low": 100, "best": 150, "high": 200, "qualifier": "approx"}
        },
        "campaign": "woman_life_freedom_2022",
        "related_events": ["FL-000001"],
        "reports": [
            {
                "source": "SRC-000002",
                "claimant_type": "named_official",
                "claimant": "provincial Basij commander",
                "description": "The commander admitted that some members stayed away.",
            },
            {
                "source": "SRC-000001",
                "claimant_type": "outlet_reporting",
                "claimant": "IranWire",
                "description": "The outlet reported the commander's remarks.",
            },
        ],
        "verification": "corroborated",
        "confidence": "medium",
    },
}

_COVERAGE: dict[str, Record] = {
    "COV-0001": {
        "id": "COV-0001",
        "period": "2022 protests, first month",
        "campaign": "woman_life_freedom_2022",
        "date_start": "2022-09-16",
        "date_end": "2022-10-16",
        "source_family": "English and Persian news pages",
        "languages": ["en", "fa"],
        "method": "Keyword search over the collection.",
        "searched_on": "2025-01-01",
        "documents_reviewed": 12,
        "sources_found": ["SRC-000001", "SRC-000002"],
        "events_found": ["FL-000001"],
    }
}

CHANGELOG = """# Dataset changelog

## 1.1.0 — 2026-12-01

More events.

## 1.0.0 — 2026-11-22

First release.
"""


def base_records() -> Records:
    """A small valid dataset: three sources (one a reprint), two events, one coverage record."""
    return {
        "sources": copy.deepcopy(_SOURCES),
        "events": copy.deepcopy(_EVENTS),
        "coverage": copy.deepcopy(_COVERAGE),
    }


def write_dataset(root: Path, records: Records, changelog: str = CHANGELOG) -> Path:
    """Write ``records`` as a dataset folder at ``root`` (vocab copied from the repository)."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(VOCAB, root / "vocab")
    (root / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    for sub, recs in records.items():
        folder = root / sub
        folder.mkdir(parents=True, exist_ok=True)
        for name, rec in recs.items():
            text = yaml.safe_dump(rec, sort_keys=False, allow_unicode=True)
            (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return root
