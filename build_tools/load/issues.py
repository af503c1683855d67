"""The one shape of a problem reported to editors: file, line, field, what is wrong, the fix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, order=True)
class Issue:
    """A problem in a content file.

    Printed as `path:line: field: message — fix`, which editors and VS Code's terminal
    both turn into a link to the line.
    """

    path: str
    line: int
    field: str
    message: str
    fix: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        prefix = " warning:" if self.severity == "warning" else ""
        return f"{where}:{prefix}{field} {self.message} — {self.fix}"


class ContentError(Exception):
    """Raised when content has errors; carries all of them."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(f"{len(issues)} problem(s) in the content")
        self.issues = issues
