"""The library's exceptions. Each carries the facts of what went wrong (what
was asked for, what exists nearby, which path); it never names a command-line
option or an exit code. The command line (kdefense/cli/guard.py) words them
and picks the exit code; a notebook user can read the same facts.

    KdefenseError
    ├── BadInput          a value the caller gave cannot be used
    │   ├── NotFound      no partner, type or agreement by that name (with close matches)
    │   └── BadValue      a date, span, year, status or sort key that cannot be read
    ├── DataError         the dataset cannot be read or is invalid (every Problem found)
    ├── WouldOverwrite    a file exists that the library did not write
    ├── CannotWrite       the operating system refused to write a file
    └── MissingExtra      an optional dependency is not installed
"""

from __future__ import annotations


class KdefenseError(Exception):
    """Base of every error the library raises on purpose."""


class BadInput(KdefenseError):
    """A value the caller gave cannot be used. `message` says why, without
    naming where it came from (the command line adds the option's name)."""


class NotFound(BadInput):
    """No `kind` (partner, type, agreement) is called `given`; `near` lists
    close matches, best first."""

    def __init__(self, kind: str, given: str, near: list[str] | tuple[str, ...] = ()):
        self.kind, self.given, self.near = kind, given, list(near)
        hint = f"; did you mean: {', '.join(self.near)}?" if self.near else ""
        super().__init__(f"unknown {kind} {given!r}{hint}")


class BadValue(BadInput):
    """`what` (a name such as "date", "span", "year", "status", "sort key",
    or a parameter name) given as `given` cannot be read: `reason`."""

    def __init__(self, what: str, given: object, reason: str):
        self.what, self.given, self.reason = what, given, reason
        super().__init__(reason)


class Problem:
    """One thing wrong with a dataset file, with its place (1-based; 0 when
    unknown). `str()` is `path:line:column: message`."""

    __slots__ = ("path", "line", "column", "message", "code")

    def __init__(self, path: str, line: int, column: int, message: str, code: str | None = None):
        self.path, self.line, self.column, self.message = path, line, column, message
        self.code = code  # what kind of problem, for callers that add advice ("missing-file", "directory")

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

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(str(problems[0]) if problems else "invalid dataset")


class WouldOverwrite(KdefenseError):
    """`path` exists and is not something the library wrote (`what` says what it is)."""

    def __init__(self, path: str, what: str = "not a kdefense export"):
        self.path, self.what = path, what
        super().__init__(f"{path!r} exists and is {what}")


class CannotWrite(KdefenseError):
    """The operating system refused to write `path`: `reason` (its words)."""

    def __init__(self, path: str, reason: str):
        self.path, self.reason = path, reason
        super().__init__(f"cannot write {path!r}: {reason}")


class MissingExtra(KdefenseError):
    """An optional feature needs `package`, installed with the `extra` extra."""

    def __init__(self, feature: str, package: str, extra: str):
        self.feature, self.package, self.extra = feature, package, extra
        super().__init__(f"{feature} need {package}")
