"""``faultlines.load``: download once (verified), cache per server and version, open offline."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import faultlines
import httpx
import pytest
from sdk_fixtures import json_response, problem, sha256

HEADER = b"id,status,event_type,title,date_start,date_end,confidence\r\n"
FILES = {
    "1.0.0": HEADER + b"FL-000001,active,desertion,First,2022-09-16,2022-09-30,low\r\n",
    "1.1.0": HEADER
    + b"FL-000001,active,desertion,First,2022-09-16,2022-09-30,medium\r\n"
    + b"FL-000002,retracted,leak,Second,2023-01-01,2023-01-01,low\r\n",
}


@dataclass
class ReleaseServer:
    """``/v1/releases`` and each release's ``SHA256SUMS`` and ``events.csv``."""

    latest: str = "1.1.0"
    down: bool = False
    tamper: bool = False
    requests: list[str] = field(default_factory=list)

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request.url.path)
        if self.down:
            raise httpx.ConnectError("connection refused", request=request)
        if request.url.path == "/v1/releases":
            data = [
                {"version": v, "date": None, "latest": v == self.latest, "previous": None,
                 "schema_version": "1.0.0", "url": f"/v1/releases/{v}"}
                for v in sorted(FILES, reverse=True)
            ]  # fmt: skip
            return json_response({"data": data})
        _, _, _, version, _, name = request.url.path.split("/")
        if version not in FILES:
            return problem(404, "Not Found", f"no release {version}")
        body = FILES[version]
        if name == "SHA256SUMS":
            return httpx.Response(200, content=f"{sha256(body)}  events.csv\n".encode())
        return httpx.Response(200, content=body[:-3] + b"XX\n" if self.tamper else body)


def client_for(server: ReleaseServer) -> faultlines.Client:
    return faultlines.Client(
        "http://api.test:8000", transport=httpx.MockTransport(server.handler), max_retries=0
    )


def test_latest_downloads_verifies_and_opens_the_newest_release(tmp_path: Path) -> None:
    server = ReleaseServer()
    frame = faultlines.load(client=client_for(server), cache_dir=tmp_path)
    assert frame.attrs["release"] == "1.1.0"
    assert frame["id"].tolist() == ["FL-000001", "FL-000002"]
    assert frame["confidence"].cat.ordered and str(frame["date_start"].dtype).startswith("date")
    assert server.requests == [
        "/v1/releases",
        "/v1/releases/1.1.0/files/SHA256SUMS",
        "/v1/releases/1.1.0/files/events.csv",
    ]
    cached = tmp_path / "api.test_8000" / "1.1.0"
    assert (cached / "events.csv").read_bytes() == FILES["1.1.0"]
    assert (cached / "SHA256SUMS").is_file()


def test_latest_is_the_release_the_server_serves_by_default(tmp_path: Path) -> None:
    server = ReleaseServer(latest="1.0.0")
    frame = faultlines.load("latest", client=client_for(server), cache_dir=tmp_path)
    assert frame.attrs["release"] == "1.0.0" and len(frame) == 1


def test_a_cached_version_needs_no_server(tmp_path: Path) -> None:
    server = ReleaseServer()
    first = faultlines.load("1.0.0", client=client_for(server), cache_dir=tmp_path)
    server.down = True
    server.requests.clear()
    again = faultlines.load("1.0.0", client=client_for(server), cache_dir=tmp_path)
    assert server.requests == []
    assert again.equals(first)
    # and without a client at all: base_url only names the cache folder
    offline = faultlines.load("1.0.0", base_url="http://api.test:8000", cache_dir=tmp_path)
    assert offline.equals(first)


def test_latest_offline_falls_back_to_the_newest_cached_release(tmp_path: Path) -> None:
    server = ReleaseServer()
    faultlines.load("1.0.0", client=client_for(server), cache_dir=tmp_path)
    faultlines.load("1.1.0", client=client_for(server), cache_dir=tmp_path)
    server.down = True
    with pytest.warns(UserWarning, match=r"newest release.*1\.1\.0, the newest in the cache"):
        frame = faultlines.load(client=client_for(server), cache_dir=tmp_path)
    assert frame.attrs["release"] == "1.1.0"


def test_latest_with_the_server_failing_falls_back_too(tmp_path: Path) -> None:
    server = ReleaseServer()
    faultlines.load("1.0.0", client=client_for(server), cache_dir=tmp_path)
    failing = faultlines.Client(
        "http://api.test:8000",
        transport=httpx.MockTransport(lambda r: problem(503, "Service Unavailable", "no db")),
        max_retries=0,
    )
    with pytest.warns(UserWarning, match="503"):
        frame = faultlines.load(client=failing, cache_dir=tmp_path)
    assert frame.attrs["release"] == "1.0.0"


def test_latest_offline_with_nothing_cached_raises(tmp_path: Path) -> None:
    server = ReleaseServer(down=True)
    with pytest.raises(faultlines.APIConnectionError):
        faultlines.load(client=client_for(server), cache_dir=tmp_path)


def test_a_cached_file_that_no_longer_matches_is_fetched_again(tmp_path: Path) -> None:
    server = ReleaseServer()
    faultlines.load("1.1.0", client=client_for(server), cache_dir=tmp_path)
    cached = tmp_path / "api.test_8000" / "1.1.0" / "events.csv"
    cached.write_bytes(cached.read_bytes().replace(b"medium", b"high!!"))
    server.requests.clear()
    frame = faultlines.load("1.1.0", client=client_for(server), cache_dir=tmp_path)
    assert "/v1/releases/1.1.0/files/events.csv" in server.requests
    assert cached.read_bytes() == FILES["1.1.0"] and frame["confidence"].iloc[0] == "medium"


def test_a_tampered_download_is_refused_and_not_cached(tmp_path: Path) -> None:
    server = ReleaseServer(tamper=True)
    with pytest.raises(faultlines.ChecksumMismatchError):
        faultlines.load("1.0.0", client=client_for(server), cache_dir=tmp_path)
    assert not (tmp_path / "api.test_8000" / "1.0.0" / "events.csv").exists()


def test_an_unknown_release_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(faultlines.NotFoundError):
        faultlines.load("9.9.9", client=client_for(ReleaseServer()), cache_dir=tmp_path)


@pytest.mark.parametrize("bad", ["../1.0.0", "", ".hidden", "1.0.0/x"])
def test_a_version_that_is_not_a_folder_name_is_refused(bad: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="version"):
        faultlines.load(bad, client=client_for(ReleaseServer()), cache_dir=tmp_path)


def test_servers_get_separate_caches(tmp_path: Path) -> None:
    faultlines.load("1.0.0", client=client_for(ReleaseServer()), cache_dir=tmp_path)
    other = faultlines.Client(
        "http://other.test", transport=httpx.MockTransport(ReleaseServer().handler)
    )
    faultlines.load("1.0.0", client=other, cache_dir=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["api.test_8000", "other.test"]


def test_the_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FAULTLINES_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert faultlines.default_cache_dir() == tmp_path / "xdg" / "faultlines"  # platformdirs
    monkeypatch.setenv("FAULTLINES_CACHE_DIR", str(tmp_path / "mine"))
    assert faultlines.default_cache_dir() == tmp_path / "mine"
    server = ReleaseServer()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        faultlines.load("1.0.0", client=client_for(server))
    assert (tmp_path / "mine" / "api.test_8000" / "1.0.0" / "events.csv").is_file()
