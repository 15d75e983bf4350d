"""API structs of the events, stats and sources endpoints."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from api.records import Event, Source
from api.schemas.common import Links, Meta_, ReleaseRef

__all__ = [
    "EventDetail",
    "EventFeature",
    "EventFeatureCollection",
    "EventPage",
    "Facet",
    "FacetValue",
    "FacetsPage",
    "PointGeometry",
    "SourceDetail",
    "SourcePage",
    "StatsPage",
    "StatsRow",
]


class EventPage(msgspec.Struct, kw_only=True):
    """A page of events (JSON format)."""

    data: Annotated[list[Event], Meta(description="Events of this page.")]
    meta: Meta_
    links: Links


class EventDetail(msgspec.Struct, kw_only=True):
    """One event with the sources its reports cite."""

    data: Event
    sources: Annotated[list[Source], Meta(description="Sources cited by the reports.")]
    meta: ReleaseRef


class PointGeometry(msgspec.Struct, kw_only=True):
    """GeoJSON point, [longitude, latitude]."""

    type: Literal["Point"]
    coordinates: Annotated[list[float], Meta(min_length=2, max_length=2)]


class EventFeature(msgspec.Struct, kw_only=True):
    """An event as a GeoJSON feature; properties hold the full record.

    ``geometry`` is null when the event has no coordinates (RFC 7946, 3.2); how precisely its
    place is known is ``properties.location.geo_precision``.
    """

    type: Literal["Feature"]
    id: str
    geometry: PointGeometry | None
    properties: Event


class EventFeatureCollection(msgspec.Struct, kw_only=True):
    """Every matching event as a GeoJSON FeatureCollection."""

    type: Literal["FeatureCollection"]
    features: list[EventFeature]


class StatsRow(msgspec.Struct, kw_only=True):
    """One group: its keys, the number of events, and per magnitude the sum of the best
    estimates over the events that have one, with the number of those events beside it."""

    group: Annotated[
        dict[str, str | None],
        Meta(description="Group key values by dimension.", examples=[{"year": "2022"}]),
    ]
    count: Annotated[int, Meta(ge=0, description="Number of events (0 for an empty time bucket).")]
    participants_best: Annotated[
        int | None, Meta(description="Sum of best participant estimates; null when none has one.")
    ]
    participants_known: Annotated[
        int, Meta(ge=0, description="Events with a best participant estimate.")
    ]
    cases_best: Annotated[
        int | None, Meta(description="Sum of best case estimates; null when none has one.")
    ]
    cases_known: Annotated[int, Meta(ge=0, description="Events with a best case estimate.")]
    killed_best: Annotated[
        int | None, Meta(description="Sum of best killed estimates; null when none has one.")
    ]
    killed_known: Annotated[int, Meta(ge=0, description="Events with a best killed estimate.")]
    arrested_best: Annotated[
        int | None, Meta(description="Sum of best arrested estimates; null when none has one.")
    ]
    arrested_known: Annotated[int, Meta(ge=0, description="Events with a best arrested estimate.")]


class StatsPage(msgspec.Struct, kw_only=True):
    """Grouped counts of the events matching the filters."""

    data: list[StatsRow]
    meta: ReleaseRef
    group_by: Annotated[list[str], Meta(description="Dimensions grouped by.")]


class SourcePage(msgspec.Struct, kw_only=True):
    """A page of sources."""

    data: list[Source]
    meta: Meta_
    links: Links


class SourceDetail(msgspec.Struct, kw_only=True):
    """A source and the ids of the active events citing it."""

    data: Source
    events: Annotated[list[str], Meta(description="Ids of events whose reports cite it.")]
    meta: ReleaseRef


class FacetValue(msgspec.Struct, kw_only=True):
    """One value of a facet and the number of matching events that have it."""

    value: Annotated[
        str | None,
        Meta(description="The value (null: events without one, e.g. no campaign or province)."),
    ]
    count: Annotated[int, Meta(ge=0, description="Number of matching events with this value.")]


class Facet(msgspec.Struct, kw_only=True):
    """The counts of one dimension over the whole filtered set."""

    facet: Annotated[str, Meta(description="The dimension counted.", examples=["event_type"])]
    values: Annotated[
        list[FacetValue],
        Meta(
            description="Values with their counts: by count, largest first (ties by value), "
            "or in time order for year and month (empty buckets included, count 0)."
        ),
    ]


class FacetsPage(msgspec.Struct, kw_only=True):
    """Facet counts of the events matching the filters, one entry per requested facet."""

    data: list[Facet]
    meta: ReleaseRef
