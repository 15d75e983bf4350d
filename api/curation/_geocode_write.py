"""Write geocoder results back into event YAML files, touching only the ``location`` block.

The event files are hand-written (flow or block style, comments, folded text), so they are not
re-dumped: the ``location:`` entry is replaced in place by a block holding the new values, and
the file is read back to check that nothing but the location changed.
"""

from __future__ import annotations

import re
from pathlib import Path

import msgspec
import yaml

from api.curation._geocode import Placement
from api.records import Event, GeoPrecision, Place

__all__ = ["located", "write_location"]

# `location: {...}` on one line, or `location:` followed by its indented lines.
_LOCATION = re.compile(r"^location:(?: *\{[^\n]*\}\n|\n(?:[ ]+[^\n]*\n)+)", re.MULTILINE)


def located(event: Event, placement: Placement) -> Place:
    """The event's location with the placement applied (coordinates, admin1, precision)."""
    assert placement.place is not None
    loc = event.location
    return msgspec.structs.replace(
        loc,
        latitude=round(placement.place.latitude, 4),
        longitude=round(placement.place.longitude, 4),
        admin1=loc.admin1 or placement.admin1,
        # the point is the town's centre, so that is what the precision says
        geo_precision=GeoPrecision.CITY,
    )


def _block(place: Place) -> str:
    lines = ["location:", f"  country: {_scalar(place.country)}"]
    if place.admin1:
        lines.append(f"  admin1: {place.admin1}")
    if place.place_name:
        lines.append(f"  place_name: {_scalar(place.place_name)}")
    if place.latitude is not None and place.longitude is not None:
        lines.append(f"  latitude: {place.latitude}")
        lines.append(f"  longitude: {place.longitude}")
    lines.append(f"  geo_precision: {place.geo_precision.value}")
    return "\n".join(lines) + "\n"


def _scalar(text: str) -> str:
    dumped: str = yaml.safe_dump(text, default_flow_style=True, width=10_000, allow_unicode=True)
    return dumped.removesuffix("\n...\n").removesuffix("\n")


def write_location(path: Path, event: Event, place: Place) -> None:
    """Replace the location of the event stored at ``path``; refuse if anything else would move."""
    text = path.read_text(encoding="utf-8")
    matches = list(_LOCATION.finditer(text))
    if len(matches) != 1:
        raise ValueError(f"{path}: expected one top-level location entry, found {len(matches)}")
    new_text = text[: matches[0].start()] + _block(place) + text[matches[0].end() :]
    after = msgspec.convert(yaml.safe_load(new_text), Event)
    if msgspec.structs.replace(after, location=event.location) != event or after.location != place:
        raise ValueError(f"{path}: rewriting the location would change more than the location")
    path.write_text(new_text, encoding="utf-8")
