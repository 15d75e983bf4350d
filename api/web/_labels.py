"""Labels and definitions of a release's vocabularies, for pages to say things in words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

__all__ = ["Labels"]


@dataclass(frozen=True)
class Labels:
    """Lookups over one release's ``vocab.json`` (immutable per release)."""

    event_types: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    organisations: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    campaigns: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    countries: Mapping[str, str] = field(default_factory=dict)
    admin1: Mapping[str, str] = field(default_factory=dict)
    outlet_types: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    terms: Mapping[str, Mapping[str, Mapping[str, Any]]] = field(default_factory=dict)

    @classmethod
    def from_vocab(cls, vocab: Mapping[str, Any]) -> Labels:
        """Index the vocabularies of a release by id."""
        countries = vocab.get("countries", [])
        return cls(
            event_types={e["id"]: e for e in vocab.get("event_types", [])},
            organisations={o["id"]: o for o in vocab.get("organisations", [])},
            campaigns={c["id"]: c for c in vocab.get("campaigns", [])},
            countries={c["code"]: c["name"] for c in countries},
            admin1={a["code"]: a["name"] for c in countries for a in c.get("admin1", [])},
            outlet_types={o["id"]: o for o in vocab.get("outlet_types", [])},
            terms={
                kind: {t["id"]: t for t in entries}
                for kind, entries in vocab.get("terms", {}).items()
            },
        )

    def _entries(self, kind: str) -> Mapping[str, Mapping[str, Any]]:
        """The vocabulary or term list named by ``kind`` (a filter or field name)."""
        vocabularies: dict[str, Mapping[str, Mapping[str, Any]]] = {
            "event_type": self.event_types,
            "actor": self.organisations,
            "organisation": self.organisations,
            "campaign": self.campaigns,
            "outlet_type": self.outlet_types,
        }
        return vocabularies.get(kind) or self.terms.get(kind, {})

    def label(self, kind: str, value: str | None) -> str:
        """The label of ``value`` in a vocabulary or term list (the id when unknown)."""
        if value is None:
            return ""
        if kind == "country":
            return self.countries.get(value, value)
        if kind == "admin1":
            name = self.admin1.get(value)
            return f"{name} ({value})" if name else value
        entry = self._entries(kind).get(value)
        if entry is None:
            return value
        return str(entry.get("label") or entry.get("name") or value)

    def event_type_labels(self) -> dict[str, str]:
        """Event type id -> label, in codebook order (the timeline's legend)."""
        return {k: str(v["label"]) for k, v in self.event_types.items()}

    @cached_property
    def organisation_tree(self) -> list[tuple[int, dict[str, Any]]]:
        """Organisations depth-first from the roots, each with its depth (for an indented list);
        worked out once per release (the labels are kept per release)."""
        children: dict[str | None, list[Mapping[str, Any]]] = {}
        for org in self.organisations.values():
            parent = org.get("parent")
            children.setdefault(parent if parent in self.organisations else None, []).append(org)
        out: list[tuple[int, dict[str, Any]]] = []

        def walk(parent: str | None, depth: int) -> None:
            for org in children.get(parent, []):
                out.append((depth, dict(org)))
                walk(org["id"], depth + 1)

        walk(None, 0)
        return out

    def definition(self, kind: str, value: str | None) -> str:
        """The definition of a term, an event type or an outlet type ("" when there is none)."""
        entry = self._entries(kind).get(value) if value is not None else None
        return str(entry.get("definition", "")) if entry else ""
