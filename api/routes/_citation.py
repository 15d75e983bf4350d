"""The suggested citation of a release, built from its manifest (``/v1/releases/{version}``)."""

from __future__ import annotations

from api.schemas.releases import Citation, ReleaseManifest

__all__ = ["AUTHOR", "TITLE", "citation"]

TITLE = "Fault Lines: security-force defection and insider dissent events"
"""The dataset's title, as ``datapackage.json`` gives it."""
AUTHOR = "Fault Lines project"
"""Who to credit: the project as an organisation (the records name their coders nowhere)."""
_LICENSE = "CC BY 4.0"


def citation(manifest: ReleaseManifest, url: str) -> Citation:
    """Plain-text (APA-like) and BibTeX citations of one release, ``url`` its landing page."""
    year = str(manifest.date.year) if manifest.date else "n.d."
    released = f", released {manifest.date.isoformat()}" if manifest.date else ""
    text = f"{AUTHOR} ({year}). {TITLE} (Version {manifest.version}) [Data set]. {_LICENSE}. {url}"
    key = "faultlines_" + manifest.version.replace(".", "_")
    bibtex = (
        f"@misc{{{key},\n"
        f"  author = {{{{{AUTHOR}}}}},\n"
        f"  title = {{{{{TITLE}}}}},\n"
        f"  year = {{{year}}},\n"
        f"  version = {{{manifest.version}}},\n"
        f"  howpublished = {{\\url{{{url}}}}},\n"
        f"  note = {{Data set{released}; {_LICENSE}}}\n"
        "}"
    )
    return Citation(text=text, bibtex=bibtex)
