"""Release downloads: verified against SHA256SUMS, tampered files removed, resume with Range."""

from __future__ import annotations

import asyncio
from pathlib import Path

import faultlines
import httpx
import pytest
from sdk_fixtures import FakeReleaseServer, sha256

FILES = {
    "events.jsonl": b'{"id":"FL-000001"}\n' * 5000,
    "events.csv": b"id,title\nFL-000001,x\n" * 3000,
    "manifest.json": b'{"version":"1.0.0"}',
}


def client_for(server: FakeReleaseServer, **kwargs: object) -> faultlines.Client:
    transport = httpx.MockTransport(server.handler)
    return faultlines.Client("http://api.test", transport=transport, **kwargs)  # type: ignore[arg-type]


def ranges(server: FakeReleaseServer, name: str) -> list[str | None]:
    return [r.headers.get("range") for r in server.requests if r.url.path.endswith("/" + name)]


def test_download_writes_and_verifies_every_file(tmp_path: Path) -> None:
    server = FakeReleaseServer(dict(FILES))
    got = client_for(server).releases.download("1.0.0", tmp_path / "out")
    assert sorted(f.name for f in got) == sorted(FILES)
    for f in got:
        assert f.path.read_bytes() == FILES[f.name]
        assert f.sha256 == sha256(FILES[f.name]) and f.downloaded
    assert (tmp_path / "out" / "SHA256SUMS").read_bytes() == server.sums()
    assert not list((tmp_path / "out").glob("*.part"))


def test_download_only_selected_files(tmp_path: Path) -> None:
    server = FakeReleaseServer(dict(FILES))
    got = client_for(server).releases.download("1.0.0", tmp_path, files=["manifest.json"])
    assert [f.name for f in got] == ["manifest.json"]
    assert not (tmp_path / "events.jsonl").exists()


def test_unknown_file_name_is_refused(tmp_path: Path) -> None:
    server = FakeReleaseServer(dict(FILES))
    with pytest.raises(faultlines.DownloadError, match=r"nope\.txt"):
        client_for(server).releases.download("1.0.0", tmp_path, files=["nope.txt"])


def test_tampered_file_is_removed_and_raises(tmp_path: Path) -> None:
    served = {"events.csv": FILES["events.csv"].replace(b"x", b"y", 1)}
    server = FakeReleaseServer(dict(FILES), served=served)
    with pytest.raises(faultlines.ChecksumMismatchError) as info:
        client_for(server).releases.download("1.0.0", tmp_path, files=["events.csv"])
    assert info.value.expected == sha256(FILES["events.csv"])
    assert info.value.actual == sha256(served["events.csv"])
    assert not (tmp_path / "events.csv").exists()
    assert not (tmp_path / "events.csv.part").exists()


def test_resumes_a_part_file_with_range(tmp_path: Path) -> None:
    data = FILES["events.jsonl"]
    (tmp_path / "events.jsonl.part").write_bytes(data[:1000])
    server = FakeReleaseServer(dict(FILES))
    got = client_for(server).releases.download("1.0.0", tmp_path, files=["events.jsonl"])
    assert got[0].path.read_bytes() == data
    assert ranges(server, "events.jsonl") == ["bytes=1000-"]
    assert not (tmp_path / "events.jsonl.part").exists()


def test_interrupted_transfer_resumes_in_the_same_call(tmp_path: Path, sleeps: list[float]) -> None:
    server = FakeReleaseServer(dict(FILES), break_after={"events.jsonl": 4096})
    got = client_for(server).releases.download("1.0.0", tmp_path, files=["events.jsonl"])
    assert got[0].path.read_bytes() == FILES["events.jsonl"]
    assert ranges(server, "events.jsonl") == [None, "bytes=4096-"]
    assert len(sleeps) == 1


def test_interruption_without_retries_keeps_the_part_for_a_later_call(
    tmp_path: Path, sleeps: list[float]
) -> None:
    server = FakeReleaseServer(dict(FILES), break_after={"events.jsonl": 4096})
    with pytest.raises(faultlines.DownloadError, match="resume"):
        client_for(server, max_retries=0).releases.download(
            "1.0.0", tmp_path, files=["events.jsonl"]
        )
    assert (tmp_path / "events.jsonl.part").stat().st_size == 4096
    assert not (tmp_path / "events.jsonl").exists()
    client_for(server).releases.download("1.0.0", tmp_path, files=["events.jsonl"])
    assert (tmp_path / "events.jsonl").read_bytes() == FILES["events.jsonl"]
    assert ranges(server, "events.jsonl")[-1] == "bytes=4096-"


def test_server_ignoring_range_restarts_from_zero(tmp_path: Path) -> None:
    (tmp_path / "events.csv.part").write_bytes(b"garbage that is not a prefix")
    server = FakeReleaseServer(dict(FILES), ignore_range=True)
    got = client_for(server).releases.download("1.0.0", tmp_path, files=["events.csv"])
    assert got[0].path.read_bytes() == FILES["events.csv"]


def test_part_file_longer_than_the_file_starts_over(tmp_path: Path) -> None:
    (tmp_path / "manifest.json.part").write_bytes(b"x" * 500)
    server = FakeReleaseServer(dict(FILES))
    got = client_for(server).releases.download("1.0.0", tmp_path, files=["manifest.json"])
    assert got[0].path.read_bytes() == FILES["manifest.json"]
    assert ranges(server, "manifest.json") == ["bytes=500-", None]


def test_intact_file_already_there_is_not_fetched_again(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_bytes(FILES["manifest.json"])
    server = FakeReleaseServer(dict(FILES))
    got = client_for(server).releases.download("1.0.0", tmp_path, files=["manifest.json"])
    assert got[0].downloaded is False
    assert ranges(server, "manifest.json") == []


def test_corrupt_file_already_there_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_bytes(b"{}")
    server = FakeReleaseServer(dict(FILES))
    got = client_for(server).releases.download("1.0.0", tmp_path, files=["manifest.json"])
    assert got[0].downloaded and got[0].path.read_bytes() == FILES["manifest.json"]


def test_unknown_release_raises_not_found(tmp_path: Path) -> None:
    server = FakeReleaseServer(dict(FILES))
    with pytest.raises(faultlines.NotFoundError):
        client_for(server).releases.download("9.9.9", tmp_path)


@pytest.mark.parametrize(
    "line",
    [f"{'a' * 64}  ../evil", f"{'a' * 64}  sub/dir", f"{'a' * 64}  .hidden", "not a sum line"],
)
def test_unsafe_or_malformed_sums_are_refused(line: str) -> None:
    with pytest.raises(faultlines.DownloadError):
        faultlines.parse_sha256sums(line + "\n")


def test_parse_sha256sums_accepts_binary_marker() -> None:
    assert faultlines.parse_sha256sums(f"{'A' * 64} *events.csv\n") == {"events.csv": "a" * 64}


def test_progress_bar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm")
    server = FakeReleaseServer(dict(FILES))
    client_for(server).releases.download("1.0.0", tmp_path, files=["events.jsonl"], progress=True)
    assert "events.jsonl" in capsys.readouterr().err


def test_async_download_verifies_resumes_and_rejects(tmp_path: Path, sleeps: list[float]) -> None:
    served = {"events.csv": b"tampered"}
    server = FakeReleaseServer(dict(FILES), served=served, break_after={"events.jsonl": 100})

    async def run() -> list[faultlines.DownloadedFile]:
        async with faultlines.AsyncClient(
            "http://api.test", transport=httpx.MockTransport(server.handler)
        ) as client:
            with pytest.raises(faultlines.ChecksumMismatchError):
                await client.releases.download("1.0.0", tmp_path, files=["events.csv"])
            return await client.releases.download("1.0.0", tmp_path, files=["events.jsonl"])

    got = asyncio.run(run())
    assert got[0].path.read_bytes() == FILES["events.jsonl"]
    assert ranges(server, "events.jsonl") == [None, "bytes=100-"]
    assert not (tmp_path / "events.csv").exists()
