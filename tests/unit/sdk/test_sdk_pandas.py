"""``to_pandas``: the server's CSV (the release's columns), typed; ordered confidence."""

from __future__ import annotations

import asyncio
import csv
import io
import tomllib
from pathlib import Path

import faultlines
import httpx
import pandas as pd
from faultlines._pandas import events_frame
from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parents[3]
RELEASE = REPO / "dataset" / "releases" / "1.1.0"
CSV = (RELEASE / "events.csv").read_bytes()
HEADER = next(csv.reader(io.StringIO(CSV.decode())))


def csv_server(body: bytes, seen: list[httpx.Request]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=body, headers={"content-type": "text/csv"})

    return httpx.MockTransport(handler)


def test_to_pandas_asks_for_the_servers_csv_with_every_match() -> None:
    seen: list[httpx.Request] = []
    client = faultlines.Client("http://api.test", transport=csv_server(CSV, seen))
    client.events.to_pandas(country="IR", event_type=["desertion", "leak"], sort="-date")
    assert len(seen) == 1
    params = seen[0].url.params
    assert params["format"] == "csv" and "limit" not in params and "cursor" not in params
    assert params["country"] == "IR" and params.get_list("event_type") == ["desertion", "leak"]
    assert params["sort"] == "-date"
    assert seen[0].headers["accept"] == "text/csv"


def test_columns_are_exactly_the_release_csv_columns() -> None:
    client = faultlines.Client("http://api.test", transport=csv_server(CSV, []))
    frame = client.events.to_pandas()
    assert list(frame.columns) == HEADER
    assert len(frame) == len(pd.read_csv(RELEASE / "events.csv"))
    # the cells are the CSV's: a typed frame written back gives the same text
    raw = pd.read_csv(io.BytesIO(CSV), dtype=str, keep_default_na=False)
    for column in ("id", "title", "summary", "organisations", "source_ids", "coder_notes"):
        assert frame[column].fillna("").tolist() == raw[column].tolist()
    dates = frame["date_start"].dt.strftime("%Y-%m-%d").tolist()
    assert dates == raw["date_start"].tolist()
    best = frame["participants_best"].astype("string").fillna("").tolist()
    assert best == raw["participants_best"].tolist()


def test_dtypes() -> None:
    frame = events_frame(CSV)
    kinds = {c: str(t) for c, t in frame.dtypes.items()}
    assert kinds["date_start"].startswith("datetime64") and kinds["date_end"].startswith(
        "datetime64"
    )
    for column in ("participants_low", "killed_best", "arrested_high", "report_count"):
        assert kinds[column] == "Int64", column
    assert kinds["latitude"] == kinds["longitude"] == "Float64"
    terms = ("status", "event_type", "date_precision", "date_basis", "geo_precision")
    for column in (*terms, "verification", "confidence", "participants_qualifier"):
        assert kinds[column] == "category", column
    for column in ("id", "title", "summary", "organisations", "roles", "source_ids", "admin1"):
        assert kinds[column] == "string", column


def test_confidence_is_ordered_in_the_schemas_order() -> None:
    frame = events_frame(CSV)
    confidence = frame["confidence"].cat
    assert confidence.ordered
    assert list(confidence.categories) == [c.value for c in faultlines.models.Confidence]
    assert list(confidence.categories) == ["low", "medium", "high"]
    at_least_medium = frame[frame["confidence"] >= "medium"]
    assert set(at_least_medium["confidence"]) <= {"medium", "high"}
    assert len(at_least_medium) == int((frame["confidence"] != "low").sum()) > 0
    assert frame["confidence"].min() == "low"


def test_unordered_vocabularies_know_every_member() -> None:
    frame = events_frame(CSV)
    assert not frame["verification"].cat.ordered
    assert not frame["date_precision"].cat.ordered  # "range" is not on the day..year scale
    types = list(frame["event_type"].cat.categories)
    assert types == [t.value for t in faultlines.models.EventType]
    empty = events_frame(CSV.split(b"\n", 1)[0] + b"\n")
    assert len(empty) == 0 and list(empty.columns) == HEADER
    assert list(empty["event_type"].cat.categories) == types


def test_text_is_not_mistaken_for_missing_values_and_new_terms_survive() -> None:
    body = (
        b"id,title,event_type,confidence,killed_best,new_column\r\n"
        b"FL-000001,NA,desertion,high,,x\r\n"
        b'FL-000002,"None, null",brand_new_type,low,3,\r\n'
    )
    frame = events_frame(body)
    assert frame["title"].tolist() == ["NA", "None, null"]
    assert frame["event_type"].tolist() == ["desertion", "brand_new_type"]
    assert "brand_new_type" in frame["event_type"].cat.categories
    assert frame["killed_best"].isna().tolist() == [True, False]
    assert str(frame["new_column"].dtype) == "string"  # a column the SDK does not know: text


def test_async_to_pandas_matches_sync() -> None:
    seen: list[httpx.Request] = []

    async def run() -> pd.DataFrame:
        transport = csv_server(CSV, seen)
        async with faultlines.AsyncClient("http://api.test", transport=transport) as client:
            return await client.events.to_pandas(actor="irgc")

    frame = asyncio.run(run())
    assert seen[0].url.params["format"] == "csv" and seen[0].url.params["actor"] == "irgc"
    pd.testing.assert_frame_equal(frame, events_frame(CSV))


def test_the_pandas_extra_brings_what_dataframes_need() -> None:
    sdk = tomllib.loads((REPO / "sdk" / "pyproject.toml").read_text(encoding="utf-8"))
    extra = {Requirement(r).name for r in sdk["project"]["optional-dependencies"]["pandas"]}
    assert extra == {"pandas", "pyarrow", "platformdirs"}


def test_release_parquet_opens_with_the_pandas_extra() -> None:
    frame = pd.read_parquet(RELEASE / "events.parquet")  # needs pyarrow, from the extra
    assert list(frame.columns) == HEADER and len(frame) == len(events_frame(CSV))
