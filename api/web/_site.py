"""What every page needs: the release it shows, the releases that exist, their vocabularies.

A page answers for one release: the one named by ``release=`` or the latest. The releases
list is asked of the API at most once a second (a new release shows within a second); a release's
vocabularies are immutable, so they are fetched once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar import Request

from api.web._internal import ApiAnswer, InternalApi, internal_api
from api.web._labels import Labels

__all__ = ["PageError", "Site", "change_entries", "site_for"]


class PageError(Exception):
    """A page cannot be shown: rendered as an HTML error page with ``status``."""

    def __init__(self, status: int, title: str, detail: str, answer: ApiAnswer | None = None):
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.problem = answer.body if answer is not None and isinstance(answer.body, dict) else None


@dataclass(frozen=True)
class Site:
    """The release a page shows and what the templates need to say things about it."""

    api: InternalApi
    version: str
    """The release shown (the requested one, or the latest)."""
    requested: str | None
    """``release=`` as given (kept in every link), or None for "the latest"."""
    latest: str
    releases: list[dict[str, Any]]
    labels: Labels

    @property
    def release_params(self) -> list[tuple[str, str]]:
        """``[("release", v)]`` when a release was asked for, else nothing."""
        return [("release", self.requested)] if self.requested else []

    async def immutable(self, *paths: str) -> list[ApiAnswer]:
        """Answers that are fixed for the shown release (vocabularies, manifests, coverage).

        Asked with the release named, so they can be kept for good; a release's own
        ``/v1/releases/{v}`` and the files of a release take no ``release`` parameter.
        """
        params = [("release", self.version)]
        return [
            await self.api.get_immutable(p, [] if p.startswith("/v1/releases/") else params)
            for p in paths
        ]

    def context(self, **extra: Any) -> dict[str, Any]:
        """Template context: the site plus the page's own values."""
        return {"site": self, "labels": self.labels, **extra}


async def site_for(request: Request[Any, Any, Any]) -> Site:
    """The ``Site`` of a page request; ``PageError`` for an unknown release."""
    api = internal_api(request.app)
    requested = request.query_params.get("release") or None
    answer = await api.get_recent("/v1/releases")
    if not answer.ok:
        raise PageError(answer.status, "Service unavailable", _detail(answer), answer)
    releases: list[dict[str, Any]] = answer.body["data"]
    if not releases:
        raise PageError(503, "No release loaded", "No release has been loaded yet.")
    latest = next((r["version"] for r in releases if r.get("latest")), releases[0]["version"])
    version = requested or latest
    if version not in {r["version"] for r in releases}:
        known = ", ".join(r["version"] for r in releases)
        raise PageError(
            404, "No such release", f"There is no release {version}; there are {known}."
        )
    vocab = await api.get_immutable(f"/v1/releases/{version}/files/vocab.json")
    if not vocab.ok:
        raise PageError(vocab.status, "Vocabularies unavailable", _detail(vocab), vocab)
    labels = api.derived(f"labels|{version}", lambda: Labels.from_vocab(vocab.body))
    return Site(api, version, requested, latest, releases, labels)


def _detail(answer: ApiAnswer) -> str:
    if isinstance(answer.body, dict):
        return str(answer.body.get("detail") or answer.body.get("title") or answer.status)
    return f"the API answered {answer.status}"


def change_entries(changes: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """Entries of one kind of a change list as dicts (plain ids become ``{"id": ...}``), with
    the recorded reason of a changed event when the change list has one."""
    reasons = changes.get("reasons") or {}
    out = []
    for entry in changes.get(kind) or []:
        item = dict(entry) if isinstance(entry, dict) else {"id": entry}
        if "reason" not in item and item["id"] in reasons:
            item["reason"] = reasons[item["id"]]
        out.append(item)
    return out
