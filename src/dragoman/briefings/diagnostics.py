"""Problems found in briefings: each names a file, line, column, a stable code and what to do.

Uses nothing of dragoman.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]

__all__ = ["Diagnostic", "Severity"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    def format(self) -> str:
        """``path:line:col: severity: code: message``, the form compilers and editors read."""
        return (
            f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.code}: {self.message}"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Diagnostic:
        severity: Severity = "error" if data["severity"] == "error" else "warning"
        return cls(
            str(data["path"]),
            int(data["line"]),
            int(data["column"]),
            severity,
            str(data["code"]),
            str(data["message"]),
        )

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)
