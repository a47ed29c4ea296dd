"""kdefense dyad-years: the partner-year panel researchers join on COW codes."""

import json

from helpers import FIXTURES

EVIDENCE = FIXTURES / "evidence.yaml"


def test_one_row_per_partner_and_year_with_cow_codes(cli):
    rows = cli("dyad-years", "-f", "json", data=EVIDENCE, as_of="2026-12-04").json()
    keys = ("ccode1", "ccode2", "partner", "year", "in_force", "presumed", "signed", "dca", "unknown")
    assert rows and all(tuple(r) == keys for r in rows)
    testland = [r for r in rows if r["partner"] == "testland"]
    assert [r["year"] for r in testland] == list(range(2003, 2027))  # from the first agreement to --as-of
    assert all(r["ccode1"] == 690 and r["ccode2"] == 999 for r in testland)
    org = [r for r in rows if r["partner"] == "org"]
    assert org and all(r["ccode2"] is None for r in org)  # an organisation has rows, with no COW code


def test_counts_follow_the_statuses_on_31_december(cli):
    rows = {(r["partner"], r["year"]): r for r in cli("dyad-years", "-p", "testland", "-f", "json",
                                                     data=EVIDENCE, as_of="2026-12-04").json()}
    y2019 = rows[("testland", 2019)]
    assert y2019["in_force"] == 2 and y2019["signed"] == 1 and y2019["dca"] == 1  # the 2019 plan, the indefinite one
    assert rows[("testland", 2020)]["in_force"] == 3  # the plan ended; the approved one and a programme began
    assert rows[("testland", 2008)]["presumed"] == 2 and rows[("testland", 2009)]["presumed"] == 0  # both dormant
    assert rows[("testland", 2021)]["presumed"] == 2


def test_years_outside_the_datasets_coverage_are_null_not_zero(cli):
    rows = cli("dyad-years", "-p", "testland", "--from", "1955", "--to", "1962", "-f", "json", data=EVIDENCE,
               as_of="2026-12-04").json()
    before = [r for r in rows if r["year"] < 1961]
    assert before and all(r["in_force"] is None and r["dca"] is None for r in before)
    assert all(r["dca"] == 0 for r in rows if r["year"] >= 1961)


def test_from_and_to_are_the_panels_years_and_filters_select_agreements(cli):
    r = cli("dyad-years", "--from", "2020", "--to", "2021", "-t", "action-plan", data=EVIDENCE, as_of="2026-12-04")
    lines = r.out.splitlines()
    assert lines[0].split("\t")[:4] == ["ccode1", "ccode2", "partner", "year"]
    assert [line.split("\t")[3] for line in lines[1:]] == ["2020", "2021"]
    bad = cli("dyad-years", "--from", "2025", "--to", "2020", data=EVIDENCE)
    assert bad.code == 2 and "--from 2025 is after --to 2020" in bad.err


def test_every_row_format(cli):
    for fmt in ("csv", "tsv", "jsonl", "yaml", "markdown", "table"):
        r = cli("dyad-years", "-p", "testland", "--from", "2019", "--to", "2019", "-f", fmt, data=EVIDENCE)
        assert r.code == 0 and "testland" in r.out, fmt
    qatar = cli("dyad-years", "-f", "json", "-p", "qatar", data=EVIDENCE)
    assert qatar.code == 0 and json.loads(qatar.out) == []  # a real country with nothing on record: no rows
