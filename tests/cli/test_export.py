"""kdefense export --sqlite."""

import json
import sqlite3

import pytest

from helpers import kd


def all_ids():
    return kd("--as-of", "2026-11-24", "list", "-f", "ids").stdout.split()


@pytest.fixture
def db(tmp_path):
    p = tmp_path / "kdefense.db"
    r = kd("--as-of", "2026-11-24", "export", "--sqlite", p)
    assert r.returncode == 0, r.stderr
    con = sqlite3.connect(p)
    yield con
    con.close()


def test_sqlite_answers_list_partner_russia_like_the_cli(db):
    cli_rows = json.loads(kd("--as-of", "2026-11-24", "list", "-p", "russia", "-f", "json").stdout)
    sql_rows = db.execute("SELECT id, signed, in_force, status, status_basis, term_end, notice_by FROM agreements "
                          "WHERE partner = 'russia' ORDER BY signed, id").fetchall()
    assert sql_rows == [(r["id"], r["signed"], r["in_force"], r["status"], r["status_basis"], r["term_end"],
                         r["notice_by"]) for r in cli_rows]


def test_sqlite_answers_expiring_2029_like_the_cli(db):
    cli_rows = json.loads(kd("--as-of", "2026-11-24", "expiring", "2029", "-f", "json").stdout)
    sql_rows = db.execute("SELECT agreement_id, date, notice_by, kind, projected FROM term_ends WHERE year = 2029 "
                          "ORDER BY date, agreement_id").fetchall()
    assert cli_rows and sql_rows == [(r["id"], r["ends"], r["ends_notice_by"], r["ends_kind"], int(r["projected"]))
                                     for r in cli_rows]


def test_sqlite_has_keys_indexes_and_full_text(db):
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"agreements_partner", "agreements_type", "agreements_signed", "agreements_status"} <= indexes
    hits = [r[0] for r in db.execute("SELECT id FROM agreements_fts WHERE agreements_fts MATCH 'caracal'")]
    assert "kw-fr-2016-caracal-contract" in hits
    assert dict(db.execute("SELECT key, value FROM kdefense_export"))["as_of"] == "2026-11-24"
    n = db.execute("SELECT count(*) FROM agreements").fetchone()[0]
    assert n == len(all_ids())


def test_export_refuses_to_overwrite_what_it_did_not_write(tmp_path):
    other = tmp_path / "notes.db"
    other.write_text("my notes\n")
    r = kd("export", "--sqlite", other)
    assert r.returncode == 2 and "not a kdefense export" in r.stderr and other.read_text() == "my notes\n"
    assert kd("export", "--sqlite", other, "--force").returncode == 0
    assert kd("export", "--sqlite", other).returncode == 0  # an earlier export may be replaced
    assert not list(tmp_path.glob(".kdefense-*"))
