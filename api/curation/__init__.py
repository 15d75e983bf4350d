"""Curation toolchain: load the source-of-truth records, validate them, build releases.

Run it as ``python -m api.curation {validate,release,schema,codebook}``.

The public names are imported on first use (PEP 562): the service imports one small module
of this package (``_hashing``) and must not pay for the release builder's pyarrow and numpy
(about 100 MiB resident per worker).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from api.curation._load import Dataset, iter_records, load_dataset, load_vocabularies
    from api.curation._problems import Problem, Severity
    from api.curation._release import ReleaseError, build_release
    from api.curation._validate import ValidationResult, validate

__all__ = [
    "Dataset",
    "Problem",
    "ReleaseError",
    "Severity",
    "ValidationResult",
    "build_release",
    "iter_records",
    "load_dataset",
    "load_vocabularies",
    "validate",
]

_MODULE_OF = {
    "Dataset": "_load",
    "iter_records": "_load",
    "load_dataset": "_load",
    "load_vocabularies": "_load",
    "Problem": "_problems",
    "Severity": "_problems",
    "ReleaseError": "_release",
    "build_release": "_release",
    "ValidationResult": "_validate",
    "validate": "_validate",
}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
