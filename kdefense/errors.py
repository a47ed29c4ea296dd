"""Exceptions shared by the library and the CLI, with the exit code each maps to."""

from __future__ import annotations


EXIT_NO_MATCH = 1
EXIT_USAGE = 2
EXIT_DATA = 3
EXIT_INTERNAL = 4
EXIT_INTERRUPTED = 130


class KdefenseError(Exception):
    exit_code = EXIT_INTERNAL


class UsageError(KdefenseError):
    """Bad arguments: unknown partner, field, bad date..."""

    exit_code = EXIT_USAGE


class Problem:
    """One thing wrong with a dataset file, with its place (1-based; 0 when unknown)."""

    __slots__ = ("path", "line", "column", "message")

    def __init__(self, path: str, line: int, column: int, message: str):
        self.path, self.line, self.column, self.message = path, line, column, message

    def __repr__(self) -> str:
        return f"Problem({str(self)!r})"

    def __str__(self) -> str:
        if self.line and self.column:
            return f"{self.path}:{self.line}:{self.column}: {self.message}"
        if self.line:
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}: {self.message}"

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "column": self.column, "message": self.message}


class DataError(KdefenseError):
    """The dataset cannot be read or is invalid. Carries every problem found."""

    exit_code = EXIT_DATA

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        first = str(problems[0]) if problems else "invalid dataset"
        more = f" (and {len(problems) - 1} more; run 'kdefense validate')" if len(problems) > 1 else ""
        super().__init__(first + more)
