"""The SDK, sync and async, against a real server (SQLite, and PostgreSQL where reachable)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from pathlib import Path

import faultlines
import httpx
import pytest
from faultlines import cli

from tests.e2e.conftest import LiveAPI
from tests.integration._releases import base_events, second_events

pytestmark = pytest.mark.live

ACTIVE = sorted(e.id for e in second_events() if e.status == "active")
ACTIVE_1_0 = sorted(e.id for e in base_events() if e.status == "active")


class TamperingTransport(httpx.BaseTransport):
    """A man in the middle that flips one byte of one release file on its way to the client."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if not request.url.path.endswith(f"/files/{self.name}"):
            return response
        body = bytearray(response.read())
        response.close()
        body[len(body) // 2] ^= 0x01
        headers = [(k, v) for k, v in response.headers.items()
                   if k.lower() not in {"content-length", "content-encoding"}]  # fmt: skip
        return httpx.Response(response.status_code, headers=headers, content=bytes(body))


@pytest.fixture
def client(live_api: LiveAPI) -> faultlines.Client:
    return faultlines.Client(live_api.base_url, max_retries=1)


def test_list_with_filters(client: faultlines.Client) -> None:
    page = client.events.list(country="SY")
    assert [e.id for e in page.data] == ["FL-000004"]
    assert page.meta.release == "1.1.0"
    page = client.events.list(event_type="desertion", date_from="2022-01-01", limit=50)
    assert page.data and all(e.event_type == "desertion" for e in page.data)
    assert all(e.date_end.year >= 2022 for e in page.data)
    page = client.events.list(actor="irgc", country="SY")  # sub-organisation: quds_force
    assert [e.id for e in page.data] == ["FL-000004"]


def test_iterate_every_event_across_pages(client: faultlines.Client) -> None:
    pages = list(client.events.iter(page_size=3).pages())
    ids = [e.id for page in pages for e in page.data]
    assert len(pages) >= 3
    assert sorted(ids) == ACTIVE and len(set(ids)) == len(ids)
    dates = [e.date_start for page in pages for e in page.data]
    assert dates == sorted(dates)


def test_as_of_an_older_release(client: faultlines.Client) -> None:
    ids = sorted(e.id for e in client.events.iter(page_size=4, release="1.0.0"))
    assert ids == ACTIVE_1_0
    assert client.events.get("FL-000005", release="1.0.0").data.id == "FL-000005"


def test_get_one_merged_and_retracted(client: faultlines.Client) -> None:
    detail = client.events.get("FL-000001")
    assert detail.data.id == "FL-000001"
    assert {s.id for s in detail.sources} == {"SRC-000001", "SRC-000002"}
    assert client.events.get("FL-000011").data.id == "FL-000002"  # merged: 308 followed
    with pytest.raises(faultlines.GoneError) as info:
        client.events.get("FL-000005")
    assert info.value.tombstone["id"] == "FL-000005"
    assert "forged" in (info.value.tombstone.get("reason") or "")
    with pytest.raises(faultlines.NotFoundError):
        client.events.get("FL-999999")


def test_bad_input_is_a_bad_request(client: faultlines.Client) -> None:
    with pytest.raises(faultlines.BadRequestError) as info:
        client.events.list(limit=5000)
    assert "limit" in str(info.value)
    with pytest.raises(faultlines.BadRequestError):
        client.events.list(cursor="not-a-cursor")


def test_stats(client: faultlines.Client) -> None:
    stats = client.stats.events("year")
    assert stats.group_by == ["year"]
    assert sum(row.count for row in stats.data) == len(ACTIVE)
    two = client.stats.events(["year", "event_type"], country="IR")
    assert all(set(row.group) == {"year", "event_type"} for row in two.data)


def test_facets(client: faultlines.Client) -> None:
    page = client.stats.facets("event_type", "actor", country="IR")
    assert [f.facet for f in page.data] == ["event_type", "actor"]
    by_type = {v.value: v.count for v in page.data[0].values}
    stats = client.stats.events("event_type", country="IR")
    assert by_type == {r.group["event_type"]: r.count for r in stats.data if r.count}
    assert client.stats.facets(["campaign"]).data[0].facet == "campaign"
    with pytest.raises(TypeError, match="at least one dimension"):
        client.stats.facets()


def test_reference_endpoints(client: faultlines.Client) -> None:
    def walk(nodes: list[faultlines.models.ActorNode]) -> list[str]:
        return [i for n in nodes for i in (n.id, *walk(n.children))]

    assert "quds_force" in walk(client.actors.list().data)
    assert any(t.id == "desertion" for t in client.event_types.list().data)
    assert client.campaigns.list().data
    assert client.coverage.list().data[0].id == "COV-0001"
    assert client.schema.get()
    sources = list(client.sources.iter(page_size=4))
    assert len({s.id for s in sources}) == len(sources) == 9
    assert "FL-000001" in client.sources.get("SRC-000001").events


def test_releases(client: faultlines.Client) -> None:
    versions = [r.version for r in client.releases.list().data]
    assert versions == ["1.1.0", "1.0.0"]
    detail = client.releases.get("1.1.0")
    assert detail.data.version == "1.1.0"
    assert isinstance(detail.data.files, dict) and "events.csv" in detail.data.files
    changes = client.releases.changes("1.1.0")
    assert isinstance(changes.added, list) and isinstance(changes.retracted, list)
    assert set(changes.added) == {"FL-000013", "FL-000014"}
    assert [r.id for r in changes.retracted] == ["FL-000005"]


def test_download_verifies_and_matches_the_release(
    client: faultlines.Client, live_api: LiveAPI, tmp_path: Path
) -> None:
    got = client.releases.download("1.1.0", tmp_path)
    folder = live_api.release("1.1.0")
    expected = {line.split()[1] for line in (folder / "SHA256SUMS").read_text().splitlines()}
    assert {f.name for f in got} == expected
    for f in got:
        assert f.path.read_bytes() == (folder / f.name).read_bytes()
    again = client.releases.download("1.1.0", tmp_path, files=["events.csv"])
    assert again[0].downloaded is False


def test_download_resumes_a_part_file(
    client: faultlines.Client, live_api: LiveAPI, tmp_path: Path
) -> None:
    original = (live_api.release("1.1.0") / "events.jsonl").read_bytes()
    (tmp_path / "events.jsonl.part").write_bytes(original[: len(original) // 3])
    got = client.releases.download("1.1.0", tmp_path, files=["events.jsonl"])
    assert got[0].path.read_bytes() == original
    assert client.last_response is not None and client.last_response.status_code == 206


def test_tampered_file_is_rejected_and_removed(live_api: LiveAPI, tmp_path: Path) -> None:
    tampering = faultlines.Client(live_api.base_url, transport=TamperingTransport("events.csv"))
    with pytest.raises(faultlines.ChecksumMismatchError):
        tampering.releases.download("1.1.0", tmp_path, files=["events.csv", "manifest.json"])
    assert not (tmp_path / "events.csv").exists()
    assert not (tmp_path / "events.csv.part").exists()


def test_to_pandas(client: faultlines.Client) -> None:
    pytest.importorskip("pandas")
    frame = client.events.to_pandas(country="IR")
    assert len(frame) == sum(1 for e in second_events() if e.status == "active"
                             and e.location.country == "IR")  # fmt: skip
    assert str(frame["date_start"].dtype).startswith("datetime64")
    assert str(frame["event_type"].dtype) == "category"
    assert str(frame["participants_best"].dtype) == "Int64"


def test_async_client_end_to_end(live_api: LiveAPI, tmp_path: Path) -> None:
    async def run() -> None:
        async with faultlines.AsyncClient(live_api.base_url) as aclient:
            page = await aclient.events.list(country="SY")
            assert [e.id for e in page.data] == ["FL-000004"]
            ids = [e.id async for e in aclient.events.iter(page_size=3)]
            assert sorted(ids) == ACTIVE and len(set(ids)) == len(ids)
            assert (await aclient.events.get("FL-000011")).data.id == "FL-000002"
            with pytest.raises(faultlines.GoneError):
                await aclient.events.get("FL-000005")
            stats = await aclient.stats.events("event_type")
            assert sum(r.count for r in stats.data) == len(ACTIVE)
            facets = await aclient.stats.facets("event_type")
            assert sum(v.count for v in facets.data[0].values) == len(ACTIVE)

    asyncio.run(run())


def test_async_download(live_api: LiveAPI, tmp_path: Path) -> None:
    async def run() -> None:
        async with faultlines.AsyncClient(live_api.base_url) as aclient:
            got = await aclient.releases.download("1.1.0", tmp_path, files=["events.csv"])
            assert (
                got[0].sha256
                == faultlines.parse_sha256sums(
                    (live_api.release("1.1.0") / "SHA256SUMS").read_text()
                )["events.csv"]
            )

    asyncio.run(run())


def test_cli(live_api: LiveAPI, tmp_path: Path) -> None:
    base = ["--base-url", live_api.base_url]
    out = io.StringIO()
    assert cli.main([*base, "events", "list", "--country", "SY", "--format", "csv"], out=out) == 0
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["id"] for r in rows] == ["FL-000004"]
    out = io.StringIO()
    assert cli.main([*base, "events", "list", "--all", "--format", "json"], out=out) == 0
    assert sorted(e["id"] for e in json.loads(out.getvalue())) == ACTIVE
    out = io.StringIO()
    assert cli.main([*base, "events", "list", "--limit", "2"], out=out) == 0
    assert out.getvalue().splitlines()[0].split()[:3] == ["id", "date_start", "event_type"]
    assert len(out.getvalue().splitlines()) == 3
    out = io.StringIO()
    assert cli.main([*base, "events", "get", "FL-000001", "--format", "json"], out=out) == 0
    assert json.loads(out.getvalue())["data"]["id"] == "FL-000001"
    out = io.StringIO()
    assert cli.main([*base, "stats", "--group-by", "year", "--format", "csv"], out=out) == 0
    assert sum(int(r["count"]) for r in csv.DictReader(io.StringIO(out.getvalue()))) == len(ACTIVE)
    out = io.StringIO()
    assert cli.main([*base, "releases", "list"], out=out) == 0
    assert "1.1.0" in out.getvalue()
    assert cli.main([*base, "events", "get", "FL-000005"], out=io.StringIO()) == 1


def test_cli_download(live_api: LiveAPI, tmp_path: Path) -> None:
    out = io.StringIO()
    args = ["--base-url", live_api.base_url, "releases", "download", "1.0.0", str(tmp_path),
            "--file", "events.csv"]  # fmt: skip
    with faultlines.Client(live_api.base_url) as client:
        client.releases.download("1.0.0", tmp_path / "probe", files=["events.csv"])
    assert cli.main(args, out=out) == 0
    assert "OK" in out.getvalue() and (tmp_path / "events.csv").is_file()
