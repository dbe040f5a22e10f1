"""The one error type lgsite raises for anything a council or content designer got wrong.

Every mistake in input must reach the person as a single line that names the
file (and line where known), says what is wrong and what to do about it. Code
raises `LgsiteError`; the MkDocs adapter and the command line turn it into that
line, never a traceback.
"""

from __future__ import annotations

from pathlib import Path


class LgsiteError(Exception):
    """A problem in the input, located in a file and line where known."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        text = f"{where}{self.message}"
        if self.hint:
            text = f"{text.rstrip('.')}. {self.hint}"
        return " ".join(text.split())
