"""The evidence rules, each on the evidence fixture through the installed
command: stated ends, purposes ended, approvals pending, supersession by
relation, instruments known only from later reports, the latest evidence."""

import json

import pytest

from helpers import FIXTURES, kd

EVIDENCE = FIXTURES / "evidence.yaml"


def rows(as_of: str, *args) -> dict:
    r = kd("--data", EVIDENCE, "--as-of", as_of, "list", "-f", "json", *args)
    assert r.returncode == 0, r.stderr
    return {row["id"]: row for row in json.loads(r.stdout)}


def status(as_of: str, agreement: str) -> tuple:
    row = rows(as_of)[agreement]
    return row["status"], row["status_basis"]


@pytest.mark.parametrize("as_of,expected", [("2019-06-01", ("in-force", "term")), ("2019-12-30", ("in-force", "term")),
                                            ("2019-12-31", ("in-force", "term")), ("2020-01-01", ("expired", "term"))])
def test_a_stated_last_day_ends_the_term_after_it(as_of, expected):
    assert status(as_of, "e-until") == expected
    assert rows(as_of)["e-until"]["term_end"] == "2019-12-31"


def test_renewal_rules_apply_from_a_stated_end():
    row = rows("2022-06-01")["e-until-auto"]
    assert (row["term_end"], row["notice_by"], row["status"]) == ("2022-12-31", "2022-09-30", "in-force")
    r = kd("--data", EVIDENCE, "--as-of", "2026-12-04", "expiring", "2027", "-f", "json")
    assert [(x["id"], x["ends"]) for x in json.loads(r.stdout)] == [("e-until-auto", "2027-12-31")]


def test_a_purpose_ended_makes_a_presumption_dormant_from_its_date():
    assert status("2009-02-13", "e-dormant") == ("presumed-in-force", "no-end-on-record")
    assert status("2009-02-14", "e-dormant") == ("dormant", "purpose-ended")
    current = rows("2026-12-04", "--status", "current")
    assert "e-dormant" not in current


def test_a_confirmation_after_the_purpose_ended_brings_the_presumption_back():
    assert status("2015-01-01", "e-dormant-again") == ("dormant", "purpose-ended")
    assert status("2026-12-04", "e-dormant-again") == ("presumed-in-force", "confirmed")


def test_a_purpose_ended_never_ends_a_term_on_record():
    assert status("2026-12-04", "e-indefinite-purpose") == ("in-force", "indefinite")


def test_one_approval_missing_keeps_it_signed_and_both_start_it_estimated():
    assert status("2026-12-04", "e-pending") == ("signed", "approval-pending")
    assert status("2019-12-01", "e-approved") == ("signed", "approval-pending")
    row = rows("2021-01-01")["e-approved"]
    assert (row["status"], row["term_end"], row["estimated"]) == ("in-force", "2025-03-10", True)


def test_a_renewing_record_supersedes_the_older_one_from_its_start():
    assert status("2022-03-29", "e-old") == ("presumed-in-force", "no-end-on-record")
    assert status("2022-03-30", "e-old") == ("superseded", "event")
    shown = kd("--data", EVIDENCE, "--as-of", "2026-12-04", "show", "e-old", "e-new").stdout
    old, new = shown.split("\ne-new\n")
    assert "Replaced by e-new (Renewed contingent agreement), which renews it, from 2022-03-30" in " ".join(old.split())
    assert "renews" in new and "e-old" in new


def test_an_instrument_known_from_a_later_report_is_presumed_from_that_date():
    assert rows("2014-10-31").get("e-before") is None or rows("2014-10-31")["e-before"]["status"] is None
    row = rows("2026-12-04")["e-before"]
    assert (row["signed"], row["signed_before"], row["status"]) == (None, "2014-11", "presumed-in-force")
    assert row["xref"] == {"dcad": "DCADv1.0-9999"}
    years = rows("2026-12-04", "--year", "2014")
    assert list(years) == ["e-before"]
    table = kd("--data", EVIDENCE, "--as-of", "2026-12-04", "list", "-f", "table", "-p", "org").stdout
    assert "before 2014-11" in table
    assert "Signed      before 2014-11 (known from a later report)" in kd(
        "--data", EVIDENCE, "--as-of", "2026-12-04", "show", "e-before").stdout


def test_last_evidence_and_the_evidence_since_filter():
    all_rows = rows("2026-12-04")
    assert all_rows["e-dormant"]["last_evidence"] == "2009-02-14"
    assert all_rows["e-pending"]["last_evidence"] == "2026-01"
    recent = rows("2026-12-04", "--evidence-since", "2020")
    assert set(recent) == {"e-dormant-again", "e-pending", "e-old", "e-new", "e-approved", "e-until-auto"}
    assert rows("2010-01-01")["e-dormant-again"]["last_evidence"] == "2009-07-23"  # nothing after --as-of


def test_stats_count_agreements_by_the_age_of_their_latest_evidence():
    r = kd("--data", EVIDENCE, "--as-of", "2026-12-04", "stats", "-f", "json")
    ages = {row["key"]: row["agreements"] for row in json.loads(r.stdout) if row["group"] == "evidence"}
    assert ages == {"under 2 years": 1, "2-5 years": 1, "5-10 years": 5, "over 10 years": 3}


def test_partners_split_presumptions_by_how_recent_their_evidence_is():
    r = kd("--data", EVIDENCE, "--as-of", "2026-12-04", "partners", "-f", "json")
    testland = next(p for p in json.loads(r.stdout) if p["id"] == "testland")
    assert (testland["presumed"], testland["presumed_recent"], testland["dormant"], testland["cow"]) == (2, 1, 1, 999)


def test_show_says_what_a_dormant_or_pending_status_rests_on():
    dormant = " ".join(kd("--data", EVIDENCE, "--as-of", "2026-12-04", "show", "e-dormant").stdout.split())
    assert "Dormant: nothing on record ended it, but what it served has ended (the last unit returned home on " \
           "2009-02-14 (source 1: Ministry of Defence, 2009-02-14))" in dormant
    pending = " ".join(kd("--data", EVIDENCE, "--as-of", "2026-12-04", "show", "e-pending").stdout.split())
    assert "Kuwait's approval (Decree-Law, 2026-01) is on record" in pending and "the other approval is not" in pending
