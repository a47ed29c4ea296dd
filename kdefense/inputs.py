"""Values a caller gives, read and checked: dates, spans, years, statuses.

The command line and the Python API read the same way. A value that cannot
be read raises `BadValue` naming the parameter (`what`), never an option:
the command line words it with its own flag.
"""

from __future__ import annotations

import datetime as _dt

from .dates import DateError, PartialDate, Span, parse_span, parse_user_date
from .errors import BadValue


def date(what: str, value) -> PartialDate:
    """A date given as text (`2029`, `2029-03`, `March 2029`), a
    `datetime.date` or a PartialDate."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, _dt.date):
        return PartialDate.from_date(value)
    try:
        return parse_user_date(str(value))
    except DateError as exc:
        raise BadValue(what, value, str(exc)) from None


def day(what: str, value) -> _dt.date:
    """A day: a date given at any precision counts from its first day."""
    return date(what, value).earliest()


def span(what: str, value) -> Span:
    """A span given as text (18m, 2y, 90d) or a Span."""
    if isinstance(value, Span):
        return value
    try:
        return parse_span(str(value))
    except DateError as exc:
        raise BadValue(what, value, str(exc)) from None


def year(what: str, value) -> int:
    """A four-digit year, as text or a whole number."""
    t = str(value).strip()
    if isinstance(value, bool) or not (t.isascii() and t.isdigit() and len(t) == 4):
        raise BadValue(what, value, f"{value!r} is not a year (expected e.g. 2023)")
    return int(t)


def choice(what: str, value, allowed: tuple[str, ...], note: str = "") -> str:
    """One of `allowed` (any case)."""
    s = str(value).strip().lower()
    if s not in allowed:
        raise BadValue(what, value, f"unknown {what} {value!r}; expected one of: {', '.join(allowed)}{note}")
    return s
