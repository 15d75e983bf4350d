"""The published releases' change lists as the API and the explorer serve them: every change
of a release that records reasons (1.1.1 on) comes with its reason, on both surfaces."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient
from markupsafe import escape

from api.app import create_app
from api.config import Settings
from api.db.ingest import ingest_release
from tests.integration.conftest import DatabaseFactory, make_engine

RELEASES = Path(__file__).resolve().parents[2] / "dataset" / "releases"
Client = TestClient  # type: ignore[type-arg]


def _html(text: str) -> str:
    """``text`` as the page's autoescaping writes it."""
    return str(escape(text))


def _with_reasons() -> list[str]:
    return sorted(
        p.name
        for p in RELEASES.iterdir()
        if "reasons" in json.loads((p / "changes.json").read_text(encoding="utf-8"))
    )


@pytest.fixture(scope="module")
def published(databases: DatabaseFactory) -> Iterator[Client]:
    url = databases.new_url()
    engine = make_engine(url)
    for folder in sorted(RELEASES.iterdir(), key=lambda p: tuple(map(int, p.name.split(".")))):
        ingest_release(engine, folder)
    engine.dispose()
    app = create_app(Settings(database_url=url, releases_dir=RELEASES))
    with TestClient(app) as client:
        yield client
    app.state.store.engine.dispose()


@pytest.mark.parametrize("version", _with_reasons())
def test_every_change_has_its_recorded_reason(published: Client, version: str) -> None:
    recorded = json.loads((RELEASES / version / "changes.json").read_text(encoding="utf-8"))
    served = published.get(f"/v1/releases/{version}/changes").json()
    assert served["changed"] == recorded["changed"]
    assert served["reasons"] == {k: recorded["reasons"][k] for k in recorded["changed"]}
    assert set(served["reasons"]) == set(served["changed"])
    assert served["sources"]["added"] == sorted(recorded["sources"]["added"])
    assert {c["id"]: c["reason"] for c in served["sources"]["changed"]} == {
        c["id"]: c["reason"] for c in recorded["sources"]["changed"]
    }
    page = published.get(f"/releases/{version}").text
    for eid, reason in served["reasons"].items():
        assert eid in page
        assert _html(reason) in page
    for change in served["retracted"]:
        assert _html(change["reason"]) in page


def test_event_history_names_the_release_and_reason(published: Client) -> None:
    versions = _with_reasons()
    if not versions:
        pytest.skip("no published release records reasons")
    served = published.get(f"/v1/releases/{versions[0]}/changes").json()
    eid = served["changed"][0]
    page = published.get(f"/events/{eid}").text
    assert f'Changed in <a href="/releases/{versions[0]}">{versions[0]}</a>' in page
    assert _html(served["reasons"][eid]) in page


def _one_event(full: dict[str, object], eid: str) -> dict[str, object]:
    """The full change list narrowed to one event, as ``?id=`` should give it."""

    def keep(entry: object) -> bool:
        return (entry["id"] if isinstance(entry, dict) else entry) == eid

    out = dict(full)
    for kind in ("added", "changed", "merged", "retracted"):
        out[kind] = [e for e in full[kind] if keep(e)]  # type: ignore[attr-defined]
    out["reasons"] = {k: v for k, v in full["reasons"].items() if k == eid}  # type: ignore[attr-defined]
    return out


@pytest.mark.parametrize("version", sorted(p.name for p in RELEASES.iterdir()))
def test_one_events_changes_are_the_whole_lists_narrowed(published: Client, version: str) -> None:
    """``?id=`` gives what the whole list says of that event, for events of every kind of
    change and for one the release did not touch, on both backends."""
    full = published.get(f"/v1/releases/{version}/changes").json()
    picked = {"FL-000001"}  # the very first event: added in 1.0.0, then mostly untouched
    for kind in ("added", "changed", "merged", "retracted"):
        for entry in full[kind][:2]:
            picked.add(entry["id"] if isinstance(entry, dict) else entry)
    for eid in sorted(picked):
        one = published.get(f"/v1/releases/{version}/changes", params={"id": eid})
        assert one.status_code == 200, one.text
        assert one.json() == _one_event(full, eid)
    bad = published.get(f"/v1/releases/{version}/changes", params={"id": "FL-1"})
    assert bad.status_code == 400
    assert bad.headers["content-type"].startswith("application/problem+json")
