"""Bad input to the explorer's pages: an HTML page with a 4xx that says what was wrong, never a
5xx, on both backends. The pages pass the query to the API, so its messages are the page's."""

from __future__ import annotations

import pytest
from litestar.testing import TestClient

Client = TestClient  # type: ignore[type-arg]

BAD = [
    ("/events?limit=abc", 400),
    ("/events?limit=0", 400),
    ("/events?limit=1e3", 400),
    ("/events?event_type=desertions", 400),
    ("/events?actor=nobody", 400),
    ("/events?date_from=2022-13-45", 400),
    ("/events?date_match=sometimes", 400),
    ("/events?sort=random", 400),
    ("/events?cursor=not-a-cursor", 400),
    ("/events?evnt_type=desertion", 400),
    ("/events?release=0.0.1", 404),
    ("/events?release=<script>", 404),
    ("/events/FL-000001%3Cscript%3E", 400),
    ("/events/FL-999999", 404),
    ("/sources?cursor=zzz", 400),
    ("/sources?language=" + "x" * 300, 400),
    ("/sources/SRC-999999", 404),
    ("/sources/not-an-id", 400),
    ("/releases/9.9.9", 404),
    ("/releases/not-a-version", 400),
    ("/codebook?release=9.9.9", 404),
    ("/?release=latest%00", 404),
]


@pytest.mark.parametrize(("url", "status"), BAD, ids=[u for u, _ in BAD])
def test_bad_input_is_an_html_4xx_page(client: Client, url: str, status: int) -> None:
    r = client.get(url, follow_redirects=False)
    assert r.status_code == status, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    assert "<h1" in r.text and "Traceback" not in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_a_path_that_matches_no_page_is_a_404_not_a_file(client: Client) -> None:
    # Decoded slashes leave the route table: the app's one 404 answer, nothing read from disk.
    r = client.get("/events/..%2F..%2Fetc%2Fpasswd", follow_redirects=False)
    assert r.status_code == 404
    assert "root:" not in r.text
