"""Partial dates, spans and calendar arithmetic."""


import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kdefense.dates import (
    DAY,
    MONTH,
    YEAR,
    DateError,
    PartialDate,
    Span,
    parse_span,
    parse_user_date,
)

partial_dates = st.builds(
    lambda d, p: PartialDate.from_date(d).truncate(p),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.sampled_from([YEAR, MONTH, DAY]),
)


spans = st.builds(Span, st.integers(0, 50), st.integers(0, 36), st.integers(0, 400)).filter(lambda s: not s.is_zero())


@pytest.mark.parametrize("a,b", [(PartialDate(2003), PartialDate(2003, 8)), (PartialDate(2003, 8), PartialDate(2003, 8, 1)),
                                 (PartialDate(2001), PartialDate(2003))])
def test_partial_dates_refuse_to_be_ordered(a, b):
    for compare in (lambda: a < b, lambda: a <= b, lambda: a > b, lambda: a >= b, lambda: sorted([b, a])):
        with pytest.raises(TypeError, match="sort_key"):
            compare()
    assert sorted([b, a], key=PartialDate.sort_key)[0] == min(a, b, key=PartialDate.sort_key)
    assert PartialDate(2003) == PartialDate(2003) and PartialDate(2003) != PartialDate(2003, 8)


@pytest.mark.parametrize("text,precision", [("2029", YEAR), ("2029-03", MONTH), ("2029-03-03", DAY)])
def test_iso_keeps_precision_through_printing(text, precision):
    d = PartialDate.parse_iso(text)
    assert d.precision == precision
    assert str(d) == text


@pytest.mark.parametrize("text", ["2029-13", "2029-02-30", "2023-02-29", "29-03-2029", "2029/03", "", "0000"])
def test_impossible_or_malformed_dates_are_refused(text):
    with pytest.raises(DateError):
        PartialDate.parse_iso(text)


def test_29_february_plus_one_year_is_28_february():
    assert str(PartialDate(2024, 2, 29).shift(Span(years=1))) == "2025-02-28"


def test_whole_terms_are_added_in_one_step_not_year_by_year():
    start = PartialDate(2024, 2, 29)
    assert str(start.shift(Span(years=4))) == "2028-02-29"
    step = start
    for _ in range(4):
        step = step.shift(Span(years=1))
    assert str(step) == "2028-02-28"  # the drift the one-step rule avoids


def test_month_precision_is_kept_through_arithmetic():
    assert str(PartialDate(1993, 8).shift(Span(years=10))) == "2003-08"
    assert str(PartialDate(2003, 8).shift(Span(months=6), -1)) == "2003-02"


def test_year_precision_moved_by_months_stays_a_year():
    assert str(PartialDate(2003).shift(Span(months=6), -1)) == "2002"


@pytest.mark.parametrize("text,expected", [
    ("March 2029", "2029-03"), ("3 Mar 2029", "2029-03-03"), ("22 November 2026", "2026-11-22"),
    ("2029", "2029"), ("2029-03", "2029-03"), ("Mar 3, 2029", "2029-03-03"),
])
def test_user_dates_keep_the_precision_given(text, expected):
    assert str(parse_user_date(text)) == expected


@pytest.mark.parametrize("text", ["March", "3 March", "tomorrow-ish", "31 February 2029", "", "x" * 100])
def test_user_dates_without_a_year_or_impossible_are_refused(text):
    with pytest.raises(DateError):
        parse_user_date(text)


@pytest.mark.parametrize("text,span", [
    ("18m", Span(months=18)), ("2y", Span(years=2)), ("90d", Span(days=90)), ("6w", Span(days=42)),
    ("1y6m", Span(years=1, months=6)), ("2 years", Span(years=2)),
])
def test_spans(text, span):
    assert parse_span(text) == span


@pytest.mark.parametrize("text", ["", "0d", "18", "m", "2y-3m", "1.5y", "-2y"])
def test_bad_spans_are_refused(text):
    with pytest.raises(DateError):
        parse_span(text)


def test_position_of_a_day_against_a_partial_date():
    aug = PartialDate(2003, 8)
    assert aug.locate(dt.date(2003, 7, 31)) == -1
    assert aug.locate(dt.date(2003, 8, 15)) == 0
    assert aug.locate(dt.date(2003, 9, 1)) == 1
    assert PartialDate(2003, 8, 15).locate(dt.date(2003, 8, 15)) == 1


@given(partial_dates, spans, st.sampled_from([1, -1]))
def test_precision_never_increases_through_arithmetic(d, span, sign):
    assert d.shift(span, sign).precision == d.precision


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)), st.integers(1, 50))
def test_adding_years_matches_relativedelta_and_never_overflows_the_month(d, years):
    moved = PartialDate.from_date(d).shift(Span(years=years))
    assert moved.year == d.year + years and moved.month == d.month
    assert moved.day == d.day or (d.month, d.day, moved.day) == (2, 29, 28)


@given(partial_dates)
def test_iso_round_trip(d):
    assert PartialDate.parse_iso(str(d)) == d


@given(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31)),
       st.integers(0, 60), st.integers(0, 200), st.integers(0, 800), st.sampled_from([1, -1]))
def test_arithmetic_is_relativedelta(d, years, months, days, sign):
    from dateutil.relativedelta import relativedelta

    expected = d + relativedelta(years=sign * years, months=sign * months, days=sign * days)
    got = PartialDate.from_date(d).shift(Span(years, months, days), sign)
    assert got.earliest() == expected and got.precision == DAY
