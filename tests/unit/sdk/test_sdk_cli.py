"""The ``faultlines`` command with a mock transport: help text, pipes, and what it prints."""

from __future__ import annotations

import argparse
import io
import re
from collections.abc import Callable
from typing import Any

import faultlines
import httpx
import pytest
from faultlines import cli
from sdk_fixtures import event_json, event_page, json_response

RST = re.compile(r"``|:(?:meth|class|func|attr|mod):|^\s*\.\. |::\s*$", re.M)


def _help_texts() -> dict[str, str]:
    texts: dict[str, str] = {}

    def walk(parser: argparse.ArgumentParser, name: str) -> None:
        texts[name] = parser.format_help()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub, child in action.choices.items():
                    walk(child, f"{name} {sub}")

    walk(cli._parser(), "faultlines")
    return texts


def test_every_help_text_is_plain_text() -> None:
    texts = _help_texts()
    assert {"faultlines vocab actors", "faultlines events get", "faultlines stats"} <= set(texts)
    for name, text in texts.items():
        assert not RST.search(text), f"{name} --help shows markup: {RST.search(text)}"
    assert "examples:" in texts["faultlines"]


def use_transport(monkeypatch: pytest.MonkeyPatch, handler: Callable[..., httpx.Response]) -> None:
    real = faultlines.Client

    def client(base_url: str | None = None, **kwargs: Any) -> faultlines.Client:
        return real("http://api.test", transport=httpx.MockTransport(handler), max_retries=0)

    monkeypatch.setattr(cli, "Client", client)


class ClosedPipe(io.StringIO):
    """An output whose reader has gone away, as after ``| head``."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_ends_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use_transport(monkeypatch, lambda request: json_response(event_page([1, 2], None)))
    assert cli.main(["events", "list"], out=ClosedPipe()) == 141
    assert capsys.readouterr().err == ""


def test_more_rows_are_announced_on_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use_transport(monkeypatch, lambda request: json_response(event_page([1, 2], "next")))
    out = io.StringIO()
    assert cli.main(["events", "list", "--limit", "2"], out=out) == 0
    assert len(out.getvalue().splitlines()) == 3  # header and two events: stdout stays data
    # "of 5" once the generated models carry meta.total (the server counts every match)
    assert re.search(r"showing 2 (of 5 )?events; more match", capsys.readouterr().err)
    use_transport(monkeypatch, lambda request: json_response(event_page([1, 2], None)))
    assert cli.main(["events", "list", "--limit", "2"], out=io.StringIO()) == 0
    assert capsys.readouterr().err == ""


def test_csv_asks_one_row_more_to_know_if_more_match(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[httpx.Request] = []
    body = 'id,title\r\nFL-000001,"A, b"\r\nFL-000002,"multi\nline"\r\nFL-000003,c\r\n'

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, text=body, headers={"content-type": "text/csv"})

    use_transport(monkeypatch, handler)
    out = io.StringIO()
    assert cli.main(["events", "list", "--limit", "2", "--format", "csv"], out=out) == 0
    assert seen[0].url.params["limit"] == "3" and seen[0].url.params["format"] == "csv"
    assert out.getvalue() == 'id,title\r\nFL-000001,"A, b"\r\nFL-000002,"multi\nline"\r\n'
    assert "showing 2 events; more match" in capsys.readouterr().err
    assert cli.main(["events", "list", "--all", "--format", "csv"], out=io.StringIO()) == 0
    assert "limit" not in seen[-1].url.params


def test_event_text_shows_summary_reports_and_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    source = {"id": "SRC-000001", "outlet": "An Outlet", "outlet_type": "independent",
              "language": "en", "published": "2022-10-04", "published_precision": "day",
              "title": "A report about the fixture", "url": "https://example.org/a",
              "affiliation": None, "notes": None, "published_note": None,
              "republication_note": None, "republished_from": None, "retrieved": None,
              "content_sha256": "0" * 64}  # fmt: skip
    detail = {"data": event_json(7), "sources": [source],
              "meta": {"release": "1.0.0", "schema_version": "1.0.0"}}  # fmt: skip
    use_transport(monkeypatch, lambda request: json_response(detail))
    out = io.StringIO()
    assert cli.main(["events", "get", "FL-000007"], out=out) == 0
    text = out.getvalue()
    assert text.startswith("FL-000007  Fixture event number 7")
    assert "Summary\n  A fixture event number 7 written for the SDK unit tests." in text
    assert "Reports (1)\n  1. SRC-000001, anonymous_insider: a member (asserts)" in text
    assert "The source says members deserted." in text
    assert "Sources (1)\n  SRC-000001  An Outlet (independent, en), 2022-10-04" in text
    assert "https://example.org/a" in text
    assert "participants at_least (low 5000)" in text


def test_vocab_lists_each_vocabulary(monkeypatch: pytest.MonkeyPatch) -> None:
    meta = {"release": "1.0.0", "schema_version": "1.0.0"}
    node = {"id": "irgc", "name": "IRGC", "kind": "military", "parent": None, "aliases": ["Sepah"],
            "country": "IR", "description": "The Guards.",
            "children": [{"id": "basij", "name": "Basij", "kind": "paramilitary",
                          "parent": "irgc", "aliases": [], "country": "IR",
                          "description": "Volunteers.", "children": []}]}  # fmt: skip
    bodies = {
        "/v1/actors": {"data": [node], "meta": meta},
        "/v1/event-types": {
            "data": [
                {
                    "id": "leak",
                    "label": "Leak",
                    "definition": "Insiders pass on documents.",
                    "include": [],
                    "exclude": [],
                }
            ],
            "meta": meta,
        },
        "/v1/campaigns": {
            "data": [
                {
                    "id": "c1",
                    "name": "A campaign",
                    "countries": ["IR"],
                    "date_start": "2022-09-16",
                    "date_end": None,
                    "description": "A campaign for the tests.",
                }
            ],
            "meta": meta,
        },
    }
    use_transport(monkeypatch, lambda request: json_response(bodies[request.url.path]))
    out = io.StringIO()
    assert cli.main(["vocab", "actors"], out=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[1].startswith("irgc ") and lines[2].startswith("  basij ")
    out = io.StringIO()
    assert cli.main(["vocab", "actors", "--format", "csv"], out=out) == 0
    assert out.getvalue().splitlines()[2].startswith("basij,Basij,paramilitary,irgc")
    out = io.StringIO()
    assert cli.main(["vocab", "event-types"], out=out) == 0
    assert "Insiders pass on documents." in out.getvalue()
    out = io.StringIO()
    assert cli.main(["vocab", "campaigns", "--format", "csv"], out=out) == 0
    assert out.getvalue().splitlines()[1] == "c1,A campaign,2022-09-16,,IR"
