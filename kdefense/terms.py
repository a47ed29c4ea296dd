"""Term arithmetic: when an agreement's terms start and end.

Rules (README, "How terms are computed"):

- A term starts at entry into force; where that is unknown, at the latest
  ratification, else at signature, and every date derived from that start is
  marked estimated.
- Term end = start + duration, computed from an anchor in one calendar step
  (29 February + 1 year = 28 February; five one-year terms from 29 February 2024
  end on 28 February 2029, never drifting).
- `automatic`: when a term ends and no denunciation is recorded in time, a new
  term of `renewal_years` begins; notice_by = term end - notice period.
- `by-agreement`: it ends at term end unless a recorded event renews it.
- `none`: it ends at term end. `indefinite`: no end unless terminated or
  denounced (then it ends after the notice period, where one is given).
- `unknown`: the term is not known, and neither is the end.
- `term: {until: DATE}`: the first term's stated last day (rather than a
  length): in force through that day; renewal rules apply from it as from a
  length (a computed end, by contrast, is the day the next term begins).
- Recorded events move ends: `renewed`/`extended` with `years` or `until`;
  `denounced` stops automatic renewal; `terminated`/`superseded` end it.
- Supersession by relation: a later record that `supersedes` or `renews` this
  one closes it from the later one's start (a `Closing`, found by the index):
  the walk stops there as at a recorded supersession.

What the status is on a given day, and on what evidence, is status.py's
concern; this module only yields the ends.
"""

from __future__ import annotations

import datetime as _dt
from typing import Iterator

from .dates import AFTER, DateError, PartialDate, Span, surely_before
from .models import Agreement, Event

ENDING_KINDS = ("terminated", "superseded")
# What happens on an end's date (End.kind): the next term begins automatically
# unless notice was given; the agreement ends; or a recorded event ends it.
RENEWAL, TERM_END = "renewal", "term-end"


class End:
    """The end of one term.

    date: when it ends; estimated: derived from an assumed start; automatic:
    reached by an automatic renewal that no event records; final: nothing
    follows it; kind: `renewal` (not final: the next term begins that day),
    `term-end`, `terminated` or `superseded`; recorded: the term was set by a
    recorded renewal or extension (or the end is a recorded event); notice:
    the notice period before this end that stops the next renewal;
    renewed_from: the previous end, for automatic renewals; number: which
    term ends (1 for the first; None for a recorded termination); by: the
    later record whose start closes it (a supersession by relation).
    """

    __slots__ = ("date", "estimated", "automatic", "final", "kind", "recorded", "notice", "renewed_from",
                 "number", "by", "through", "_notice_by")

    def __init__(self, date: PartialDate, estimated: bool, automatic: bool, final: bool, kind: str | None = None,
                 notice: Span | None = None, renewed_from: PartialDate | None = None, recorded: bool = False,
                 number: int | None = None, by: str | None = None):
        self.date = date
        self.estimated = estimated
        self.automatic = automatic
        self.final = final
        self.kind = kind or (TERM_END if final else RENEWAL)
        self.recorded = recorded
        self.notice = notice
        self.renewed_from = renewed_from
        self.number = number
        self.by = by  # the later record that closes it (a supersession by relation)
        self.through = False  # a stated last day (term.until): in force through it, ended the day after
        self._notice_by = False

    @property
    def notice_by(self) -> PartialDate | None:
        """Last day to give notice to stop the renewal that would follow
        (computed on first use: most ends are passed over unread)."""
        if self._notice_by is False:
            self._notice_by = None if self.notice is None else safe_shift(self.date, self.notice, -1)
        return self._notice_by

    def __repr__(self) -> str:
        return f"End({self.date}, {self.kind}, notice_by={self.notice_by}, automatic={self.automatic})"

    def passed(self, day: _dt.date) -> bool:
        """Has this end come by `day`? A computed end on its date (the next term
        begins, or it has ended that day); a stated last day only after it."""
        if self.through:
            return day > self.date.latest()
        return self.date.locate(day) is AFTER

    def projected(self, as_of: _dt.date) -> bool:
        """True when this end lies beyond an automatic renewal that has not
        happened yet as of `as_of`."""
        return self.automatic and self.renewed_from is not None and self.renewed_from.locate(as_of) is not AFTER


class Closing:
    """Where a later record closes this one (it `supersedes` or `renews` it):
    from `date`, the later one's start (estimated when that is its
    signature); `by`: the later record's id."""

    __slots__ = ("date", "estimated", "by", "relation")
    kind = "superseded"

    def __init__(self, date: PartialDate, estimated: bool, by: str, relation: str):
        self.date, self.estimated, self.by, self.relation = date, estimated, by, relation

    def __repr__(self) -> str:
        return f"Closing({self.date} by {self.by})"


def start_of(a: Agreement) -> tuple[PartialDate, bool, str]:
    """(start, estimated, basis) of the first term: entry into force; else
    the latest ratification; else signature (or the date by which an
    instrument known only from a later report existed)."""
    if a.in_force is not None:
        return a.in_force, False, "in_force"
    ratified = [e.date for e in a.events if e.kind == "ratified"]
    if ratified:
        return max(ratified, key=PartialDate.sort_key), True, "ratified"
    if a.signed is None:
        return a.signed_before, True, "signed_before"
    return a.signed, True, "signed"


def closing_of(a: Agreement) -> Closing:
    """The Closing that `a`, a later record, brings to a record it supersedes
    or renews: from its entry into force, else its signature (estimated)."""
    if a.in_force is not None:
        return Closing(a.in_force, False, a.id, "")
    return Closing(a.dated, True, a.id, "")


def safe_shift(d: PartialDate, span: Span, sign: int = 1) -> PartialDate | None:
    """`d` moved by `span`, or None where that leaves the calendar (years 1-9999)."""
    try:
        return d.shift(span, sign)
    except DateError:
        return None


def ends(a: Agreement, skip_before: _dt.date | None = None, closing: Closing | None = None) -> Iterator[End]:
    """Every term end of `a` in time order; endless for automatic renewal
    that was never denounced (the caller stops reading), and cut short where
    the arithmetic leaves the calendar.

    `skip_before`: the caller needs no automatic renewal that ended well before
    this day; they are jumped over in one step instead of walked one by one.
    `closing`: a later record closes it (see Closing)."""
    stop = _stop(a, closing)
    for end in _term_ends(a, skip_before):
        if stop is not None and not end.date.latest() < stop.date.earliest():
            break
        yield end
        if end.final:
            break  # a termination or supersession on record after the term ran out still ends it there
    if stop is not None:
        yield End(stop.date, getattr(stop, "estimated", False), False, True, kind=stop.kind, recorded=True,
                  by=getattr(stop, "by", None))


def _stop(a: Agreement, closing: Closing | None):
    """The first recorded termination or supersession, or the closing by a
    later record if that comes first."""
    stop = next((e for e in a.events if e.kind in ENDING_KINDS), None)
    if closing is not None and (stop is None or surely_before(closing.date, stop.date)):
        return closing
    return stop


def _term_ends(a: Agreement, skip_before: _dt.date | None) -> Iterator[End]:
    """The ends the term rules and the recorded renewals give, before any
    termination is applied."""
    if a.term.renewal == "indefinite":
        yield from _indefinite_end(a)
        return
    walk = _Walk(a)
    for ev in a.events:
        if ev.kind == "denounced":
            walk.denounced = walk.denounced or ev.date
        elif ev.kind in ("renewed", "extended") and (ev.until is not None or ev.years or ev.kind == "renewed"):
            yield from walk.automatic_renewals(before=ev.date)
            if walk.finished:
                return
            yield from walk.apply(ev)
            if walk.current is None:  # beyond the calendar
                return
    if walk.current is None:
        return
    if not walk.renews:
        yield walk.end(final=True)
        return
    if skip_before is not None:
        walk.skip_to(skip_before)
    yield from walk.automatic_renewals()


def _indefinite_end(a: Agreement) -> Iterator[End]:
    """An indefinite agreement ends only after a denunciation, once the
    notice period has run (unknown when no notice period is on record)."""
    notice = a.term.notice
    for ev in a.events:
        if ev.kind == "denounced":
            if notice is not None:
                end = safe_shift(ev.date, notice)
                if end is not None:
                    yield End(end, False, False, True, kind="terminated", recorded=True)
            return


class _Walk:
    """The terms of one agreement with a term on record, walked in time order.

    The current term ends at `anchor + offset`, always computed from the
    anchor in one calendar step, so that many renewals never drift. `current`
    is that end (None when unknown or beyond the calendar)."""

    def __init__(self, a: Agreement):
        term = a.term
        start, self.estimated, _ = start_of(a)
        self.term = term
        self.notice = term.notice
        self.renews = term.renewal == "automatic" and bool(term.renewal_span or term.duration)
        self.renew_span = term.renewal_span or term.duration
        self.anchor: PartialDate = start
        self.offset: Span | None = term.duration
        self.current = safe_shift(start, self.offset) if self.offset else None
        if term.until is not None:  # a stated end: the first term ends that day, whatever the start
            self.anchor, self.offset, self.current, self.estimated = term.until, Span(), term.until, False
        self.automatic_next = False  # is `current` the product of an unrecorded renewal?
        self.recorded = False  # was `current` set by a recorded renewal or extension?
        self.previous: PartialDate | None = None
        self.denounced: PartialDate | None = None
        self.finished = False
        self.number = 1  # which term `current` ends

    def end(self, final: bool) -> End:
        """The End of the current term."""
        end = End(
            self.current, self.estimated, self.automatic_next, final,
            notice=None if final or self.term.renewal != "automatic" else self.notice,
            renewed_from=self.previous if self.automatic_next else None,
            recorded=self.recorded, number=self.number,
        )
        end.through = self.number == 1 and self.term.until is not None  # the stated last day of the first term
        return end

    def denounced_in_time(self) -> bool:
        """Was a denunciation recorded by the last day to stop the renewal at
        the current term end?"""
        if self.denounced is None:
            return False
        deadline = safe_shift(self.current, self.notice, -1) if self.notice else self.current
        return deadline is not None and not deadline.latest() < self.denounced.earliest()

    def automatic_renewals(self, before: PartialDate | None = None) -> Iterator[End]:
        """Automatic renewals, in order: each term end reached (a `renewal`),
        then the next term. A denunciation in time makes that end final and
        finishes the walk. With `before`, only the terms that end before that
        date (a recorded event's)."""
        if not self.renews:
            return
        while self.current is not None:
            if before is not None and not self.current.latest() < before.earliest():
                return
            if self.denounced_in_time():
                self.finished = True
                yield self.end(final=True)
                return
            yield self.end(final=False)
            self.previous, self.automatic_next, self.recorded = self.current, True, False
            self.number += 1
            self.offset = self.offset + self.renew_span
            self.current = safe_shift(self.anchor, self.offset)
            if self.current is None:  # the next end lies beyond the calendar
                self.finished = True

    def apply(self, ev: Event) -> Iterator[End]:
        """A recorded renewal or extension: `until` sets the new end; `years`
        (or, for a renewal, the term's own length) runs from the current end
        if the event came before it, else from the event's date."""
        length = Span(ev.years) if ev.years else None
        if ev.kind == "renewed" and ev.until is None and length is None:
            length = self.term.renewal_span or self.term.duration
        current = self.current
        if ev.kind == "renewed" and current is not None:
            yield self.end(final=False)  # the term that the renewal continues
        if ev.until is not None:
            self.anchor, self.offset, self.current = ev.until, Span(), ev.until
            self.estimated = False
        else:
            if current is not None and not current.latest() < ev.date.earliest():
                self.anchor = current  # renewed or extended before the current term ran out: from its end
            else:
                self.anchor = ev.date  # no known end, or it had passed: the new term runs from the event
                self.estimated = True
            self.offset = length
            self.current = safe_shift(self.anchor, self.offset) if length else None  # no length known: no end
        self.previous, self.automatic_next, self.recorded = None, False, True
        if ev.kind == "renewed":
            self.number += 1

    def skip_to(self, day: _dt.date) -> None:
        """Step over whole automatic renewals that ended more than a period
        before `day`, at once (same anchor, same one-step arithmetic, so the
        ends that follow are exactly those of the walk)."""
        if self.denounced is not None or self.current is None:
            return
        span = self.renew_span
        period_days = span.years * 365.2425 + span.months * 30.437 + span.days
        skip = int((day - self.current.latest()).days // period_days) - 1
        if skip <= 0:
            return
        previous = safe_shift(self.anchor, self.offset + span.times(skip - 1))
        offset = self.offset + span.times(skip)
        current = safe_shift(self.anchor, offset)
        if current is None or previous is None:
            return  # near the calendar's end: walk instead
        self.previous, self.offset, self.current = previous, offset, current
        self.automatic_next, self.recorded = True, False
        self.number += skip


def ends_between(a: Agreement, lo: _dt.date, hi: _dt.date, closing: Closing | None = None) -> list[End]:
    """The term ends of `a` whose period overlaps [lo, hi]."""
    out = []
    for end in ends(a, skip_before=lo, closing=closing):
        if end.date.earliest() > hi:
            break
        if end.date.latest() >= lo:
            out.append(end)
    return out
