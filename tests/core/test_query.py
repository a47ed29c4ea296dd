"""Queries called directly on the small fixture (no command line): rows,
filters, windows, details; and the errors they raise carry facts."""

import datetime as dt

import pytest

from helpers import SMALL
from kdefense import details, query
from kdefense.dataset import load
from kdefense.errors import BadValue, NotFound
from kdefense.filters import Filters
from kdefense.index import Index

AS_OF = dt.date(2026, 12, 4)


@pytest.fixture(scope="module")
def index():
    return Index(load(SMALL, use_cache=False))


def ids(rows):
    return [r["id"] for r in rows]


def test_list_rows_carry_every_agreement_key_in_order(index):
    rows = query.list_agreements(index, Filters(), AS_OF)
    assert len(rows) == 6 and all(tuple(r) == query.AGREEMENT_KEYS for r in rows)
    assert ids(rows)[0] == "kw-gb-1961-exchange-of-notes"  # by signature


def test_filters_read_values_as_the_api_gives_them(index):
    f = Filters.read({"partner": "Russian Federation", "status": ["current"]}).resolved(index)
    rows = query.list_agreements(index, f, AS_OF)
    assert ids(rows) == ["kw-ru-2023-military-technical"]
    assert Filters.read({"year": 1991}).values == {"year": [1991]}


def test_bad_values_name_the_parameter_not_an_option(index):
    with pytest.raises(BadValue) as e:
        Filters.read({"year": "19x1"})
    assert e.value.what == "year" and "--" not in str(e.value)
    with pytest.raises(BadValue) as e:
        Filters.read({"date_from": "2025", "date_to": "2020"})
    assert e.value.what == "date range"


def test_an_unknown_partner_is_not_found_with_close_matches(index):
    with pytest.raises(NotFound) as e:
        Filters.read({"partner": "rusia"}).resolved(index)
    assert (e.value.kind, e.value.given, e.value.near[0]) == ("partner", "rusia", "russia")


def test_expiring_window_forms():
    assert query.expiring_window(AS_OF, when="2029") == (dt.date(2029, 1, 1), dt.date(2029, 12, 31))
    assert query.expiring_window(AS_OF, when="2029-03") == (dt.date(2029, 3, 1), dt.date(2029, 3, 31))
    assert query.expiring_window(AS_OF, within="18m") == (AS_OF, dt.date(2028, 6, 4))
    assert query.expiring_window(AS_OF, before="2027-01-01") == (AS_OF, dt.date(2026, 12, 31))
    assert query.expiring_window(AS_OF) == (AS_OF, dt.date(2027, 12, 4))
    with pytest.raises(BadValue):
        query.expiring_window(AS_OF, before="2026-01-01")


def test_expiring_and_deadlines_find_the_russian_renewal_and_its_notice(index):
    rows = query.expiring(index, Filters(), AS_OF, dt.date(2029, 1, 1), dt.date(2029, 12, 31))
    ru = next(r for r in rows if r["id"] == "kw-ru-2023-military-technical")
    assert (ru["ends"], ru["ends_notice_by"], ru["ends_kind"], ru["projected"]) == ("2029-03-12", "2028-09-12",
                                                                                   "renewal", False)
    dl = query.deadlines(index, Filters(), AS_OF, dt.date(2029, 12, 31))
    assert {"id": "kw-ru-2023-military-technical", "kind": "notice", "date": "2028-09-12"}.items() <= next(
        r for r in dl if r["kind"] == "notice").items()


def test_details_of_several_ids_in_the_order_asked(index):
    d = details.details(index, ["kw-us-1991-dca", "kw-ru-2023-military-technical"], AS_OF)
    assert [x.row["id"] for x in d.items] == ["kw-us-1991-dca", "kw-ru-2023-military-technical"]
    ru = d.items[1]
    assert ru.related_titles == {"kw-ru-1993-defense-cooperation": "Agreement on cooperation in the fields of defence"}
    assert ru.type_description.startswith("Supply, maintenance")
    with pytest.raises(NotFound) as e:
        details.details(index, ["kw-ru-2023-military-technicl"], AS_OF)
    assert e.value.near == ["kw-ru-2023-military-technical"]


def test_timeline_selects_events_by_their_own_date(index):
    f = Filters.read({"date_from": "2024", "date_to": "2024"}, dated_events=True)
    rows = query.timeline(index, f, AS_OF)
    assert rows and all(r["date"].startswith("2024") for r in rows)


def test_partner_rows_and_stats(index):
    partners = {r["id"]: r for r in query.partner_rows(index, AS_OF)}
    assert partners["russia"]["agreements"] == 2 and partners["russia"]["in_force"] == 1
    stats = {(r["group"], r["key"]): r["agreements"] for r in query.stats(index, AS_OF)}
    assert stats[("total", "agreements")] == 6


def test_sorting_by_an_unknown_key_names_the_keys():
    with pytest.raises(BadValue) as e:
        query.sort_rows([], "colour")
    assert e.value.what == "sort" and "term_end" in e.value.reason
