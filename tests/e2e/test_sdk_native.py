"""The SDK feels native, against the live server: dates, keywords, stats, DataFrames, load, CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import faultlines
import pandas as pd
import pytest
from faultlines import cli

from tests.e2e.conftest import LiveAPI
from tests.integration._releases import second_events

pytestmark = pytest.mark.live

ACTIVE = sorted(e.id for e in second_events() if e.status == "active")
SINCE = sorted(
    e.id for e in second_events() if e.status == "active" and e.date_end >= dt.date(2022, 9, 16)
)


@pytest.fixture
def client(live_api: LiveAPI) -> faultlines.Client:
    return faultlines.Client(live_api.base_url, max_retries=1)


@pytest.mark.parametrize(
    "start",
    [dt.datetime(2022, 9, 16), pd.Timestamp("2022-09-16"), dt.date(2022, 9, 16), "2022-09-16"],
    ids=["datetime", "Timestamp", "date", "str"],
)
def test_datetimes_and_timestamps_filter_as_days(client: faultlines.Client, start: object) -> None:
    got = sorted(e.id for e in client.events.iter(date_from=start))  # type: ignore[arg-type]
    assert got == SINCE and 0 < len(got) < len(ACTIVE)


def test_unknown_keywords_never_reach_the_server(client: faultlines.Client) -> None:
    with pytest.raises(TypeError, match="page_size"):
        client.events.iter(limit=3)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="did you mean 'event_type'"):
        client.events.list(evnt_type="desertion")  # type: ignore[call-arg]
    assert client.last_response is None


def test_stats_group_bys_as_written(client: faultlines.Client) -> None:
    two = client.stats.events("year", "event_type")
    assert two.group_by == ["year", "event_type"]
    assert all(set(row.group) == {"year", "event_type"} for row in two.data)
    assert sum(row.count for row in two.data) == len(ACTIVE)
    assert client.stats.events(["year", "event_type"]).data == two.data


def test_a_bad_parameter_comes_back_as_typed_invalid_params(client: faultlines.Client) -> None:
    with pytest.raises(faultlines.BadRequestError) as info:
        client.events.list(limit=5000)
    params = info.value.problem.invalid_params
    assert [p.name for p in params] == ["limit"]
    assert isinstance(params[0], faultlines.models.InvalidParam) and params[0].reason


def test_to_pandas_has_the_release_csv_columns(
    client: faultlines.Client, live_api: LiveAPI
) -> None:
    release_csv = live_api.release("1.1.0") / "events.csv"
    header = next(csv.reader(io.StringIO(release_csv.read_text(encoding="utf-8"))))
    frame = client.events.to_pandas()
    assert list(frame.columns) == header
    assert sorted(frame["id"]) == ACTIVE
    assert frame["confidence"].cat.ordered
    high_or_medium = client.events.to_pandas(min_confidence="medium")
    assert sorted(high_or_medium["id"]) == sorted(frame[frame["confidence"] >= "medium"]["id"])
    assert len(high_or_medium) > 0


def test_load_opens_a_release_then_works_without_the_server(
    client: faultlines.Client, live_api: LiveAPI, tmp_path: Path
) -> None:
    frame = faultlines.load(base_url=live_api.base_url, cache_dir=tmp_path)
    assert frame.attrs["release"] == "1.1.0"
    assert sorted(frame["id"]) == sorted(e.id for e in second_events())  # every id, any status
    active = frame[frame["status"] == "active"].sort_values("id").reset_index(drop=True)
    served = client.events.to_pandas().sort_values("id").reset_index(drop=True)
    pd.testing.assert_frame_equal(active, served)  # CSV and DataFrame: the same answer
    older = faultlines.load("1.0.0", base_url=live_api.base_url, cache_dir=tmp_path)
    assert older.attrs["release"] == "1.0.0"
    # The same cache seen from an address where nothing listens: the releases still open.
    (served_from,) = tmp_path.iterdir()
    served_from.rename(tmp_path / "127.0.0.1_9")
    dead = "http://127.0.0.1:9"
    again = faultlines.load("1.0.0", base_url=dead, cache_dir=tmp_path)
    pd.testing.assert_frame_equal(again, older)
    with pytest.warns(UserWarning, match="the newest in the cache"):
        newest = faultlines.load(base_url=dead, cache_dir=tmp_path)
    assert newest.attrs["release"] == "1.1.0"


def run_cli(
    live_api: LiveAPI, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    out = io.StringIO()
    capsys.readouterr()
    code = cli.main(["--base-url", live_api.base_url, *args], out=out)
    return code, out.getvalue(), capsys.readouterr().err


def test_cli_event_shows_summary_reports_and_sources(
    live_api: LiveAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text, _ = run_cli(live_api, capsys, "events", "get", "FL-000001")
    assert code == 0
    event = next(e for e in second_events() if e.id == "FL-000001")
    assert text.startswith(f"FL-000001  {event.title}")
    assert "\nSummary\n" in text and event.summary.split()[0] in text
    assert f"\nReports ({len(event.reports)})\n" in text
    assert "\nSources (2)\n" in text and "SRC-000001" in text and "SRC-000002" in text


def test_cli_says_when_more_rows_exist(
    live_api: LiveAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    for fmt in ("table", "json", "csv"):
        code, out, err = run_cli(
            live_api, capsys, "events", "list", "--limit", "2", "--format", fmt
        )
        assert code == 0 and "showing 2" in err and "more match" in err, fmt
    code, out, err = run_cli(live_api, capsys, "events", "list", "--all", "--format", "csv")
    assert code == 0 and err == ""
    assert sorted(r["id"] for r in csv.DictReader(io.StringIO(out))) == ACTIVE


def test_cli_lists_vocabularies(live_api: LiveAPI, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(live_api, capsys, "vocab", "actors", "--format", "csv")
    ids = [row["id"] for row in csv.DictReader(io.StringIO(out))]
    assert code == 0 and {"irgc", "basij", "quds_force"} <= set(ids)
    code, out, _ = run_cli(live_api, capsys, "vocab", "event-types")
    assert code == 0 and "desertion" in out and "refusal_of_orders" in out
    code, out, _ = run_cli(live_api, capsys, "vocab", "campaigns", "--format", "json")
    assert code == 0 and '"woman_life_freedom_2022"' in out


def test_cli_survives_a_reader_that_goes_away(live_api: LiveAPI) -> None:
    command = [sys.executable, "-m", "faultlines.cli", "--base-url", live_api.base_url,
               "events", "list", "--all"]  # fmt: skip
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first line is written
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert "Traceback" not in err and "BrokenPipeError" not in err and err == ""
    shell = subprocess.run(
        f"{' '.join(command)} --format csv | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shell.stdout.startswith("id,status,") and "Traceback" not in shell.stderr
