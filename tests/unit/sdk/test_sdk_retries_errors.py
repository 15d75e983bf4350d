"""Retries with backoff and Retry-After, and the typed errors, over httpx's mock transport."""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import random

import faultlines
import httpx
import pytest
from faultlines import RetryPolicy
from sdk_fixtures import event_json, json_response, problem

DETAIL = {"data": event_json(1), "sources": [], "meta": {"release": "1.0.0",
                                                        "schema_version": "1.0.0"}}  # fmt: skip


def scripted(*responses: httpx.Response | Exception) -> tuple[httpx.MockTransport, list[str]]:
    """A transport answering with ``responses`` in order; returns it and the request log."""
    queue = list(responses)
    log: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        log.append(str(request.url))
        item = queue.pop(0)
        if isinstance(item, Exception):
            raise item
        return item

    return httpx.MockTransport(handler), log


def client(transport: httpx.MockTransport, **kwargs: object) -> faultlines.Client:
    return faultlines.Client("http://api.test", transport=transport, **kwargs)  # type: ignore[arg-type]


def test_retries_5xx_with_bounded_jittered_backoff(sleeps: list[float]) -> None:
    transport, log = scripted(
        problem(503, "Service Unavailable", "db down"),
        problem(500, "Internal Server Error", "oops"),
        json_response(DETAIL),
    )
    policy = RetryPolicy(max_retries=3, backoff_initial=0.5, backoff_max=8.0)
    event = client(transport, retry=policy).events.get("FL-000001")
    assert event.data.id == "FL-000001"
    assert len(log) == 3
    assert len(sleeps) == 2
    assert 0 <= sleeps[0] <= 0.5 and 0 <= sleeps[1] <= 1.0


def test_gives_up_after_max_retries_with_server_error(sleeps: list[float]) -> None:
    transport, log = scripted(*[problem(502, "Bad Gateway", "proxy") for _ in range(3)])
    with pytest.raises(faultlines.ServerError) as info:
        client(transport, max_retries=2).events.get("FL-000001")
    assert len(log) == 3 and len(sleeps) == 2
    assert info.value.status_code == 502
    assert info.value.problem.detail == "proxy"


def test_retry_after_seconds_is_honoured(sleeps: list[float]) -> None:
    limited = problem(429, "Too Many Requests", "slow down")
    limited.headers["Retry-After"] = "7"
    transport, _ = scripted(limited, json_response(DETAIL))
    client(transport).events.get("FL-000001")
    assert sleeps == [7.0]


def test_retry_after_http_date_is_honoured(sleeps: list[float]) -> None:
    when = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30)
    limited = problem(503, "Service Unavailable", "maintenance")
    limited.headers["Retry-After"] = email.utils.format_datetime(when, usegmt=True)
    transport, _ = scripted(limited, json_response(DETAIL))
    client(transport).events.get("FL-000001")
    assert len(sleeps) == 1 and 25 <= sleeps[0] <= 30


def test_retry_after_beyond_the_cap_raises_at_once(sleeps: list[float]) -> None:
    limited = problem(429, "Too Many Requests", "come back tomorrow")
    limited.headers["Retry-After"] = "86400"
    transport, log = scripted(limited)
    with pytest.raises(faultlines.RateLimitError) as info:
        client(transport).events.get("FL-000001")
    assert sleeps == [] and len(log) == 1
    assert info.value.retry_after == 86400.0


def test_connection_errors_are_retried_then_raised(sleeps: list[float]) -> None:
    transport, log = scripted(*[httpx.ConnectError("refused") for _ in range(4)])
    with pytest.raises(faultlines.APIConnectionError) as info:
        client(transport, max_retries=3).events.get("FL-000001")
    assert not isinstance(info.value, faultlines.APITimeoutError)
    assert len(log) == 4 and len(sleeps) == 3


def test_timeouts_raise_api_timeout_error(sleeps: list[float]) -> None:
    transport, _ = scripted(httpx.ReadTimeout("slow"), httpx.ReadTimeout("slow"))
    with pytest.raises(faultlines.APITimeoutError):
        client(transport, max_retries=1).events.get("FL-000001")
    assert len(sleeps) == 1


def test_connection_error_then_success(sleeps: list[float]) -> None:
    transport, _ = scripted(httpx.ConnectError("refused"), json_response(DETAIL))
    assert client(transport).events.get("FL-000001").data.id == "FL-000001"


def test_max_retries_zero_disables_retrying(sleeps: list[float]) -> None:
    transport, log = scripted(problem(503, "Service Unavailable", "x"))
    with pytest.raises(faultlines.ServerError):
        client(transport, max_retries=0).events.get("FL-000001")
    assert len(log) == 1 and sleeps == []


def test_4xx_other_than_429_is_not_retried(sleeps: list[float]) -> None:
    transport, log = scripted(problem(400, "Bad Request", "bad limit"))
    with pytest.raises(faultlines.BadRequestError):
        client(transport).events.list(limit=5000)
    assert len(log) == 1 and sleeps == []


def test_backoff_doubles_and_is_capped() -> None:
    policy = RetryPolicy(backoff_initial=1.0, backoff_max=4.0, rng=random.Random(1))
    for retry, cap in [(0, 1.0), (1, 2.0), (2, 4.0), (5, 4.0)]:
        delays = [policy.backoff(retry) for _ in range(200)]
        assert all(0 <= d <= cap for d in delays)
        assert max(delays) > cap * 0.8  # full jitter spans the whole interval


def test_async_client_retries_too(sleeps: list[float]) -> None:
    transport, log = scripted(problem(503, "Service Unavailable", "x"), json_response(DETAIL))

    async def run() -> str:
        async with faultlines.AsyncClient("http://api.test", transport=transport) as aclient:
            return (await aclient.events.get("FL-000001")).data.id

    assert asyncio.run(run()) == "FL-000001"
    assert len(log) == 2 and len(sleeps) == 1


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, faultlines.BadRequestError),
        (404, faultlines.NotFoundError),
        (410, faultlines.GoneError),
        (429, faultlines.RateLimitError),
        (500, faultlines.ServerError),
        (503, faultlines.ServerError),
        (405, faultlines.APIStatusError),
    ],
)
def test_each_status_maps_to_its_error(
    sleeps: list[float], status: int, error: type[faultlines.APIStatusError]
) -> None:
    transport, _ = scripted(problem(status, "T", "what was wrong"))
    with pytest.raises(error) as info:
        client(transport, max_retries=0).events.get("FL-000001")
    assert type(info.value) is error
    assert isinstance(info.value, faultlines.FaultlinesError)
    assert info.value.problem.status == status
    assert info.value.problem.detail == "what was wrong"
    assert "what was wrong" in str(info.value)


def test_bad_request_carries_the_invalid_parameters() -> None:
    errors = [{"name": "limit", "reason": "must be <= 1000", "location": "query"}]
    transport, _ = scripted(problem(400, "Bad Request", "invalid limit", errors=errors))
    with pytest.raises(faultlines.BadRequestError) as info:
        client(transport).events.list(limit=5000)
    assert info.value.problem.extensions["errors"] == errors


def test_gone_error_carries_the_tombstone() -> None:
    transport, _ = scripted(
        problem(
            410,
            "Gone",
            "FL-000009 was retracted",
            id="FL-000009",
            reason="duplicate of a hoax",
            release="1.1.0",
        )
    )
    with pytest.raises(faultlines.GoneError) as info:
        client(transport).events.get("FL-000009")
    assert info.value.tombstone == {
        "id": "FL-000009",
        "reason": "duplicate of a hoax",
        "release": "1.1.0",
    }


def test_non_problem_error_body_still_gives_problem_details(sleeps: list[float]) -> None:
    html = httpx.Response(502, content=b"<html>bad gateway</html>")
    transport, _ = scripted(html)
    with pytest.raises(faultlines.ServerError) as info:
        client(transport, max_retries=0).events.get("FL-000001")
    assert info.value.problem.title == "Bad Gateway"
    assert info.value.problem.status == 502
    assert info.value.problem.detail == "<html>bad gateway</html>"


def test_body_not_matching_the_model_raises_validation_error() -> None:
    transport, _ = scripted(json_response({"data": {"id": 3}}))
    with pytest.raises(faultlines.APIResponseValidationError):
        client(transport).events.get("FL-000001")


def test_merged_event_redirect_is_followed() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/events/FL-000002":
            return httpx.Response(308, headers={"location": "/v1/events/FL-000001"})
        return json_response(DETAIL)

    c = faultlines.Client("http://api.test", transport=httpx.MockTransport(handler))
    assert c.events.get("FL-000002").data.id == "FL-000001"
    assert c.last_response is not None
    assert c.last_response.url.path == "/v1/events/FL-000001"


def test_raw_response_and_headers() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["user-agent"] == f"faultlines-python/{faultlines.__version__}"
        assert request.url.params.get_list("release") == ["1.0.0"]
        return json_response(DETAIL, etag='"abc"')

    c = faultlines.Client("http://api.test", transport=httpx.MockTransport(handler))
    c.events.get("FL-000001", release="1.0.0")
    assert c.last_response is not None and c.last_response.headers["etag"] == '"abc"'


def test_base_url_from_argument_environment_and_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FAULTLINES_API_URL", raising=False)
    assert faultlines.Client().base_url == "http://127.0.0.1:8000"
    monkeypatch.setenv("FAULTLINES_API_URL", "https://env.example/")
    assert faultlines.Client().base_url == "https://env.example"
    assert faultlines.Client("https://arg.example").base_url == "https://arg.example"


def test_parse_retry_after() -> None:
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    parse = faultlines._errors.parse_retry_after
    assert parse("120", now=now) == 120.0
    assert parse("Wed, 01 Jan 2025 00:01:00 GMT", now=now) == 60.0
    assert parse("Tue, 31 Dec 2024 00:00:00 GMT", now=now) == 0.0  # in the past
    assert parse("soon", now=now) is None
    assert parse("-5", now=now) is None
    assert parse(None) is None
