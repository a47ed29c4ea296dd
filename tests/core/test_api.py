"""The Python API: the command line's answers as Python values, for notebooks."""

import datetime as dt

import pytest

import kdefense
from helpers import FIXTURES, SMALL


@pytest.fixture(scope="module")
def data():
    return kdefense.load(SMALL)


def test_list_returns_the_rows_json_prints(data, cli):
    rows = data.list(partner="russia", as_of="2026-12-04")
    assert rows == cli("list", "-p", "russia", "-f", "json", as_of="2026-12-04").json()


def test_filters_take_one_value_or_a_list_and_as_of_a_date(data):
    one = data.list(partner="russia", as_of=dt.date(2026, 12, 4))
    many = data.list(partner=["russia", "united-states"], as_of="2026-12-04", sort="id")
    assert {r["partner"] for r in one} == {"russia"} and {r["partner"] for r in many} == {"russia", "united-states"}
    assert [r["id"] for r in data.list(year=1991, as_of="2026-12-04")] == ["kw-us-1991-dca"]


def test_one_method_per_row_command(data):
    assert data.show("kw-ru-2023-military-technical", as_of="2026-12-04")[0]["term_end"] == "2029-03-12"
    assert [r["ends"] for r in data.expiring(2029, as_of="2026-12-04")] == ["2029-03-12"]
    assert any(r["kind"] == "notice" for r in data.deadlines(within="5y", as_of="2026-12-04"))
    assert {r["id"] for r in data.partners(as_of="2026-12-04")} >= {"russia", "gcc"}
    assert data.types()[0].keys() == {"id", "description", "agreements"}
    assert all(r["date"].startswith("2024") for r in data.timeline(from_="2024", to="2024", as_of="2026-12-04"))
    assert data.stats(as_of="2026-12-04")[0] == {"group": "total", "key": "agreements", "agreements": 6}


def test_dyad_years_load_into_a_dataframe(data):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(kdefense.load(FIXTURES / "evidence.yaml").dyad_years(as_of="2026-12-04"))
    assert {"ccode1", "ccode2", "year", "dca"} <= set(frame.columns) and (frame["ccode1"] == 690).all()


def test_errors_are_the_librarys_own_and_name_what_was_wrong(data):
    with pytest.raises(kdefense.NotFound) as e:
        data.list(partner="rusia")
    assert e.value.kind == "partner" and e.value.near[0] == "russia"
    with pytest.raises(kdefense.BadValue):
        data.list(as_of="not a date")
    with pytest.raises(TypeError):
        data.list(colour="red")
    with pytest.raises(kdefense.DataError):
        kdefense.load(FIXTURES / "nothing-here.yaml")


def test_the_api_never_prints(data, capsys):
    data.list(as_of="2026-12-04")
    data.dyad_years(as_of="2026-12-04")
    assert capsys.readouterr() == ("", "")
