"""Status rules, as properties over generated agreements."""


import datetime as dt
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from kdefense import status, terms
from kdefense.dates import DAY, MONTH, YEAR, PartialDate
from kdefense.models import Agreement, Event, Term

days = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2080, 12, 31))


precisions = st.sampled_from([YEAR, MONTH, DAY])


renewals = st.sampled_from(["automatic", "by-agreement", "none", "unknown"])


def _partial(d, p):
    return PartialDate.from_date(d).truncate(p)


@st.composite
def agreements(draw, with_term=True):
    start = draw(days)
    p = draw(precisions)
    if with_term:
        renewal = draw(renewals)
        years = draw(st.integers(1, 15))
        term = Term(years=years, renewal=renewal, renewal_years=years if renewal == "automatic" else None,
                    notice_months=draw(st.integers(1, 11)) if renewal == "automatic" else None)
    else:
        term = Term()
    signed = _partial(start, p)
    return Agreement(id="x", partner="p", title="t", type="t", signed=signed,
                     in_force=signed if draw(st.booleans()) else None, term=term, sources=[])


def _with_confirmations(a: Agreement, dates) -> Agreement:
    events = sorted((Event(PartialDate.from_date(d), "confirmed", source=0) for d in dates),
                    key=lambda e: e.date.sort_key())
    return Agreement(id=a.id, partner=a.partner, title=a.title, type=a.type, signed=a.signed,
                     in_force=a.in_force, term=a.term, events=events, sources=a.sources)


@settings(max_examples=300)
@given(agreements(), st.lists(days, max_size=3), days)
def test_a_confirmation_never_shortens_a_term(a, confirmed_on, as_of):
    confirmed_on = [d for d in confirmed_on if d >= a.signed.latest()]
    b = _with_confirmations(a, confirmed_on)
    first = [(e.date, e.kind) for e in itertools.islice(terms.ends(a), 6)]
    assert [(e.date, e.kind) for e in itertools.islice(terms.ends(b), 6)] == first
    without, with_ = status.state(a, as_of), status.state(b, as_of)
    if without.status in ("in-force", "signed"):
        assert (with_.status, with_.term_end, with_.notice_by) == (without.status, without.term_end, without.notice_by)
    if with_.status != without.status:
        assert with_.status == "presumed-in-force" and without.status in ("expired", "unknown")


@settings(max_examples=300)
@given(agreements(with_term=False), st.lists(days, max_size=3), days)
def test_presumed_never_turns_into_expired_without_a_recorded_end(a, confirmed_on, as_of):
    b = _with_confirmations(a, [d for d in confirmed_on if d >= a.signed.latest()])
    s = status.state(b, as_of)
    assert s.status in (None, "presumed-in-force", "unknown", "signed")
    if s.status == "unknown":
        assert s.basis == "precision"
    if s.status == "presumed-in-force":
        assert s.basis in ("confirmed", "no-end-on-record")
        assert (s.basis == "confirmed") == (s.last_confirmed is not None)


# -- the evidence rules ------------------------------------------------------------

@st.composite
def evidence_agreements(draw):
    """Agreements with any mix of the evidence rules: a length or a stated end
    or no term, purpose-ended and confirmed events, approvals."""
    a = draw(agreements(with_term=draw(st.booleans())))
    start = a.signed.latest()
    later = st.dates(min_value=start, max_value=dt.date(2080, 12, 31))
    events = []
    for kind in draw(st.lists(st.sampled_from(["confirmed", "purpose-ended", "ratified"]), max_size=4)):
        events.append(Event(PartialDate.from_date(draw(later)), kind, source=0,
                            party=draw(st.sampled_from(["kuwait", "partner"])) if kind == "ratified" else None))
    events.sort(key=lambda e: e.date.sort_key())
    term = a.term
    if draw(st.booleans()) and not term.duration:
        term = Term(until=PartialDate.from_date(draw(later)) if draw(st.booleans()) else None,
                    renewal=draw(st.sampled_from(["none", "unknown"])))
        if term.until is None:
            term = Term()
    return Agreement(id="x", partner="p", title="t", type="t", signed=a.signed, in_force=a.in_force, term=term,
                     events=events, sources=[], in_force_by=draw(st.sampled_from([None, "approvals", "signature"])))


@settings(max_examples=300)
@given(evidence_agreements(), days, days)
def test_supersession_never_changes_a_status_before_the_successor_starts(a, successor_start, as_of):
    closing = terms.Closing(PartialDate.from_date(successor_start), True, "y", "renews")
    without, with_ = status.state(a, as_of), status.state(a, as_of, closing=closing)
    if as_of < successor_start:
        assert (with_.status, with_.basis) == (without.status, without.basis)
    elif with_.status is not None and without.status not in (None, "terminated", "superseded", "expired", "concluded"):
        assert with_.status in ("superseded", "unknown", "signed") or without.status == "signed"


@settings(max_examples=300)
@given(evidence_agreements(), days)
def test_last_evidence_never_lies_after_as_of(a, as_of):
    seen = status.state(a, as_of).last_evidence
    assert seen is None or seen.latest() <= as_of


@settings(max_examples=300)
@given(evidence_agreements(), days)
def test_no_rule_turns_a_presumption_into_expired_without_a_recorded_end_or_a_stated_until(a, as_of):
    st_ = status.state(a, as_of)
    if st_.status == "expired":
        assert a.term.fixed or any(e.kind in ("terminated", "superseded", "denounced") for e in a.events)
    if st_.status == "dormant":  # only a presumption gives way to a purpose ended
        b = Agreement(id=a.id, partner=a.partner, title=a.title, type=a.type, signed=a.signed, in_force=a.in_force,
                      term=a.term, events=[e for e in a.events if e.kind != "purpose-ended"], sources=[],
                      in_force_by=a.in_force_by)
        assert status.state(b, as_of).status == "presumed-in-force"


@settings(max_examples=150)
@given(evidence_agreements(), st.integers(1950, 2070), st.integers(0, 40), days)
def test_the_year_end_panel_equals_a_state_computed_for_every_year(a, first, length, as_of):
    """dyad-years computes a state only in years where something could change;
    that shortcut gives the same statuses as computing every year."""
    from kdefense import query
    from kdefense.index import Index
    from kdefense.models import Dataset

    index = Index(Dataset("x", {}, {}, [a]))
    years = range(first, min(9998, first + length) + 1)
    fast = dict(query._year_end_statuses(index, a, years, as_of))
    for y in years:
        day = as_of if y == as_of.year else dt.date(y, 12, 31)
        assert fast[y] == (query.state_of(index, a, day).status or "-"), y
