"""Statuses and their basis through the CLI."""

import re

import pytest

from helpers import FIXTURES, write
from kdefense import status
from kdefense.render.terminal import Terminal

STATUSES = FIXTURES / "statuses.yaml"


EXPECTED = {  # id: (status, basis, last_confirmed, term_end)
    "t-term": ("in-force", "term", None, "2030-06-01"),
    "t-indefinite": ("in-force", "indefinite", None, None),
    "t-event": ("in-force", "event", None, "2030-01-01"),
    "t-terminated": ("terminated", "event", None, "2005-02-02"),
    "t-expired": ("expired", "term", None, "2005-03-03"),
    "t-signed": ("signed", "term", None, "2032-01-15"),
    "t-contract": ("concluded", "contract", None, None),
    "t-presumed": ("presumed-in-force", "no-end-on-record", None, None),
    "t-presumed-confirmed": ("presumed-in-force", "confirmed", "2022-03-29", None),
    "t-confirmed-after-end": ("presumed-in-force", "confirmed", "2018-11-22", None),
    "t-renewal-unknown": ("unknown", "renewal-unknown", None, "2003-11-29"),
    "t-conflict": ("unknown", "conflict", "2015-01-01", "2010-01-01"),
    "t-precision": ("unknown", "precision", None, None),
}


def test_every_status_and_basis_in_json(cli):
    rows = cli("list", "-f", "json", data=STATUSES).json()
    got = {r["id"]: (r["status"], r["status_basis"], r["last_confirmed"], r["term_end"]) for r in rows}
    assert got == EXPECTED


def test_status_basis_and_last_confirmed_are_always_present(cli):
    for row in cli("list", "-f", "json", data=STATUSES).json():
        assert {"status_basis", "last_confirmed"} <= row.keys()


def test_status_current_means_in_force_or_presumed(cli):
    r = cli("list", "--status", "current", "-f", "ids", data=STATUSES)
    assert set(r.out.split()) == {i for i, e in EXPECTED.items() if e[0] in ("in-force", "presumed-in-force")}
    r = cli("list", "--status", "presumed-in-force", "-f", "ids", data=STATUSES)
    assert set(r.out.split()) == {"t-presumed", "t-presumed-confirmed", "t-confirmed-after-end"}
    r = cli("list", "--status", "concluded", "-f", "ids", data=STATUSES)
    assert r.out.split() == ["t-contract"]


def test_unknown_status_value_lists_current(cli):
    r = cli("list", "--status", "alive", data=STATUSES)
    assert r.code == 2 and "current" in r.err and "presumed-in-force" in r.err


def test_partners_count_in_force_and_presumed(cli):
    rows = {r["id"]: r for r in cli("partners", "-f", "json", data=STATUSES).json()}
    assert (rows["testland"]["in_force"], rows["testland"]["presumed"]) == (3, 1)
    assert (rows["otherland"]["in_force"], rows["otherland"]["presumed"]) == (0, 2)


def test_show_explains_the_basis_with_the_confirming_source(cli):
    def show(agreement_id):  # the text wraps: compare it as one line
        return " ".join(cli("show", agreement_id, data=STATUSES).out.split())

    out = show("t-presumed-confirmed")
    assert "presumed-in-force as of 2026-11-24 (basis: confirmed)" in out
    assert "a source shows it operating on 2022-03-29 (source 2: Official Journal, 2022-03-29)" in out
    assert "no dates to project" in out
    out = show("t-confirmed-after-end")
    assert "term on record ended on 2002-08-18, so a renewal is missing" in out
    out = show("t-presumed")
    assert "no-end-on-record" in out and "no later source on record shows it operating" in out
    out = show("t-contract")
    assert "concluded" in out and "carried out, not kept in force" in out


def test_a_confirmation_after_a_computed_end_is_a_validate_warning_exit_0(raw):
    r = raw("validate", str(STATUSES))
    assert r.code == 0
    warnings = [l for l in r.out.splitlines() if "warning:" in l]
    assert len(warnings) == 2
    assert any("t-confirmed-after-end" in w and "a renewal is missing" in w for w in warnings)
    assert any("t-conflict" in w and "contradicts its recorded terminated event" in w for w in warnings)
    assert r.out.rstrip().endswith("2 warnings")


def test_a_presumed_row_shows_its_latest_evidence_and_the_legend_says_what_that_means(cli):
    r = cli("list", "-f", "table", data=STATUSES, terminal=Terminal(width=200, tty=True, colour=False))
    out = re.sub(r"\x1b\[[0-9;]*m", "", r.out)
    assert "presumed, signed 2009-10" in out and "presumed, seen 2022-03" in out
    assert "presumed: it started and nothing on record ended it" in out


def test_stats_and_expiring_stay_exact(cli):
    rows = cli("stats", "-f", "json", data=STATUSES).json()
    basis = {r["key"]: r["agreements"] for r in rows if r["group"] == "basis"}
    assert basis["confirmed"] == 2 and basis["no-end-on-record"] == 1 and basis["contract"] == 1
    # a presumed agreement has no dates to project: nothing of it is expiring
    ids = cli("expiring", "--within", "100y", "-f", "ids", data=STATUSES).out.split()
    assert not {"t-presumed", "t-presumed-confirmed", "t-contract"} & set(ids)


def test_one_off_type_in_the_types_table(cli):
    rows = {r["id"]: r for r in cli("types", "-f", "json", data=STATUSES).json()}
    assert "not kept in force" in rows["contract"]["description"]


def test_a_bad_one_off_flag_is_located(cli, tmp_path):
    text = STATUSES.read_text(encoding="utf-8").replace("one_off: true", "one_off: yes")
    r = cli("list", data=write(tmp_path, text))
    assert r.code == 3 and "'one_off' must be true or false" in r.err


def test_a_confirmed_event_needs_its_source(cli, tmp_path):
    text = STATUSES.read_text(encoding="utf-8").replace(
        '{date: 2018-11-22, kind: confirmed, source: 0, note: "Embassy: exercise held under the agreement."}',
        '{date: 2018-11-22, kind: confirmed}')
    r = cli("list", data=write(tmp_path, text))
    assert r.code == 3 and "a 'confirmed' event needs 'source'" in r.err


@pytest.mark.parametrize("as_of", ["2026-11-24", "1999-01-01", "2040-06-30"])
def test_every_record_has_a_known_status_and_basis(cli, as_of):
    for row in cli("list", "-f", "json", data=STATUSES, as_of=as_of).json():
        if row["status"] is not None:
            assert row["status"] in status.STATUSES and row["status_basis"] in status.BASES
