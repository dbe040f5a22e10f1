"""Every problem a build finds, collected so a council sees them all in one run.

A council migrating its content may have a hundred small mistakes. Stopping at
the first one means a hundred builds; so the engine records each problem and
carries on, and the build prints them all at the end, grouped by file, then one
summary line. An error is something that would make the site wrong for
residents and fails the build; a warning is something a content designer should
improve, and fails only under `--strict`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum

from .errors import LgsiteError


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong, where it is, and what to do about it."""

    severity: Severity
    message: str
    file: str | None = None
    line: int | None = None
    hint: str | None = None

    def __str__(self) -> str:
        return str(LgsiteError(self.message, file=self.file, line=self.line, hint=self.hint))

    @property
    def sort_key(self) -> tuple[str, int, str]:
        # Problems with no file (about the whole build) come last.
        return (self.file or "\uffff", self.line or 0, self.message)


@dataclass
class Problems:
    """The problems of one build, in the order found; `sorted()` gives the order to print."""

    items: list[Problem] = field(default_factory=list)

    def error(self, error: LgsiteError) -> None:
        self.items.append(Problem(Severity.ERROR, error.message, error.file, error.line, error.hint))

    def warning(self, message: str, *, file: str | None = None, line: int | None = None,
                hint: str | None = None) -> None:
        self.items.append(Problem(Severity.WARNING, message, file, line, hint))

    def warning_of(self, problem: LgsiteError) -> None:
        """A located problem that the build can publish around, kept as a warning."""
        self.warning(problem.message, file=problem.file, line=problem.line, hint=problem.hint)

    @contextmanager
    def collecting(self) -> Iterator[None]:
        """Record an LgsiteError raised inside as an error, and carry on after the block."""
        try:
            yield
        except LgsiteError as error:
            self.error(error)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]

    def sorted(self) -> list[Problem]:
        """Grouped by file, then by line: a stable order a council can work down."""
        unique = dict.fromkeys(self.items)  # the same problem found twice is printed once
        return sorted(unique, key=lambda p: p.sort_key)

    def lines(self) -> list[str]:
        """Every problem as the build prints it, `error: file:line: message`, grouped by file."""
        return [f"{problem.severity.value}: {problem}" for problem in self.sorted()]

    def summary(self) -> str:
        """`3 errors and 41 warnings in 27 files`."""
        unique = self.sorted()
        errors = sum(1 for p in unique if p.severity is Severity.ERROR)
        warnings = len(unique) - errors
        files = len({p.file for p in unique if p.file})
        where = f" in {files} file{'s' if files != 1 else ''}" if files else ""
        return f"{counted(errors, 'error')} and {counted(warnings, 'warning')}{where}"


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"
