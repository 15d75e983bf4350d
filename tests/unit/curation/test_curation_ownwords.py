"""The own-words check: shared runs of 8+ words between an event and a source text."""

from __future__ import annotations

import io
from pathlib import Path

import msgspec
import pytest
from curation_fixtures import base_records, write_dataset

from api.curation._cli import main
from api.curation._ownwords import shared_runs, words
from api.records import Event

SOURCE = (
    "Lindsey Hilsum describes meeting a former militiaman, who says he was TORTURED after "
    "refusing to take part in the beating of protestors. He was arrested for the stance he took."
)


def _event(**fields: object) -> Event:
    record = base_records()["events"]["FL-000001"]
    record.update(fields)
    return msgspec.convert(record, Event)


def test_words_normalise_case_punctuation_and_script() -> None:
    assert words("“Tortured,” he SAID—twice.") == ["tortured", "he", "said", "twice"]
    assert words("the Leader’s order, don't") == ["the", "leaders", "order", "dont"]
    assert words("بسیج، سپاه") == ["بسیج", "سپاه"]


def test_a_copied_run_is_reported_whole_with_its_field() -> None:
    event = _event(
        summary="A man says he was tortured after refusing to take part in the beating, he said."
    )
    runs = shared_runs(event, SOURCE)
    assert [(r.field, r.text, r.length) for r in runs] == [
        (
            "summary",
            "says he was tortured after refusing to take part in the beating",
            12,
        )
    ]


def test_seven_shared_words_are_not_a_run_but_eight_are() -> None:
    seven = _event(title="He was arrested for the stance he. Then more.")
    assert shared_runs(seven, SOURCE) == []
    eight = _event(title="so he was arrested for the stance he took")
    (run,) = shared_runs(eight, SOURCE)
    assert (run.field, run.length, run.start) == ("title", 8, 1)


def test_runs_in_report_descriptions_are_found() -> None:
    record = base_records()["events"]["FL-000001"]
    record["reports"][0]["description"] = "Hilsum describes meeting a former militiaman who says he"
    runs = shared_runs(msgspec.convert(record, Event), SOURCE)
    assert [r.field for r in runs] == ["reports[0].description"]


def test_a_run_inside_a_longer_reported_run_is_not_reported_twice() -> None:
    event = _event(summary="they recalled refusing to take part in the beating of protestors")
    runs = shared_runs(event, SOURCE)
    assert len(runs) == 1 and (runs[0].start, runs[0].length) == (2, 9)


def test_own_words_pass() -> None:
    assert shared_runs(_event(), SOURCE) == []


def test_cli_reports_runs_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    records = base_records()
    records["events"]["FL-000001"]["summary"] = (
        "Per the report, he was tortured after refusing to take part in the beating."
    )
    root = write_dataset(tmp_path / "dataset", records)
    text = tmp_path / "source.txt"
    text.write_text(SOURCE, encoding="utf-8")
    assert main(["ownwords", "--root", str(root), "FL-000001", str(text)]) == 1
    out = capsys.readouterr().out
    assert "FL-000001 summary word 3: 11 words shared: he was tortured after" in out
    assert "FAILED: FL-000001: 1 shared run(s)" in out

    monkeypatch.setattr("sys.stdin", io.StringIO("Nothing in common with the event at all."))
    assert main(["ownwords", "--root", str(root), "FL-000001", "-"]) == 0
    assert "ok: FL-000001: no shared run" in capsys.readouterr().out


def test_cli_unknown_event_or_unreadable_text_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_dataset(tmp_path / "dataset", base_records())
    text = tmp_path / "source.txt"
    text.write_text(SOURCE, encoding="utf-8")
    assert main(["ownwords", "--root", str(root), "FL-999999", str(text)]) == 2
    assert "no event FL-999999" in capsys.readouterr().err
    assert main(["ownwords", "--root", str(root), "FL-000001", str(tmp_path / "nope")]) == 2
    assert "cannot read the source text" in capsys.readouterr().err
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert main(["ownwords", "--root", str(root), "FL-000001", str(empty)]) == 2
