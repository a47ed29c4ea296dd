"""kdefense expiring."""


import pytest

from helpers import RU23

SPEC_KEYS = {"id", "partner", "partner_name", "title", "type", "signed", "in_force", "status",
             "term_end", "renewal", "notice_by", "estimated", "sources"}


def ids(run):
    return run.out.split()


def test_expiring_2029_lists_russia_with_its_notice_date(cli):
    rows = cli("expiring", "2029", "-f", "json").json()
    assert [(r["id"], r["ends"], r["projected"], r["ends_notice_by"]) for r in rows] == [
        (RU23, "2029-03-12", False, "2028-09-12")]
    assert SPEC_KEYS | {"ends", "projected"} <= rows[0].keys()


def test_expiring_projects_automatic_renewals(cli):
    rows = cli("expiring", "2034", "-f", "json").json()
    assert [(r["id"], r["ends"], r["projected"], r["ends_notice_by"]) for r in rows] == [
        (RU23, "2034-03-12", True, "2033-09-12")]


def test_expiring_a_past_year_lists_terms_that_ended_then(cli):
    assert ids(cli("expiring", "2003", "-f", "ids")) == ["kw-ru-1993-defense-cooperation"]
    rows = cli("expiring", "1971", "-f", "json").json()
    assert [(r["id"], r["ends"], r["ends_kind"]) for r in rows] == [("kw-gb-1961-exchange-of-notes", "1971-05-13", "terminated")]
    rows = cli("expiring", "2021", "-f", "json").json()
    assert [(r["id"], r["ends"], r["ends_estimated"]) for r in rows] == [("kw-us-1991-dca", "2021", True)]


def test_expiring_windows(cli):
    assert ids(cli("expiring", "--within", "2y", "-f", "ids")) == []
    assert ids(cli("expiring", "--within", "28m", "-f", "ids")) == [RU23]
    assert ids(cli("expiring", "--before", "2029-03-12", "-f", "ids")) == []
    assert ids(cli("expiring", "--before", "2029-03-13", "-f", "ids")) == [RU23]
    r = cli("expiring", "--before", "2020")
    assert r.code == 2


def test_expiring_default_table_columns(cli):
    r = cli("expiring", "2029", "-f", "table")
    assert r.out.splitlines()[0].split()[:4] == ["ends", "projected", "notice", "by"]


@pytest.mark.parametrize("when,expected", [("2029", ["2029-03-12"]), ("2029-03", ["2029-03-12"]),
                                           ("2029-03-12", ["2029-03-12"]), ("March 2029", ["2029-03-12"]),
                                           ("2029-04", [])])
def test_expiring_takes_a_year_a_month_or_a_day(cli, when, expected):
    r = cli("expiring", when, "-p", "russia", "-f", "json")
    assert r.code == 0, r
    assert [row["ends"] for row in r.json()] == expected


def test_expiring_says_the_end_is_a_renewal(bundled):
    row = bundled("expiring", "2029", "-p", "russia", "-f", "json").json()[0]
    assert (row["ends"], row["ends_kind"], row["ends_notice_by"]) == ("2029-03-12", "renewal", "2028-09-12")
