"""Full text: one query syntax, the same matches on SQLite (FTS5 porter) and PostgreSQL.

A corpus of queries runs against the published release on both backends; every query must
return the same ids on both, and the corpus as a whole must match events (a suite whose every
query finds nothing would agree trivially).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from litestar.testing import TestClient

from api.app import create_app
from api.config import Settings
from api.db.ingest import ingest_release
from api.query.fulltext import STOP_WORDS, parse_fulltext, to_fts5, to_tsquery
from tests.integration.conftest import PG_ADMIN, DatabaseFactory, _pg_reachable, make_engine

RELEASES = Path(__file__).resolve().parents[2] / "dataset" / "releases"
LATEST = sorted(RELEASES.iterdir(), key=lambda p: tuple(int(x) for x in p.name.split(".")))[-1]

CORPUS = [
    "resign",
    "resigned",
    "resignation",
    "resignations",
    "deserters",
    "desertion",
    "desert",
    "deserting",
    "basij",
    "Basij commander",
    "irgc",
    "IRGC arrested",
    "arrest",
    "arrests",
    "arrested officers",
    "refused",
    "refusal orders",
    "protests 2022",
    "mahsa amini",
    '"morality police"',
    '"quds force"',
    '"revolutionary guards"',
    '"court martial"',
    "court-martial",
    "leak OR leaked",
    "strike OR strikes",
    "syria OR iraq",
    "basij OR police killed",
    "desert*",
    "resig*",
    "comm*",
    "sepah*",
    "Khamenei",
    "khamenei's",
    "commanders executed",
    "the commander",
    "officer of the",
    "pilots",
    "soldiers fled",
    "defected",
    "defector",
    "defection",
    "intelligence ministry",
    "  police   OR   army  ",
    '"police" OR "army" basij',
    "morale",
    "conscripts",
    "punished",
    "prison",
    "women",
]


def _client(url: str) -> TestClient:  # type: ignore[type-arg]
    engine = make_engine(url)
    ingest_release(engine, LATEST)
    engine.dispose()
    return TestClient(create_app(Settings(database_url=url, releases_dir=RELEASES)))


@pytest.fixture(scope="module")
def clients(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, TestClient]]:  # type: ignore[type-arg]
    """Clients over the latest published release on SQLite and on PostgreSQL."""
    reason = _pg_reachable()
    if reason:
        pytest.skip(reason)
    sqlite = DatabaseFactory("sqlite", tmp_path_factory.mktemp("fts-sqlite"))
    pg = DatabaseFactory("postgres", tmp_path_factory.mktemp("fts-pg"))
    try:
        with _client(sqlite.new_url()) as a, _client(pg.new_url()) as b:
            yield a, b
            a.app.state.store.engine.dispose()
            b.app.state.store.engine.dispose()
    finally:
        pg.drop_all()
    assert PG_ADMIN


def _ids(client: TestClient, q: str) -> list[str]:  # type: ignore[type-arg]
    r = client.get(f"/v1/events?limit=1000&q={quote(q)}")
    assert r.status_code == 200, r.text
    return [e["id"] for e in r.json()["data"]]


@pytest.mark.postgres
def test_corpus_matches_the_same_events_on_both_backends(
    clients: tuple[TestClient, TestClient],  # type: ignore[type-arg]
) -> None:
    sqlite, pg = clients
    differ = {}
    found = 0
    for q in CORPUS:
        a, b = _ids(sqlite, q), _ids(pg, q)
        if a != b:
            differ[q] = (sorted(set(a) - set(b)), sorted(set(b) - set(a)))
        found += bool(a)
    assert not differ, differ
    assert found >= len(CORPUS) * 2 // 3, f"only {found} of {len(CORPUS)} queries match"


@pytest.mark.postgres
def test_stemming_finds_inflections(clients: tuple[TestClient, TestClient]) -> None:  # type: ignore[type-arg]
    for client in clients:
        resign = set(_ids(client, "resign"))
        assert resign, "no event mentions resigning"
        assert set(_ids(client, "resigned")) == resign
        assert set(_ids(client, "resignation")) == resign
        assert set(_ids(client, "deserters")) == set(_ids(client, "desertion"))
        assert _ids(client, "deserters")


@pytest.mark.postgres
def test_operators(clients: tuple[TestClient, TestClient]) -> None:  # type: ignore[type-arg]
    for client in clients:
        leak, strike = set(_ids(client, "leak")), set(_ids(client, "strike"))
        assert set(_ids(client, "leak OR strike")) == leak | strike
        basij, police = set(_ids(client, "basij")), set(_ids(client, "police"))
        assert set(_ids(client, "basij police")) == basij & police
        assert set(_ids(client, "desert*")) >= set(_ids(client, "desertion"))
        phrase = set(_ids(client, '"morality police"'))
        assert phrase and phrase <= set(_ids(client, "morality police"))


def test_stop_words_are_postgresql_english_ones() -> None:
    stop = Path("/usr/share/postgresql/15/tsearch_data/english.stop")
    if not stop.exists():
        pytest.skip(f"{stop} is not installed here")
    assert set(stop.read_text().split()) == STOP_WORDS


def test_translation() -> None:
    q = parse_fulltext('IRGC "court-martial of" desert* OR leak the')
    assert to_fts5(q) == '("irgc") AND ("court martial") AND ("desert"* OR "leak")'
    assert to_tsquery(q) == "(irgc) & ((court <-> martial)) & (desert:* | leak)"
    assert parse_fulltext("the of !!").empty
    assert parse_fulltext("OR OR").empty
    assert to_fts5(parse_fulltext('"unclosed phrase')) == '("unclosed phrase")'


def _walk(client: TestClient, q: str | None, params: dict[str, str], limit: int = 7) -> list[str]:  # type: ignore[type-arg]
    """Every id of a query, page by page through the cursors; checks ``meta.total``."""
    query = {**params, "limit": str(limit), **({"q": q} if q is not None else {})}
    ids: list[str] = []
    total = None
    cursor: str | None = None
    while True:
        r = client.get("/v1/events", params={**query, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        body = r.json()
        ids += [e["id"] for e in body["data"]]
        total = body["meta"]["total"]
        cursor = body["meta"].get("next_cursor")
        if not cursor:
            break
    assert total == len(ids)
    return ids


PAGED = [
    ("basij", {}),
    ("arrest", {"sort": "-date"}),
    ("police OR army", {"date_from": "2019-01-01", "date_to": "2023-12-31"}),
    ("commander", {"event_type": "disciplinary_action"}),
    ("irgc", {"actor": "irgc", "date_match": "within", "date_from": "2010-01-01"}),
    ("protest*", {"sort": "-date", "date_to": "2022-12-31", "min_confidence": "medium"}),
]


@pytest.mark.postgres
@pytest.mark.parametrize(("q", "params"), PAGED)
def test_full_text_pages_agree_with_the_general_path_and_postgresql(
    clients: tuple[TestClient, TestClient],  # type: ignore[type-arg]
    q: str,
    params: dict[str, str],
) -> None:
    """SQLite reads a full-text page from the full-text index, in its key's order: page after
    page it gives what the filtered list gives for the matching ids, and what PostgreSQL
    (a different plan altogether) gives."""
    sqlite, pg = clients
    walked = _walk(sqlite, q, params)
    assert walked, "the query should match something"
    assert walked == _walk(pg, q, params)
    matched = set(_ids(sqlite, q))
    assert walked == [i for i in _walk(sqlite, None, params, limit=50) if i in matched]


@pytest.mark.postgres
def test_a_repeated_search_reuses_its_statement_and_answers_the_same(
    clients: tuple[TestClient, TestClient],  # type: ignore[type-arg]
) -> None:
    """SQLite keeps the statements of full-text pages: the same search, page and release is
    built once, and the kept statement answers as a freshly built one does."""
    from api._lru import LRU

    sqlite, _ = clients
    store = sqlite.app.state.store
    for q in CORPUS[:10]:
        url = f"/v1/events?limit=5&q={quote(q)}"
        store._cache.statements = LRU(8)
        first = sqlite.get(url)
        built = len(store._cache.statements)
        again = sqlite.get(url)
        assert len(store._cache.statements) == built == 1, q
        assert again.status_code == first.status_code == 200
        assert again.json()["data"] == first.json()["data"], q
        nxt = first.json()["meta"].get("next_cursor")
        if nxt:  # the next page is another statement, and its rows follow on
            page2 = sqlite.get(f"{url}&cursor={nxt}").json()["data"]
            assert len(store._cache.statements) == 2
            assert not {e["id"] for e in page2} & {e["id"] for e in first.json()["data"]}


def _ids_paged(client: TestClient, q: str, params: dict[str, str]) -> list[str]:  # type: ignore[type-arg]
    query = {**params, "limit": "7", "q": q}
    ids: list[str] = []
    cursor: str | None = None
    while True:
        r = client.get("/v1/events", params={**query, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        ids += [e["id"] for e in r.json()["data"]]
        cursor = r.json()["meta"].get("next_cursor")
        if not cursor:
            return ids


@pytest.mark.postgres
@pytest.mark.parametrize(("q", "params"), PAGED)
def test_postgresql_full_text_plans_agree(
    clients: tuple[TestClient, TestClient],  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
    q: str,
    params: dict[str, str],
) -> None:
    """PostgreSQL reads a full-text page either from the materialised matches (at most
    TOTAL_CAP of them) or by walking the date order (more): both give SQLite's pages."""
    import api.db.reads

    sqlite, pg = clients
    few = _ids_paged(pg, q, params)
    assert few, "the query should match something"
    monkeypatch.setattr(api.db.reads, "TOTAL_CAP", 2)  # every query now has "many" matches
    many = _ids_paged(pg, q, params)
    assert few == many == _ids_paged(sqlite, q, params)


@pytest.mark.postgres
def test_postgresql_answers_no_match_without_reading_a_page(
    clients: tuple[TestClient, TestClient],  # type: ignore[type-arg]
) -> None:
    _, pg = clients
    body = pg.get("/v1/events", params={"q": "zeppelin"}).json()
    assert body["data"] == [] and body["meta"]["total"] == 0
