"""The explorer's URL state: toggling facets, the same query as API URLs and SDK call."""

from __future__ import annotations

from urllib.parse import parse_qsl

from api.web._query import api_links, clean, filters_only, sdk_call, toggle


def test_clean_drops_empty_form_fields() -> None:
    assert clean([("q", " "), ("event_type", "leak"), ("date_from", "")]) == [
        ("event_type", "leak")
    ]


def test_toggle_adds_then_removes_a_repeatable_value_and_restarts_paging() -> None:
    params = [("event_type", "leak"), ("cursor", "abc")]
    added = parse_qsl(toggle(params, "event_type", "desertion"))
    assert added == [("event_type", "leak"), ("event_type", "desertion")]
    assert parse_qsl(toggle(added, "event_type", "leak")) == [("event_type", "desertion")]


def test_toggle_replaces_a_single_valued_parameter() -> None:
    params = [("min_confidence", "low")]
    assert parse_qsl(toggle(params, "min_confidence", "high")) == [("min_confidence", "high")]


def test_api_links_carry_the_filters_and_drop_paging_for_downloads() -> None:
    params = [("event_type", "leak"), ("limit", "20"), ("cursor", "x"), ("release", "1.0.0")]
    links = api_links(params)
    assert links["json"] == "/v1/events?event_type=leak&limit=20&release=1.0.0"
    assert links["csv"] == "/v1/events?event_type=leak&release=1.0.0&format=csv"
    assert links["geojson"].endswith("&format=geojson")
    assert links["stats"] == (
        "/v1/stats/events?group_by=year&group_by=event_type&event_type=leak&release=1.0.0"
    )


def test_filters_only_keeps_filters_and_release() -> None:
    params = [("q", "resign"), ("sort", "-date"), ("limit", "5"), ("release", "1.1.0")]
    assert filters_only(params) == [("q", "resign"), ("release", "1.1.0")]


def test_sdk_call_is_valid_python_with_the_same_filters() -> None:
    code = sdk_call([("event_type", "leak"), ("event_type", "desertion"), ("q", "resign")])
    compile(code, "<sdk>", "exec")
    assert "event_type=['leak', 'desertion']" in code
    assert "q='resign'" in code
