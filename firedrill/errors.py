"""One error type for bad input from any source: a form field, a CLI flag, a YAML file, a script.

Every message names where the problem is (file and line when there is one) and which field,
so that the CLI can print one line and exit 2, and the console can mark the field.
"""

from __future__ import annotations

from pathlib import Path


class InputError(ValueError):
    """Bad input, explained in one line."""

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        file: str | Path | None = None,
        line: int | None = None,
    ) -> None:
        self.message = message
        self.field = field
        self.file = str(file) if file is not None else None
        self.line = line
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file + (f":{self.line}" if self.line is not None else "")
        parts = [p for p in (where, f"field '{self.field}'" if self.field else "") if p]
        prefix = ": ".join(parts)
        return f"{prefix}: {self.message}" if prefix else self.message
