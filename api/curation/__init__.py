"""Curation toolchain: load the source-of-truth records, validate them, build releases.

Run it as ``python -m api.curation {validate,release,schema,codebook}``.
"""

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
