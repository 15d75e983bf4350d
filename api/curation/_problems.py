"""What the loader and the validator report: one problem per broken rule, with where and why."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Problem", "Severity"]


class Severity(StrEnum):
    """Errors block a release; warnings are printed and only fail ``validate --strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """A broken rule: the file (relative to the dataset root), the JSON path, the rule id, why."""

    file: str
    field: str
    rule: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{prefix}{self.file}: {self.field}: [{self.rule}] {self.message}"
