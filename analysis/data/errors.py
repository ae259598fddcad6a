"""The one exception every invalid data file raises."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Failure:
    """One broken rule: where (column, file lines) and what was expected."""

    rule: str
    column: str | None = None
    lines: tuple[int, ...] = ()
    detail: str = ""

    def describe(self) -> str:
        where = []
        if self.column is not None:
            where.append(f"column '{self.column}'")
        if self.lines:
            shown = ", ".join(map(str, self.lines[:10]))
            more = f" (+{len(self.lines) - 10} more)" if len(self.lines) > 10 else ""
            where.append(f"line{'s' if len(self.lines) > 1 else ''} {shown}{more}")
        head = ", ".join(where) if where else "file"
        return f"{head}: {self.rule}" + (f" — {self.detail}" if self.detail else "")


class DataValidationError(ValueError):
    """A data or metadata file broke one or more rules.

    The message names the file and lists every failure with its column and file line
    numbers (line 1 is the CSV header, so the first data row is line 2).
    """

    def __init__(self, path: Path | str, failures: list[Failure]):
        self.path = Path(path)
        self.failures = list(failures)
        lines = [f"{self.path}: {len(self.failures)} problem(s)"]
        lines += [f"  - {f.describe()}" for f in self.failures]
        super().__init__("\n".join(lines))
