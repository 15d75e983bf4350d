"""SQLModel table definitions.

Every release ever ingested stays queryable. Events and sources are stored as *versions* with a
validity range over release ordinals (slowly changing dimension, type 2): a version is visible
in release ``r`` when ``valid_from <= r < valid_to``; the open version has ``valid_to = OPEN``.
Storage therefore grows with changes, not with releases x events.

Each version keeps the columns the filters need, indexed, its record pre-encoded as compact JSON
(in ``event_payload``, keyed by the version) and its CSV line (in ``event_csv``, keyed by the
version's ``fts_key`` and written in that order, so that an export in date order reads the
table front to back), served as-is. An event version's
payload also holds the JSON array of the sources its reports cite, as they read in its
releases, so that ``/v1/events/{id}`` is one indexed read of bytes:
when a cited source changes in a release and the event does not, the event gets a new version
all the same (same ``content_sha256``, new ``sources``).

The list indexes start with equality columns (a filter column, then ``status``) followed by the
sort key ``(date_start, event_id)``, so a page is an index walk in order and a keyset cursor is a
seek; the validity range comes after the sort key because ``valid_from <= r`` is a range and would
otherwise force a sort of every visible row. Bump ``LAYOUT_VERSION`` whenever the layout changes:
an older database is rebuilt (see ``api.db.engine.init_schema``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Column, Index, Integer, LargeBinary, Text
from sqlmodel import Field, SQLModel

__all__ = [
    "FTS_KEY_BITS",
    "LAYOUT_VERSION",
    "OPEN",
    "CurrentRelease",
    "EventActor",
    "EventCsv",
    "EventPayload",
    "EventSource",
    "EventVersion",
    "Release",
    "ReleaseFile",
    "SchemaLayout",
    "SourceVersion",
    "fts_key",
]

LAYOUT_VERSION = 8
"""Version of the table and index layout; a database with another one is rebuilt."""

OPEN = 2_147_483_647
"""``valid_to`` of a version still valid in the latest release."""


class Release(SQLModel, table=True):
    """One ingested release; ``ordinal`` orders releases by ingest (and by version)."""

    __tablename__ = "release"

    ordinal: int = Field(primary_key=True)
    version: str = Field(unique=True, index=True, max_length=64)
    schema_version: str = Field(max_length=32)
    date: dt.date | None = None
    previous: str | None = Field(default=None, max_length=64)
    sums_sha256: str = Field(max_length=64)
    source_dir: str = Field(sa_column=Column(Text, nullable=False))
    manifest_json: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    vocab_json: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    record_schema_json: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    coverage_json: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    changes_json: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    csv_header: str = Field(sa_column=Column(Text, nullable=False))
    max_span_days: int = 0
    """Longest ``date_end - date_start`` (days) of any event version visible in this release.

    Lets an overlap filter bound ``date_start`` from below (``>= date_from - max_span_days``)
    without ever excluding an overlapping event.
    """


class SchemaLayout(SQLModel, table=True):
    """Single-row record of the layout version the database was created with."""

    __tablename__ = "schema_layout"

    id: int = Field(default=1, primary_key=True)
    version: int


class CurrentRelease(SQLModel, table=True):
    """Single-row pointer to the release served by default; switched inside the ingest."""

    __tablename__ = "current_release"

    id: int = Field(default=1, primary_key=True)
    ordinal: int = Field(foreign_key="release.ordinal")


class ReleaseFile(SQLModel, table=True):
    """A file of a release folder with its size and checksum (from ``SHA256SUMS``)."""

    __tablename__ = "release_file"

    ordinal: int = Field(primary_key=True, foreign_key="release.ordinal")
    name: str = Field(primary_key=True, max_length=128)
    bytes: int
    sha256: str = Field(max_length=64)


FTS_KEY_BITS = (20, 21)
"""Bits of an event id's number and of a release ordinal in ``fts_key`` (the date has 22)."""


def fts_key(date_start: dt.date, event_id: str, valid_from: int) -> int:
    """The full-text row key of an event version: ``(date_start, event_id, valid_from)`` packed
    into one signed 64-bit integer that sorts as the tuple does.

    Full-text matches come out of FTS5 in this key's order, which is the lists' order
    (``date_start``, then id; ids are ``FL-`` and six digits), so a page of matches is read
    from its first match to its last, however many match in all.
    """
    id_bits, version_bits = FTS_KEY_BITS
    return (
        (date_start.toordinal() << (id_bits + version_bits))
        | (int(event_id[3:]) << version_bits)
        | valid_from
    )


_ORDER_TAIL = ("date_start", "event_id", "valid_from", "valid_to", "date_end")
"""Sort key, then the validity range and ``date_end`` (checked in the index, no row read)."""
_FACETS = ("event_type", "campaign", "admin1", "actor_orgs")
"""What facet counts group by: carried by the order and type indexes, so that counting the
facets of a type + date window, or of the whole release, reads no table row."""


class EventVersion(SQLModel, table=True):
    """One version of an event, valid for releases ``valid_from <= r < valid_to``."""

    __tablename__ = "event_version"
    __table_args__ = (
        Index("ix_event_version_id_range", "event_id", "valid_from", "valid_to"),
        Index("ix_event_version_order", "status", *_ORDER_TAIL, *_FACETS),
        # Stats by type read only this index: it carries the summed columns and facets too.
        Index(
            "ix_event_version_type",
            "event_type",
            "status",
            *_ORDER_TAIL,
            "participants_best",
            "cases_best",
            "killed_best",
            "arrested_best",
            "campaign",
            "admin1",
            "actor_orgs",
        ),
        Index("ix_event_version_country", "country", "status", *_ORDER_TAIL),
        Index("ix_event_version_admin1", "admin1", "status", *_ORDER_TAIL),
        Index("ix_event_version_campaign", "campaign", "status", *_ORDER_TAIL),
        # Full-text matches are joined here; it carries what every match is checked against
        # (status, release, dates), so counting matches reads no table row.
        Index(
            "ix_event_version_fts_key",
            "fts_key",
            "status",
            "valid_from",
            "valid_to",
            "date_start",
            "date_end",
            "event_type",
            unique=True,
        ),
    )

    pk: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(max_length=16)
    valid_from: int
    valid_to: int = OPEN
    content_sha256: str = Field(max_length=64)
    status: str = Field(max_length=16)
    merged_into: str | None = Field(default=None, max_length=16)
    status_reason: str | None = Field(default=None, sa_column=Column(Text))
    event_type: str = Field(max_length=64)
    country: str = Field(max_length=2)
    admin1: str | None = Field(default=None, max_length=8)
    campaign: str | None = Field(default=None, max_length=64)
    date_start: dt.date
    date_end: dt.date
    verification: str = Field(max_length=32)
    confidence_rank: int
    title: str = Field(sa_column=Column(Text, nullable=False))
    summary: str = Field(sa_column=Column(Text, nullable=False))
    latitude: float | None = None
    longitude: float | None = None
    participants_best: int | None = None
    cases_best: int | None = None
    killed_best: int | None = None
    arrested_best: int | None = None
    actor_orgs: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    """The organisations among the actors, distinct, sorted, space-separated (as ``event_actor``
    holds them, one row each): facet counts read them from an index, with no join."""
    fts_key: int = Field(
        sa_column=Column(BigInteger().with_variant(Integer, "sqlite"), nullable=False)
    )
    """``fts_key(date_start, event_id, valid_from)``: this version's row in the full-text index."""
    answer_sha256: str = Field(max_length=64)
    """SHA-256 of the version's answers (``body``, ``csv_row``, ``sources``): a release whose
    answer for the event is byte-identical keeps the version open."""


class EventPayload(SQLModel, table=True):
    """What an event version's answers are made of, pre-encoded; one row per version, keyed
    by the version's ``pk`` (SQLite's rowid: reached from the version row in one seek).

    Kept apart from ``event_version`` so that the row every filter, index build, full-text
    rebuild and count reads is a few hundred bytes, not the few kilobytes of these columns.
    """

    __tablename__ = "event_payload"

    pk: int = Field(primary_key=True, foreign_key="event_version.pk")
    body: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    """The event record as compact JSON."""
    sources: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    """The cited source records, as valid in this version's releases: a JSON array in id
    order, the ``sources`` of ``/v1/events/{id}``."""


class EventCsv(SQLModel, table=True):
    """An event version's ``events.csv`` line, keyed by the version's ``fts_key``: the list order
    (date, then id). Each ingest writes its new lines in key order, so the pages of a table
    loaded in one go follow the date order and a CSV export reads them sequentially, where
    lines stored by version sat in ingest (id) order and every exported row was a random read
    (and, stored after the JSON record in one row, a walk of its overflow pages)."""

    __tablename__ = "event_csv"

    fts_key: int = Field(
        sa_column=Column(
            BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False
        )
    )
    csv_row: str = Field(sa_column=Column(Text, nullable=False))
    """The record's ``events.csv`` line (CRLF-terminated)."""


class EventActor(SQLModel, table=True):
    """Organisations named among an event version's actors (one row per organisation)."""

    __tablename__ = "event_actor"

    version_pk: int = Field(primary_key=True, foreign_key="event_version.pk")
    organisation: str = Field(primary_key=True, max_length=64, index=True)


class EventSource(SQLModel, table=True):
    """Sources cited by an event version's reports (one row per source)."""

    __tablename__ = "event_source"

    version_pk: int = Field(primary_key=True, foreign_key="event_version.pk")
    source_id: str = Field(primary_key=True, max_length=16, index=True)


class SourceVersion(SQLModel, table=True):
    """One version of a source record, valid for releases ``valid_from <= r < valid_to``."""

    __tablename__ = "source_version"
    __table_args__ = (Index("ix_source_version_id_range", "source_id", "valid_from", "valid_to"),)

    pk: int | None = Field(default=None, primary_key=True)
    source_id: str = Field(max_length=16)
    valid_from: int
    valid_to: int = OPEN
    content_sha256: str = Field(max_length=64)
    outlet_type: str = Field(max_length=32)
    language: str = Field(max_length=2)
    body: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
