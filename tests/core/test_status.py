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
