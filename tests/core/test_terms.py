"""Term, renewal and notice arithmetic."""

import datetime as dt
import itertools

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from helpers import SMALL
from kdefense import status, terms
from kdefense.dataset import load
from kdefense.dates import DAY, MONTH, YEAR, PartialDate
from kdefense.models import Agreement, Event, Term

DS = {a.id: a for a in load(SMALL, use_cache=False).agreements}  # at import: never the user's cache
RU23 = DS["kw-ru-2023-military-technical"]
US91 = DS["kw-us-1991-dca"]
UK61 = DS["kw-gb-1961-exchange-of-notes"]
RU93 = DS["kw-ru-1993-defense-cooperation"]
GCC = DS["kw-gcc-2000-joint-defence-agreement"]


def D(s):
    return dt.date.fromisoformat(s)


def first_ends(a, n=4):
    return [(str(e.date), str(e.notice_by) if e.notice_by else None, e.automatic) for e in itertools.islice(terms.ends(a), n)]


def _agreement(term, events=(), signed=PartialDate(2000, 1, 1), in_force=None):
    return Agreement(id="x", partner="p", title="t", type="t", signed=signed, in_force=in_force,
                     term=term, events=list(events))


def _partial(d, p):
    return PartialDate.from_date(d).truncate(p)


days = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2080, 12, 31))


precisions = st.sampled_from([YEAR, MONTH, DAY])


@st.composite
def automatic_agreements(draw):
    start = draw(days)
    p = draw(precisions)
    years = draw(st.integers(1, 20))
    notice = draw(st.integers(1, 12 * years - 1))
    t = Term(years=years, renewal="automatic", renewal_years=draw(st.integers(1, 20)), notice_months=notice)
    in_force = _partial(start, p) if draw(st.booleans()) else None
    return _agreement(t, signed=_partial(start, p), in_force=in_force)


def test_russia_2023_counts_from_entry_into_force():
    assert first_ends(RU23, 3) == [
        ("2029-03-12", "2028-09-12", False),
        ("2034-03-12", "2033-09-12", True),
        ("2039-03-12", "2038-09-12", True),
    ]
    st_ = status.state(RU23, D("2026-11-24"))
    assert (st_.status, str(st_.term_end), str(st_.notice_by), st_.estimated) == ("in-force", "2029-03-12", "2028-09-12", False)


def test_russia_2023_status_over_time():
    assert status.state(RU23, D("2023-01-01")).status is None  # not yet signed
    assert status.state(RU23, D("2023-12-01")).status == "signed"
    assert status.state(RU23, D("2024-03-12")).status == "in-force"
    later = status.state(RU23, D("2029-03-12"))  # renewed automatically that day
    assert (later.status, str(later.term_end)) == ("in-force", "2034-03-12")


def test_projection_flag_depends_on_as_of():
    second = list(itertools.islice(terms.ends(RU23), 2))[1]
    assert second.projected(D("2026-11-24")) is True
    assert second.projected(D("2030-01-01")) is False


def test_unknown_entry_into_force_counts_from_signature_and_is_estimated():
    st_ = status.state(US91, D("2026-11-24"))
    assert (st_.status, str(st_.term_end), st_.notice_by, st_.estimated) == ("in-force", "2031", None, True)
    assert st_.start_basis == "signed"


def test_ratification_is_the_start_when_entry_into_force_is_unknown():
    a = Agreement(id="x", partner="p", title="t", type="t", signed=PartialDate(2020, 1, 1),
                  term=Term(years=2, renewal="none"),
                  events=[Event(PartialDate(2020, 6, 1), "ratified"), Event(PartialDate(2020, 7, 1), "ratified")])
    st_ = status.state(a, D("2021-01-01"))
    assert st_.start_basis == "ratified" and str(st_.term_end) == "2022-07-01" and st_.estimated


def test_recorded_renewals_move_the_end():
    assert [e[0] for e in first_ends(US91, 4)] == ["2001", "2011", "2021", "2031"]


def test_denounced_indefinite_agreement_ends_after_the_notice_period():
    st_ = status.state(UK61, D("1970-01-01"))
    assert (st_.status, str(st_.term_end)) == ("in-force", "1971-05-13")
    st_ = status.state(UK61, D("1971-05-13"))
    assert (st_.status, str(st_.term_end)) == ("terminated", "1971-05-13")


def test_month_precision_end_and_a_day_inside_it():
    assert str(status.state(RU93, D("2003-07-31")).status) == "in-force"
    assert status.state(RU93, D("2003-08-15")).status == "unknown"
    st_ = status.state(RU93, D("2003-09-01"))
    assert (st_.status, str(st_.term_end)) == ("expired", "2003-08")


def test_indefinite_without_entry_into_force_is_in_force_but_estimated():
    st_ = status.state(GCC, D("2026-11-24"))
    assert (st_.status, st_.term_end, st_.estimated) == ("in-force", None, True)


def test_denounced_automatic_agreement_stops_at_the_end_the_notice_reaches():
    t = Term(years=5, renewal="automatic", renewal_years=5, notice_months=6)
    in_time = _agreement(t, [Event(PartialDate(2004, 6, 30), "denounced")], in_force=PartialDate(2000, 1, 1))
    late = _agreement(t, [Event(PartialDate(2004, 7, 2), "denounced")], in_force=PartialDate(2000, 1, 1))
    assert [str(e.date) for e in terms.ends(in_time)] == ["2005-01-01"]
    assert [str(e.date) for e in terms.ends(late)] == ["2005-01-01", "2010-01-01"]
    assert status.state(late, D("2011-01-01")).status == "expired"


def test_by_agreement_needs_a_recorded_renewal():
    t = Term(years=3, renewal="by-agreement")
    plain = _agreement(t, in_force=PartialDate(2000, 1, 1))
    renewed = _agreement(t, [Event(PartialDate(2002, 6, 1), "renewed", years=3)], in_force=PartialDate(2000, 1, 1))
    extended = _agreement(t, [Event(PartialDate(2002, 6, 1), "extended", until=PartialDate(2004, 6, 30))], in_force=PartialDate(2000, 1, 1))
    assert status.state(plain, D("2003-06-01")).status == "expired"
    assert [str(e.date) for e in terms.ends(renewed)] == ["2003-01-01", "2006-01-01"]
    assert [str(e.date) for e in terms.ends(extended)] == ["2004-06-30"]


def test_termination_event_ends_it_on_its_date():
    t = Term(years=10, renewal="automatic", renewal_years=10, notice_months=12)
    a = _agreement(t, [Event(PartialDate(2005, 3, 1), "superseded")], in_force=PartialDate(2000, 1, 1))
    assert [(str(e.date), e.kind) for e in terms.ends(a)] == [("2005-03-01", "superseded")]
    assert status.state(a, D("2004-01-01")).status == "in-force"
    assert status.state(a, D("2005-03-01")).status == "superseded"


def test_unknown_term_is_presumed_in_force_with_no_end():
    # The status contract (README, "How terms are computed"): started, nothing on record
    # ended it, no term on record -> presumed in force, and it says why.
    a = _agreement(Term(), in_force=PartialDate(2000, 1, 1))
    st_ = status.state(a, D("2010-01-01"))
    assert (st_.status, st_.basis, st_.term_end, st_.notice_by) == ("presumed-in-force", "no-end-on-record", None, None)
    assert status.state(a, D("1999-06-01")).status is None


def test_29_february_start_does_not_drift():
    t = Term(years=1, renewal="automatic", renewal_years=1, notice_months=1)
    a = _agreement(t, signed=PartialDate(2024, 2, 29), in_force=PartialDate(2024, 2, 29))
    assert [str(e.date) for e in itertools.islice(terms.ends(a), 5)] == [
        "2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29", "2029-02-28"]


@settings(max_examples=200)
@given(automatic_agreements(), days)
def test_notice_by_comes_before_term_end(a, as_of):
    st_ = status.state(a, as_of)
    assume(st_.notice_by is not None)
    assert st_.notice_by.latest() < st_.term_end.earliest() or (
        st_.notice_by.precision < DAY and st_.notice_by.earliest() < st_.term_end.earliest()
    )
    assert st_.notice_by.sort_key() < st_.term_end.sort_key()


@settings(max_examples=200)
@given(automatic_agreements(), days, days)
def test_a_later_as_of_never_gives_an_earlier_term_end(a, d1, d2):
    early, late = sorted([d1, d2])
    e1, e2 = status.state(a, early).term_end, status.state(a, late).term_end
    if e1 is not None and e2 is not None:
        assert e2.sort_key() >= e1.sort_key()


@settings(max_examples=200)
@given(automatic_agreements())
def test_precision_never_increases_through_the_engine(a):
    start, _, _ = terms.start_of(a)
    for end in itertools.islice(terms.ends(a), 5):
        assert end.date.precision <= start.precision
        if end.notice_by is not None:
            assert end.notice_by.precision <= start.precision


@settings(max_examples=100)
@given(automatic_agreements())
def test_ends_strictly_increase(a):
    ends = [e.date.sort_key() for e in itertools.islice(terms.ends(a), 6)]
    assert ends == sorted(ends) and len(set(ends)) == len(ends)


@settings(max_examples=200)
@given(automatic_agreements(), days)
def test_skipping_old_renewals_gives_the_same_ends_as_walking(a, as_of):
    walked = [e for e in itertools.islice(terms.ends(a), 400) if e.date.latest() >= as_of][:3]
    skipped = [e for e in itertools.islice(terms.ends(a, skip_before=as_of), 400) if e.date.latest() >= as_of][:3]
    assert [(e.date, e.notice_by, e.automatic) for e in skipped] == [(e.date, e.notice_by, e.automatic) for e in walked]
    assert [e.projected(as_of) for e in skipped] == [e.projected(as_of) for e in walked]


def test_denounced_indefinite_agreement_without_notice_period_becomes_unknown():
    a = _agreement(Term(renewal="indefinite"), [Event(PartialDate(2010, 5, 1), "denounced")],
                   in_force=PartialDate(2000, 1, 1))
    assert status.state(a, D("2010-04-30")).status == "in-force"
    assert status.state(a, D("2010-05-01")).status == "unknown"
