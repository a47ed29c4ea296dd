"""Partial dates (YYYY, YYYY-MM, YYYY-MM-DD), spans and calendar arithmetic.

A `PartialDate` keeps the precision its source gave. Arithmetic never makes a
date more precise than its inputs: adding a span to a partial date works on the
first day of the date's period and keeps the date's precision.

`dateutil.parser` is imported only when a written date ("March 2029") has to be
parsed, so commands that get ISO dates never pay for it.
"""

from __future__ import annotations

import datetime as _dt
import re
from operator import itemgetter

YEAR, MONTH, DAY = 1, 2, 3  # precisions
BEFORE, INSIDE, AFTER = -1, 0, 1  # where a day lies relative to a date's period (PartialDate.locate)

def _iso_fields(text: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, else None."""
    parts = text.split("-")
    if len(parts) > 3 or len(parts[0]) != 4 or any(len(p) != 2 for p in parts[1:]):
        return None
    if not all(p.isascii() and p.isdigit() for p in parts):
        return None
    nums = [int(p) for p in parts] + [None, None]
    return nums[0], nums[1], nums[2]


class DateError(ValueError):
    """A date or span that cannot be read; the message says what is expected."""


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


class PartialDate(tuple):
    """An immutable calendar date known to the year, the month or the day.

    A (year, month, day) tuple underneath, month and day None where unknown:
    cheap to build (the cache builds hundreds of thousands) and immutable.
    """

    __slots__ = ()

    def __new__(cls, year: int, month: int | None = None, day: int | None = None) -> "PartialDate":
        if not 1 <= year <= 9999:
            raise DateError(f"year {year} is out of range (1-9999)")
        if month is None and day is not None:
            raise DateError("a day needs a month")
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"month {month} does not exist (1-12)")
        if day is not None:
            last = days_in_month(year, month)
            if not 1 <= day <= last:
                raise DateError(f"day {day} does not exist in {year:04d}-{month:02d} (1-{last})")
        return tuple.__new__(cls, (year, month, day))

    @classmethod
    def trusted(cls, year: int, month: int | None, day: int | None) -> "PartialDate":
        """Build from fields already validated (the dataset cache, arithmetic)."""
        return tuple.__new__(cls, (year, month, day))

    year = property(itemgetter(0))
    month = property(itemgetter(1))
    day = property(itemgetter(2))

    def __getnewargs__(self):
        return tuple(self)

    # Dates of mixed precision have no order ("2003" and "2003-08": which is
    # first?), so `<` and friends are refused rather than inherited from tuple.
    # Sort with `sort_key()`; compare periods with `surely_before()`.
    def _no_order(self, other):
        raise TypeError("partial dates have no order; use PartialDate.sort_key() to sort, "
                        "surely_before() or locate() to compare")

    __lt__ = __le__ = __gt__ = __ge__ = _no_order

    # -- construction -------------------------------------------------
    @classmethod
    def parse_iso(cls, text: str) -> "PartialDate":
        """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise DateError otherwise."""
        fields = _iso_fields(text.strip())
        if fields is None:
            raise DateError(f"{text!r} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
        return cls(*fields)

    @classmethod
    def from_date(cls, d: _dt.date) -> "PartialDate":
        return cls(d.year, d.month, d.day)

    # -- properties ---------------------------------------------------
    @property
    def precision(self) -> int:
        if self.day is not None:
            return DAY
        if self.month is not None:
            return MONTH
        return YEAR

    def earliest(self) -> _dt.date:
        """First day of the period this date stands for."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> _dt.date:
        """Last day of the period this date stands for."""
        if self.day is not None:
            return _dt.date(self.year, self.month, self.day)
        month = self.month or 12
        return _dt.date(self.year, month, days_in_month(self.year, month))

    def truncate(self, precision: int) -> "PartialDate":
        if precision >= self.precision:
            return self
        if precision == YEAR:
            return PartialDate(self.year)
        return PartialDate(self.year, self.month)

    # -- arithmetic ---------------------------------------------------
    def shift(self, span: "Span", sign: int = 1) -> "PartialDate":
        """This date plus (or minus) a span, in one calendar step.

        Calendar arithmetic as `dateutil.relativedelta` does it: years and
        months first, the day clipped to the end of the month (29 February plus
        one year is 28 February), then days. Spans of whole years and months,
        the only kind terms use, are computed here directly (tests check every
        case against relativedelta); spans with days go through relativedelta.

        The result keeps this date's precision: a span is exact, but a date
        known to the month or year is moved from the first day of its period and
        cut back to that precision (so the result is never more precise).
        """
        start = self.earliest()
        if span.days:
            from dateutil.relativedelta import relativedelta  # noqa: PLC0415 - first use only

            try:
                moved = start + relativedelta(years=sign * span.years, months=sign * span.months,
                                              days=sign * span.days)
            except (OverflowError, ValueError):
                raise DateError("date arithmetic left the years 1-9999") from None
            y, m, d = moved.year, moved.month, moved.day
        else:
            months = start.year * 12 + (start.month - 1) + sign * (span.years * 12 + span.months)
            y, m = divmod(months, 12)
            m += 1
            if not 1 <= y <= 9999:
                raise DateError("date arithmetic left the years 1-9999")
            d = min(start.day, days_in_month(y, m))
        p = self.precision
        if p == DAY:
            return PartialDate.trusted(y, m, d)
        if p == MONTH:
            return PartialDate.trusted(y, m, None)
        return PartialDate.trusted(y, None, None)

    # -- comparison with a day ----------------------------------------
    def locate(self, day: _dt.date) -> int:
        """Where `day` lies relative to this date: BEFORE its period, AFTER it
        (on or after its last day: by then it has surely happened), or INSIDE
        a coarser period (the order cannot be told)."""
        if day < self.earliest():
            return BEFORE
        if self.precision == DAY or day >= self.latest():
            return AFTER
        return INSIDE

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def __repr__(self) -> str:
        return f"PartialDate({str(self)!r})"


def surely_before(a: PartialDate, b: PartialDate) -> bool:
    """True when every day of `a` lies before every day of `b`."""
    return a.latest() < b.earliest()


class Span:
    """A length of time in years, months and days (exact, never partial)."""

    __slots__ = ("years", "months", "days")

    def __init__(self, years: int = 0, months: int = 0, days: int = 0) -> None:
        self.years, self.months, self.days = years, months, days

    def __eq__(self, other) -> bool:
        if not isinstance(other, Span):
            return NotImplemented
        return (self.years, self.months, self.days) == (other.years, other.months, other.days)

    def __hash__(self) -> int:
        return hash((self.years, self.months, self.days))

    def __repr__(self) -> str:
        return f"Span({self.years}, {self.months}, {self.days})"

    def __add__(self, other: "Span") -> "Span":
        return Span(self.years + other.years, self.months + other.months, self.days + other.days)

    def times(self, n: int) -> "Span":
        return Span(self.years * n, self.months * n, self.days * n)

    def is_zero(self) -> bool:
        return not (self.years or self.months or self.days)

    def __str__(self) -> str:
        parts = [f"{v}{u}" for v, u in ((self.years, "y"), (self.months, "m"), (self.days, "d")) if v]
        return "".join(parts) or "0d"


_SPAN_PART = r"(\d+)\s*(years?|yrs?|y|months?|mo|m|weeks?|wk|w|days?|d)"
MAX_SPAN_DIGITS = 7  # a span beyond the calendar is refused before its number is read


def parse_span(text: str) -> Span:
    """Parse spans such as `18m`, `2y`, `90d`, `6w`, `1y6m`."""
    s = text.strip().replace(" ", "")
    if not s:
        raise DateError("empty span (expected e.g. 18m, 2y, 90d)")
    pos, years, months, days = 0, 0, 0, 0
    for m in re.finditer(_SPAN_PART, s, re.I):
        if m.start() != pos:
            break
        if len(m.group(1)) > MAX_SPAN_DIGITS:
            raise DateError(f"{text[:20]!r}... is too long a span" if len(text) > 20 else f"{text!r} is too long a span")
        n, unit = int(m.group(1)), m.group(2).lower()
        if unit.startswith("y"):
            years += n
        elif unit.startswith("m"):
            months += n
        elif unit.startswith("w"):
            days += 7 * n
        else:
            days += n
        pos = m.end()
    if pos != len(s):
        raise DateError(f"{text!r} is not a span (expected e.g. 18m, 2y, 90d, 6w)")
    span = Span(years, months, days)
    if span.is_zero():
        raise DateError(f"{text!r} is an empty span (expected e.g. 18m, 2y, 90d)")
    if years > 9999:
        raise DateError(f"{text!r} is too long a span")
    return span


def parse_user_date(text: str) -> PartialDate:
    """Parse a date given by a user: ISO (`2029`, `2029-03`, `2029-03-03`) or a
    written form (`March 2029`, `3 Mar 2029`, `22 November 2026`).

    The precision is the one the user gave: fields they left out are never
    filled from today's date.
    """
    text = (text or "").strip()
    if not text:
        raise DateError("empty date (expected e.g. 2029, 2029-03, 2029-03-03 or 'March 2029')")
    if _iso_fields(text) is not None:
        return PartialDate.parse_iso(text)
    if len(text) > 64:
        raise DateError("date text too long")
    from dateutil import parser  # noqa: PLC0415 - heavy, only for written dates

    # Parse twice with two different defaults: a field that differs between the
    # two results was not given by the user.
    d1, d2 = _dt.datetime(2000, 1, 1), _dt.datetime(2001, 2, 2)
    try:
        a = parser.parse(text, default=d1, dayfirst=True)
        b = parser.parse(text, default=d2, dayfirst=True)
    except (ValueError, OverflowError, parser.ParserError) as exc:
        raise DateError(
            f"{text!r} is not a date (expected e.g. 2029, 2029-03, 2029-03-03, "
            f"'March 2029' or '3 Mar 2029')"
        ) from exc
    if a.year != b.year:
        raise DateError(f"{text!r} has no year (write e.g. '3 Mar 2029')")
    if a.month != b.month:
        if a.day != b.day:
            return PartialDate(a.year)
        raise DateError(f"{text!r} has a day but no month")
    if a.day != b.day:
        return PartialDate(a.year, a.month)
    return PartialDate(a.year, a.month, a.day)
