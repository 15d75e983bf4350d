"""How calls are checked and encoded: dates as days, unknown keywords refused, stats group-bys,
and problem details typed."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any

import faultlines
import httpx
import pandas as pd
import pytest
from sdk_fixtures import event_page, json_response, problem

STATS = {"data": [], "group_by": ["year"], "meta": {"release": "1.0.0", "schema_version": "1.0.0"}}


def recording(seen: list[httpx.Request], body: Any = None) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/v1/stats/events":
            return json_response(STATS)
        return json_response(body if body is not None else event_page([], None))

    return httpx.MockTransport(handler)


@pytest.mark.parametrize(
    "value",
    [
        dt.date(2022, 9, 16),
        dt.datetime(2022, 9, 16),
        dt.datetime(2022, 9, 16, 23, 59, 59),
        dt.datetime(2022, 9, 16, 8, 0, tzinfo=dt.UTC),
        pd.Timestamp("2022-09-16"),
        pd.Timestamp("2022-09-16 17:30", tz="Asia/Tehran"),
        "2022-09-16",
    ],
    ids=["date", "datetime", "datetime-late", "aware", "Timestamp", "Timestamp-tz", "str"],
)
def test_dates_go_out_as_days(value: Any) -> None:
    seen: list[httpx.Request] = []
    client = faultlines.Client("http://api.test", transport=recording(seen))
    client.events.list(date_from=value, date_to=value)
    client.stats.events("year", date_from=value)
    for request in seen:
        assert request.url.params["date_from"] == "2022-09-16"
    assert seen[0].url.params["date_to"] == "2022-09-16"


def test_several_dates_are_each_a_day() -> None:
    from faultlines._params import build_params

    stamps = [pd.Timestamp("2022-01-01 10:00"), dt.datetime(2023, 2, 3, 4, 5)]
    assert build_params(day=stamps) == [("day", "2022-01-01"), ("day", "2023-02-03")]


def _calls(client: faultlines.Client) -> list[tuple[str, Callable[..., Any]]]:
    return [
        ("Events.list", lambda **kw: client.events.list(**kw)),
        ("Events.iter", lambda **kw: client.events.iter(**kw)),
        ("Events.get", lambda **kw: client.events.get("FL-000001", **kw)),
        ("Events.to_pandas", lambda **kw: client.events.to_pandas(**kw)),
        ("Stats.events", lambda **kw: client.stats.events("year", **kw)),
        ("Sources.list", lambda **kw: client.sources.list(**kw)),
        ("Sources.iter", lambda **kw: client.sources.iter(**kw)),
        ("Sources.get", lambda **kw: client.sources.get("SRC-000001", **kw)),
        ("Actors.list", lambda **kw: client.actors.list(**kw)),
        ("EventTypes.list", lambda **kw: client.event_types.list(**kw)),
        ("Campaigns.list", lambda **kw: client.campaigns.list(**kw)),
        ("Coverage.list", lambda **kw: client.coverage.list(**kw)),
        ("Schema.get", lambda **kw: client.schema.get(**kw)),
        ("Releases.list", lambda **kw: client.releases.list(**kw)),
        ("Releases.get", lambda **kw: client.releases.get("1.0.0", **kw)),
        ("Releases.changes", lambda **kw: client.releases.changes("1.0.0", **kw)),
        ("Releases.download", lambda **kw: client.releases.download("1.0.0", ".", **kw)),
    ]


def test_an_unknown_keyword_is_a_type_error_naming_the_valid_ones() -> None:
    seen: list[httpx.Request] = []
    client = faultlines.Client("http://api.test", transport=recording(seen))
    for where, call in _calls(client):
        with pytest.raises(TypeError) as info:
            call(colour="red")
        message = str(info.value)
        assert message.startswith(f"{where}() got an unexpected keyword argument 'colour'")
        assert "valid keywords: " in message
    assert seen == []  # refused before any request


def test_events_iter_limit_says_what_to_use_instead() -> None:
    client = faultlines.Client("http://api.test", transport=recording([]))
    with pytest.raises(TypeError) as info:
        client.events.iter(limit=3)
    message = str(info.value)
    assert "multiple values" not in message
    assert "'limit'" in message and "page_size" in message
    valid = message.split("valid keywords: ")[1].split(", ")
    assert valid[:2] == ["page_size", "sort"]
    assert {"event_type", "actor", "date_from", "q", "release"} <= set(valid)


def test_a_near_miss_gets_a_suggestion() -> None:
    client = faultlines.Client("http://api.test", transport=recording([]))
    with pytest.raises(TypeError, match=r"'evnt_type' \(did you mean 'event_type'\?\)"):
        client.events.list(evnt_type="desertion")
    with pytest.raises(TypeError, match=r"did you mean 'outlet_type'"):
        client.sources.list(outlet="state")


def test_async_methods_refuse_unknown_keywords_too() -> None:
    async def run() -> None:
        async with faultlines.AsyncClient("http://api.test", transport=recording([])) as client:
            with pytest.raises(TypeError, match=r"AsyncEvents\.list"):
                await client.events.list(colour="red")
            with pytest.raises(TypeError, match="page_size"):
                client.events.iter(limit=3)
            with pytest.raises(TypeError, match=r"AsyncStats\.events"):
                await client.stats.events("year", colour="red")
            with pytest.raises(TypeError, match=r"AsyncReleases\.download"):
                await client.releases.download("1.0.0", ".", colour="red")

    asyncio.run(run())


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("year",), ["year"]),
        (("year", "event_type"), ["year", "event_type"]),
        ((["year", "event_type"],), ["year", "event_type"]),
        ((("month",), "actor"), ["month", "actor"]),
    ],
)
def test_stats_group_bys_read_as_written(args: tuple[Any, ...], expected: list[str]) -> None:
    seen: list[httpx.Request] = []
    client = faultlines.Client("http://api.test", transport=recording(seen))
    client.stats.events(*args, country="IR")
    assert seen[0].url.params.get_list("group_by") == expected
    assert seen[0].url.params["country"] == "IR"


def test_stats_without_a_dimension_says_which_exist() -> None:
    client = faultlines.Client("http://api.test", transport=recording([]))
    with pytest.raises(TypeError, match="year, month, event_type, actor, admin1, campaign"):
        client.stats.events(country="IR")


def _bad_request(**members: Any) -> faultlines.BadRequestError:
    response = problem(400, "Bad Request", "invalid limit", **members)
    client = faultlines.Client("http://api.test", transport=httpx.MockTransport(lambda _: response))
    with pytest.raises(faultlines.BadRequestError) as info:
        client.events.list(limit=5000)
    return info.value


@pytest.mark.parametrize("member", ["errors", "invalid_params", "invalid-params"])
def test_invalid_params_are_typed_models(member: str) -> None:
    items = [
        {"name": "limit", "reason": "must be <= 1000", "location": "query"},
        {"name": "event_type", "reason": "unknown value"},
    ]
    error = _bad_request(**{member: items})
    params = error.problem.invalid_params
    assert all(isinstance(p, faultlines.models.InvalidParam) for p in params)
    assert [(p.name, p.reason) for p in params] == [
        ("limit", "must be <= 1000"),
        ("event_type", "unknown value"),
    ]
    assert params[0].location == "query"
    assert error.problem.extensions[member] == items  # the raw member stays readable


def test_an_unexpected_invalid_params_shape_is_left_raw() -> None:
    error = _bad_request(errors=[{"parameter": "limit"}])
    assert error.problem.invalid_params == []
    assert error.problem.extensions["errors"] == [{"parameter": "limit"}]
    assert _bad_request().problem.invalid_params == []
