"""An agreement's status on a given day, and the evidence it rests on.

Statuses (README, "How terms and statuses are computed"): `signed` (not yet in
force), `in-force` (during a term on record, or an indefinite one),
`presumed-in-force` (started, nothing on record ended it, its term is not on
record: the convention of treaty registries, said out loud), `dormant`
(presumed, but what it served has ended), `expired`, `terminated`,
`superseded`, `concluded` (a one-off instrument, carried out rather than kept
in force) and `unknown` (only where the record cannot decide).

Every status carries its basis: `term`, `indefinite`, `event`, `confirmed`,
`no-end-on-record`, `purpose-ended`, `approval-pending`, `contract`,
`precision`, `conflict` or `renewal-unknown`; and every state its latest
evidence (`last_evidence`: the latest dated step on record up to the day).

The rules, in the order `state()` applies them:

1. Not yet signed (or, for an instrument known only from a later report, not
   yet known to exist): no status.
2. A one-off instrument: `concluded`.
3. A recorded termination or supersession, or a later record that supersedes
   or renews it (a Closing), has passed: that is its status (`event`).
4. Approval pending: it enters into force on both parties' approval, has no
   entry into force on record, and the approvals on record are not both
   there: `signed` (`approval-pending`).
5. The term on record decides (`term`, `indefinite`, `event`, `precision`).
6. No term on record: presumed in force (`confirmed` or `no-end-on-record`),
   unless a `purpose-ended` event later than its latest confirmation records
   that what it served has ended: then `dormant` (`purpose-ended`). A
   `purpose-ended` event never ends a term on record: an agreement within a
   fixed or indefinite term stays in force by its terms.

A `confirmed` event (a source shows the agreement operating that day) never
moves a term; it only turns "ended, renewal not on record" into
`presumed-in-force` when it comes after the computed end (a renewal is then
missing from the record, and `kdefense validate` says so).
"""

from __future__ import annotations

import datetime as _dt

from .dates import AFTER, BEFORE, INSIDE, PartialDate, surely_before
from .models import Agreement, Event
from .terms import ENDING_KINDS, Closing, End, ends, start_of

STATUSES = ("in-force", "presumed-in-force", "dormant", "signed", "expired", "terminated", "superseded",
            "concluded", "unknown")
CURRENT = ("in-force", "presumed-in-force")  # what `--status current` selects (not `dormant`)
BASES = ("term", "indefinite", "event", "confirmed", "no-end-on-record", "purpose-ended", "approval-pending",
         "contract", "precision", "conflict", "renewal-unknown")


class State:
    """An agreement as of a day. status is None when it was not yet signed
    then. term_end/notice_by: the current term's (the last one, once ended);
    ended: for a presumed agreement, the last term end on record, which a
    later confirmation shows was followed by a renewal not on record."""

    __slots__ = ("status", "basis", "term_end", "notice_by", "estimated", "start", "start_basis",
                 "last_confirmed", "ended", "last_evidence", "purpose_ended", "closing")

    def __init__(self, status: str | None, basis: str | None, term_end: PartialDate | None = None,
                 notice_by: PartialDate | None = None, estimated: bool = False, *, start: PartialDate,
                 start_basis: str, last_confirmed: Event | None = None, ended: PartialDate | None = None,
                 last_evidence: PartialDate | None = None, purpose_ended: Event | None = None,
                 closing: Closing | None = None):
        self.status = status
        self.basis = basis
        self.term_end = term_end
        self.notice_by = notice_by
        self.estimated = estimated
        self.start = start
        self.start_basis = start_basis
        self.last_confirmed = last_confirmed
        self.ended = ended
        self.last_evidence = last_evidence  # the latest dated step on record up to the day
        self.purpose_ended = purpose_ended  # the purpose-ended event behind `dormant`
        self.closing = closing  # the later record that closes it, if any (even one still ahead)

    def __repr__(self) -> str:
        return (f"State({self.status}, {self.basis}, term_end={self.term_end}, notice_by={self.notice_by}, "
                f"estimated={self.estimated})")


def state(a: Agreement, as_of: _dt.date, one_off: bool = False, closing: Closing | None = None) -> State:
    """Status, basis, current term end, notice date and latest evidence of
    `a` as of `as_of` (the rules above). `one_off`: the agreement's type is
    carried out, not kept in force; `closing`: a later record closes it."""
    start, start_est, start_basis = start_of(a)
    confirmed = last_confirmation(a, as_of)

    def make(status, basis, term_end=None, notice_by=None, estimated=False, ended=None) -> State:
        return State(status, basis, term_end, notice_by, estimated, start=start, start_basis=start_basis,
                     last_confirmed=confirmed, ended=ended, last_evidence=last_evidence(a, as_of),
                     closing=closing)

    signed = a.dated.locate(as_of)
    if signed is BEFORE:
        return make(None, None)
    if one_off:
        return make("unknown", "precision") if signed is INSIDE else make("concluded", "contract")
    passed, ahead = _ends_around(a, as_of, closing)
    if passed is not None and passed.kind in ENDING_KINDS:
        if confirmed is not None and surely_before(passed.date, confirmed.date):
            return make("unknown", "conflict", passed.date)
        return make(passed.kind, "event", passed.date, estimated=passed.estimated)
    if approval_pending(a, as_of):
        return make("signed", "approval-pending")
    if ahead is not None:
        st = _before_end(a, as_of, ahead, passed, start, start_est, confirmed, make)
    elif passed is not None:
        st = _after_last_end(a, passed, confirmed, make)
    else:
        st = _without_end(a, as_of, start, start_est, confirmed, make)
    return _dormant_if_purpose_ended(a, as_of, st)


def approval_pending(a: Agreement, as_of: _dt.date) -> bool:
    """Rule 4: it enters into force on both parties' approval
    (`in_force_by: approvals`), no entry into force is on record, and the
    `ratified` events on record by `as_of` are not by both parties."""
    if a.in_force_by != "approvals" or a.in_force is not None:
        return False
    parties = {e.party for e in a.events if e.kind == "ratified" and e.date.locate(as_of) is AFTER}
    return not {"kuwait", "partner"} <= parties


def _dormant_if_purpose_ended(a: Agreement, as_of: _dt.date, st: State) -> State:
    """Rule 6: a presumption gives way to a `purpose-ended` event on record
    by `as_of`, unless a confirmation came after it (it operated again)."""
    if st.status != "presumed-in-force":
        return st
    ended = None
    for e in a.events:
        if e.kind == "purpose-ended" and e.date.locate(as_of) is AFTER:
            if ended is None or e.date.sort_key() >= ended.date.sort_key():
                ended = e
    if ended is None or (st.last_confirmed is not None and surely_before(ended.date, st.last_confirmed.date)):
        return st
    st.status, st.basis, st.purpose_ended = "dormant", "purpose-ended", ended
    return st


def last_evidence(a: Agreement, as_of: _dt.date) -> PartialDate | None:
    """The latest dated step on record surely on or before `as_of`:
    signature (or the date of the report that shows the instrument existing),
    entry into force, any event. It never changes a status by itself."""
    steps = [a.dated, a.in_force, *(e.date for e in a.events)]
    known = [d for d in steps if d is not None and d.locate(as_of) is AFTER]
    return max(known, key=PartialDate.sort_key) if known else None


def _ends_around(a: Agreement, as_of: _dt.date, closing: Closing | None) -> tuple[End | None, End | None]:
    """(the latest end on or before `as_of`, the first end after it or whose
    period holds it). A termination or supersession passed stops the search."""
    passed: End | None = None
    for end in ends(a, skip_before=as_of, closing=closing):
        if end.passed(as_of):
            passed = end
            if end.kind in ENDING_KINDS:
                return passed, None
            continue
        return passed, end
    return passed, None


def _before_end(a, as_of, ahead: End, passed: End | None, start, start_est, confirmed, make) -> State:
    """`as_of` comes before the end `ahead` (or lies inside its period)."""
    s = start.locate(as_of)
    if s is BEFORE:
        return make("signed", "term", ahead.date, ahead.notice_by, ahead.estimated or start_est)
    if s is INSIDE:
        return make("unknown", "precision", ahead.date, ahead.notice_by, ahead.estimated)
    if ahead.kind in ENDING_KINDS:  # a termination ahead, and no term end before it
        if ahead.date.locate(as_of) is INSIDE:
            return make("unknown", "precision", ahead.date, estimated=start_est)
        if passed is not None and passed.final:  # it had run out before the termination
            return _after_last_end(a, passed, confirmed, make)
        if a.term.renewal == "unknown" and not a.term.fixed:
            return _presumed(confirmed, make)
        basis = "indefinite" if a.term.renewal == "indefinite" else "term"
        return make("in-force", basis, ahead.date, estimated=start_est)
    inside = ahead.date.locate(as_of) is INSIDE
    if inside and (ahead.final or a.term.renewal != "automatic"):
        return make("unknown", "precision", ahead.date, ahead.notice_by, ahead.estimated)
    return make("in-force", "event" if ahead.recorded else "term", ahead.date, ahead.notice_by, ahead.estimated)


def _after_last_end(a: Agreement, last: End, confirmed: Event | None, make) -> State:
    """Every end on record has passed; `last` is the latest."""
    if not last.final:
        # The walk stopped where the next end would lie beyond the calendar:
        # it renews automatically past year 9999.
        return make("in-force", "term", None, None, last.estimated)
    if confirmed is not None and surely_before(last.date, confirmed.date):
        return make("presumed-in-force", "confirmed", ended=last.date)
    if a.term.renewal == "unknown":
        return make("unknown", "renewal-unknown", last.date, estimated=last.estimated)
    denounced = any(e.kind == "denounced" for e in a.events)
    return make("expired", "event" if last.recorded or denounced else "term", last.date, estimated=last.estimated)


def _without_end(a: Agreement, as_of: _dt.date, start: PartialDate, start_est: bool, confirmed, make) -> State:
    """No end at all is on record: indefinite, or the term is not known."""
    s = start.locate(as_of)
    if s is BEFORE:
        return make("signed", "term", estimated=start_est)
    if s is INSIDE:
        return make("unknown", "precision")
    if a.term.renewal == "indefinite":
        if any(e.kind == "denounced" and e.date.locate(as_of) is not BEFORE for e in a.events):
            # denounced, but with no notice period on record: when it ends is not known
            return make("unknown", "event")
        return make("in-force", "indefinite", estimated=start_est)
    return _presumed(confirmed, make)


def _presumed(confirmed: Event | None, make) -> State:
    return make("presumed-in-force", "confirmed" if confirmed is not None else "no-end-on-record")


def last_confirmation(a: Agreement, as_of: _dt.date) -> Event | None:
    """The latest `confirmed` event surely on or before `as_of`."""
    found = None
    for e in a.events:
        if e.kind == "confirmed" and e.date.locate(as_of) is AFTER:
            if found is None or e.date.sort_key() >= found.date.sort_key():
                found = e
    return found


def confirmations_after_end(a: Agreement, closing: Closing | None = None) -> list[tuple[Event, End]]:
    """(confirmed event, end) pairs where the confirmation comes after the
    agreement's final end on record: after a termination (a contradiction),
    or after a fixed term ran out (a renewal missing from the record)."""
    confirmations = [e for e in a.events if e.kind == "confirmed"]
    if not confirmations:
        return []
    latest = max(confirmations, key=lambda e: e.date.sort_key())
    final = None
    for end in ends(a, skip_before=latest.date.earliest(), closing=closing):
        if end.final:
            final = end
            break
        if not end.date.latest() < latest.date.earliest():
            break
    if final is None:
        return []
    return [(e, final) for e in confirmations if surely_before(final.date, e.date)]
