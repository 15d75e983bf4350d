"""Plain-words helpers of the explorer: dates, estimates, places, numbers."""

from __future__ import annotations

import pytest

from api.web._words import date_phrase, day_phrase, magnitude_phrase, number, place_phrase


@pytest.mark.parametrize(
    ("start", "end", "precision", "basis", "expected"),
    [
        ("2022-09-16", "2022-09-16", "day", "stated", "16 September 2022"),
        ("2022-09-01", "2022-10-31", "month", "inferred", "September–October 2022, inferred"),
        ("2022-09-01", "2022-09-30", "month", "stated", "September 2022"),
        ("2022-11-01", "2023-01-31", "month", "stated", "November 2022–January 2023"),
        ("2022-07-01", "2022-09-30", "quarter", "stated", "July–September 2022"),
        ("2019-01-01", "2019-12-31", "year", "stated", "2019"),
        ("1980-01-01", "1988-12-31", "year", "inferred", "1980–1988, inferred"),
        (
            "2022-09-16",
            "2023-01-03",
            "range",
            "inferred",
            "16 September 2022 – 3 January 2023, inferred",
        ),
        ("2026-01-01", "2026-01-18", "range", "stated", "1–18 January 2026"),
        ("2026-01-18", "2026-02-03", "range", "stated", "18 January – 3 February 2026"),
        ("2022-09-12", "2022-09-18", "week", "stated", "the week of 12 September 2022"),
    ],
)
def test_date_phrase(start: str, end: str, precision: str, basis: str, expected: str) -> None:
    assert date_phrase(start, end, precision, basis) == expected


def test_date_phrase_without_end_is_the_start() -> None:
    assert date_phrase("2022-09-16", None, "day") == "16 September 2022"


def test_day_phrase() -> None:
    assert day_phrase("1979-02-11") == "11 February 1979"
    assert day_phrase(None) == ""


@pytest.mark.parametrize(
    ("estimate", "expected"),
    [
        ({"low": 5000, "best": None, "high": None, "qualifier": "at_least"}, "at least 5,000"),
        ({"low": 5434, "best": 5434, "high": 5434, "qualifier": "exact"}, "5,434"),
        ({"low": 200, "best": 300, "high": 400, "qualifier": "approx"}, "about 300 (200–400)"),
        ({"low": None, "best": None, "high": 10, "qualifier": "at_most"}, "at most 10"),
        ({"low": None, "best": 1500, "high": None, "qualifier": "approx"}, "about 1,500"),
        (
            {"low": 100, "best": 150, "high": None, "qualifier": "approx"},
            "about 150 (at least 100)",
        ),
        ({"low": None, "best": None, "high": None, "qualifier": "unknown"}, "not known"),
        (None, "not known"),
    ],
)
def test_magnitude_phrase(estimate: dict[str, object] | None, expected: str) -> None:
    assert magnitude_phrase(estimate) == expected


def test_place_phrase_most_specific_first() -> None:
    location = {"country": "IR", "admin1": "IR-23", "place_name": "Tehran"}
    assert place_phrase(location, {"IR": "Iran"}, {"IR-23": "Tehran"}) == (
        "Tehran, Tehran (IR-23), Iran"
    )
    assert place_phrase({"country": "IR"}, {"IR": "Iran"}, {}) == "Iran"
    assert place_phrase({}, {}, {}) == "not known"


def test_number() -> None:
    assert number(5434) == "5,434"
    assert number(None) == "unknown"
    assert number(2.0) == "2"


def test_organisation_tree_is_depth_first_with_depths() -> None:
    from api.web._labels import Labels

    labels = Labels.from_vocab(
        {
            "organisations": [
                {"id": "irgc", "name": "IRGC", "parent": None},
                {"id": "artesh", "name": "Army", "parent": None},
                {"id": "basij", "name": "Basij", "parent": "irgc"},
            ]
        }
    )
    assert [(d, o["id"]) for d, o in labels.organisation_tree] == [
        (0, "irgc"),
        (1, "basij"),
        (0, "artesh"),
    ]
