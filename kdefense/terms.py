"""The term engine: when an agreement's terms start and end, and its status.

Rules (SPEC, "Meaning of expiry and renewal"):

- A term starts at entry into force; where that is unknown, at the latest
  ratification, else at signature, and every date derived from that start is
  marked estimated.
- Term end = start + duration, computed from the anchor in one calendar step
  (29 February + 1 year = 28 February; five one-year terms from 29 February 2024
  end on 28 February 2029, never drifting).
- `automatic`: when a term ends and no denunciation is recorded, a new term of
  `renewal_years` begins; notice_by = term end - notice period.
- `by-agreement`: it ends at term end unless a recorded event renews it.
- `none`: it ends at term end. `indefinite`: no end unless terminated or
  denounced (then it ends after the notice period, where one is given).
- `unknown`: the term is not known, and neither is the end.
- Recorded events move ends: `renewed`/`extended` with `years` or `until`;
  `denounced` stops automatic renewal; `terminated`/`superseded` end it.

Dates keep their precision. A day that falls inside a coarse date's period
("2003-08" and 15 August 2003) cannot be placed before or after it; the status
is then `unknown` unless the answer is the same either way.
"""

from __future__ import annotations

import datetime as _dt
from typing import Iterator

from .dates import DateError, PartialDate, Span
from .models import Agreement

ENDING_KINDS = ("terminated", "superseded")


class End:
    """The end of one term.

    date: when it ends; estimated: derived from an assumed start; automatic:
    reached by an automatic renewal that no event records; final: nothing
    follows it; kind: term-end, terminated or superseded; notice_by: last day to
    stop the renewal that would follow; renewed_from: the previous end, for
    automatic renewals.
    """

    __slots__ = ("date", "estimated", "automatic", "final", "kind", "notice", "renewed_from", "_notice_by")

    def __init__(self, date: PartialDate, estimated: bool, automatic: bool, final: bool, kind: str = "term-end",
                 notice: Span | None = None, renewed_from: PartialDate | None = None):
        self.date = date
        self.estimated = estimated
        self.automatic = automatic
        self.final = final
        self.kind = kind
        self.notice = notice  # the notice period before this end that stops the next renewal
        self.renewed_from = renewed_from
        self._notice_by = False

    @property
    def notice_by(self) -> PartialDate | None:
        """Last day to give notice to stop the renewal that would follow
        (computed on first use: most ends are passed over unread)."""
        if self._notice_by is False:
            self._notice_by = None if self.notice is None else _safe_shift(self.date, self.notice, -1)
        return self._notice_by

    def __repr__(self) -> str:
        return f"End({self.date}, {self.kind}, notice_by={self.notice_by}, automatic={self.automatic})"

    def projected(self, as_of: _dt.date) -> bool:
        """True when this end lies beyond an automatic renewal that has not
        happened yet as of `as_of`."""
        return self.automatic and self.renewed_from is not None and self.renewed_from.position(as_of) != 1


class State:
    """An agreement as of a day. status is None when it was not yet signed then;
    start_basis is in_force, ratified or signed."""

    __slots__ = ("status", "term_end", "notice_by", "estimated", "start", "start_basis")

    def __init__(self, status: str | None, term_end: PartialDate | None, notice_by: PartialDate | None,
                 estimated: bool, start: PartialDate, start_basis: str):
        self.status = status
        self.term_end = term_end
        self.notice_by = notice_by
        self.estimated = estimated
        self.start = start
        self.start_basis = start_basis

    def __repr__(self) -> str:
        return (f"State({self.status}, term_end={self.term_end}, notice_by={self.notice_by}, "
                f"estimated={self.estimated})")


def start_of(a: Agreement) -> tuple[PartialDate, bool, str]:
    """(start, estimated, basis) of the first term."""
    if a.in_force is not None:
        return a.in_force, False, "in_force"
    ratified = [e.date for e in a.events if e.kind == "ratified"]
    if ratified:
        return max(ratified, key=PartialDate.sort_key), True, "ratified"
    return a.signed, True, "signed"


def _safe_shift(d: PartialDate, span: Span, sign: int = 1) -> PartialDate | None:
    try:
        return d.shift(span, sign)
    except DateError:
        return None


def ends(a: Agreement, skip_before: _dt.date | None = None) -> Iterator[End]:
    """Every term end of `a` in time order; endless for automatic renewal
    that was never denounced (the caller stops reading).

    `skip_before`: the caller needs no automatic renewal that ended well before
    this day; they are jumped over in one step instead of walked one by one."""
    term = a.term
    start, estimated, _ = start_of(a)
    notice = term.notice
    renewal = term.renewal
    stop = next((e for e in a.events if e.kind in ENDING_KINDS), None)

    def bounded(gen: Iterator[End]) -> Iterator[End]:
        for end in gen:
            if stop is not None and not end.date.latest() < stop.date.earliest():
                break
            yield end
            if end.final:
                return
        if stop is not None:
            yield End(stop.date, False, False, True, kind=stop.kind)

    return bounded(_term_ends(a, start, estimated, renewal, notice, skip_before))


def _term_ends(a: Agreement, start: PartialDate, estimated: bool, renewal: str, notice: Span | None,
               skip_before: _dt.date | None = None) -> Iterator[End]:
    term = a.term
    denounced: PartialDate | None = None

    if renewal == "indefinite":
        for ev in a.events:
            if ev.kind == "denounced" and notice is not None:
                end = _safe_shift(ev.date, notice)
                if end is not None:
                    yield End(end, False, False, True, kind="terminated")
                return
        return

    # `anchor` + `offset` is the current term's end, computed in one step.
    anchor: PartialDate | None = start
    offset: Span | None = term.duration
    current = _safe_shift(start, offset) if offset else None
    automatic_next = False  # is `current` the product of an unrecorded renewal?
    previous: PartialDate | None = None
    renew_span = term.renewal_span or term.duration

    def make(end: PartialDate, final: bool) -> End:
        return End(
            end,
            estimated,
            automatic_next,
            final,
            notice=None if final or renewal != "automatic" else notice,
            renewed_from=previous if automatic_next else None,
        )

    def denounced_in_time(end: PartialDate) -> bool:
        if denounced is None:
            return False
        deadline = _safe_shift(end, notice, -1) if notice else end
        return deadline is not None and not deadline.latest() < denounced.earliest()

    for ev in a.events:
        if ev.kind == "denounced":
            denounced = denounced or ev.date
            continue
        if ev.kind not in ("renewed", "extended"):
            continue
        # Automatic renewals that happened before this event.
        if renewal == "automatic" and current is not None and renew_span:
            while current.latest() < ev.date.earliest():
                if denounced_in_time(current):
                    yield make(current, True)
                    return
                yield make(current, False)
                previous, automatic_next = current, True
                offset = offset + renew_span
                nxt = _safe_shift(anchor, offset)
                if nxt is None:
                    return
                current = nxt
        length = Span(ev.years) if ev.years else None
        if ev.kind == "renewed" and ev.until is None and length is None:
            length = term.renewal_span or term.duration
        if ev.until is not None:
            if ev.kind == "renewed" and current is not None:
                yield make(current, False)
            anchor, offset, current = ev.until, Span(), ev.until
            estimated_here = False
        elif length is not None:
            if current is not None and not current.latest() < ev.date.earliest():
                # renewed or extended before the current term ran out: from its end
                if ev.kind == "renewed":
                    yield make(current, False)
                anchor, offset = current, length
                estimated_here = estimated
            else:
                # no known end, or it had passed: the new term runs from the event
                if current is not None and ev.kind == "renewed":
                    yield make(current, False)
                anchor, offset = ev.date, length
                estimated_here = True
            current = _safe_shift(anchor, offset)
        else:
            continue
        previous, automatic_next = None, False
        estimated = estimated_here
        if current is None:
            return

    if current is None:
        return
    if renewal != "automatic" or not renew_span:
        yield make(current, True)
        return
    if skip_before is not None and denounced is None:
        # Whole renewals that ended more than a period before `skip_before`
        # cannot matter to the caller: step over them at once (same anchor,
        # same one-step arithmetic, so the ends are exactly those of the walk).
        period_days = renew_span.years * 365.2425 + renew_span.months * 30.437 + renew_span.days
        skip = int((skip_before - current.latest()).days // period_days) - 1
        if skip > 0:
            previous = _safe_shift(anchor, offset + renew_span.times(skip - 1))
            offset = offset + renew_span.times(skip)
            nxt = _safe_shift(anchor, offset)
            if nxt is None or previous is None:
                return
            current, automatic_next = nxt, True
    while True:
        if denounced_in_time(current):
            yield make(current, True)
            return
        yield make(current, False)
        previous, automatic_next = current, True
        offset = offset + renew_span
        nxt = _safe_shift(anchor, offset)
        if nxt is None:
            return
        current = nxt


def state(a: Agreement, as_of: _dt.date) -> State:
    """Status, current term end and notice date of `a` as of `as_of`."""
    start, start_est, basis = start_of(a)
    if a.signed.position(as_of) == -1:
        return State(None, None, None, False, start, basis)
    last: End | None = None
    for end in ends(a, skip_before=as_of):
        where = end.date.position(as_of)
        if where == 1:
            if end.kind in ENDING_KINDS:
                return State(end.kind, end.date, None, end.estimated, start, basis)
            last = end
            continue
        if where == 0 and end.kind in ENDING_KINDS:
            return State("unknown", end.date, None, end.estimated, start, basis)
        return _before_end(a, start, start_est, as_of, end, basis, last)
    # every known end has passed (or there is none)
    if last is not None:
        if a.term.renewal == "unknown":
            return State("unknown", last.date, None, last.estimated, start, basis)
        return State("expired", last.date, None, last.estimated, start, basis)
    # no end at all: indefinite, or the term is unknown
    where = start.position(as_of)
    if where == -1:
        return State("signed", None, None, start_est, start, basis)
    if a.term.renewal == "indefinite" and where == 1:
        if any(e.kind == "denounced" and e.date.position(as_of) != -1 for e in a.events):
            # denounced, but with no notice period on record: the end is not known
            return State("unknown", None, None, start_est, start, basis)
        return State("in-force", None, None, start_est, start, basis)
    return State("unknown", None, None, start_est and where != 1, start, basis)


def _before_end(a: Agreement, start, start_est, as_of, end: End, basis, last: End | None) -> State:
    """`as_of` is before `end` (or inside its period); `last` is the latest end passed."""
    s = start.position(as_of)
    if s == -1:
        return State("signed", end.date, end.notice_by, end.estimated or start_est, start, basis)
    if end.kind in ENDING_KINDS:  # a termination ahead, and no term end before it
        renewal = a.term.renewal
        if s == 0:
            status = "unknown"
        elif last is not None and last.final:  # it had run out before the termination
            status = "unknown" if renewal == "unknown" else "expired"
        elif renewal == "unknown" and not a.term.duration:
            status = "unknown"
        else:
            status = "in-force"
        return State(status, end.date, None, start_est, start, basis)
    inside = end.date.position(as_of) == 0
    if s == 0 or (inside and (end.final or a.term.renewal != "automatic")):
        status = "unknown"
    else:
        status = "in-force"
    return State(status, end.date, end.notice_by, end.estimated, start, basis)


def ends_between(a: Agreement, lo: _dt.date, hi: _dt.date) -> list[End]:
    """The term ends of `a` whose period overlaps [lo, hi]."""
    out = []
    for end in ends(a):
        if end.date.earliest() > hi:
            break
        if end.date.latest() >= lo:
            out.append(end)
    return out
