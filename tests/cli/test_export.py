"""kdefense export: the SQLite database (read with sqlite3 and Datasette) and
the Frictionless data package (validated with frictionless); what export
never overwrites."""

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
    assert {"agreements_partner", "agreements_type", "agreements_signed_first_day", "agreements_status"} <= indexes
    hits = [r[0] for r in db.execute("SELECT a.id FROM agreements a JOIN agreements_fts f ON a.rowid = f.rowid "
                                     "WHERE agreements_fts MATCH 'caracal'")]
    assert "kw-fr-2016-caracal-contract" in hits
    about = dict(db.execute("SELECT key, value FROM kdefense_export"))
    assert about["as_of"] == "2026-11-24" and about["data_version"] and len(about["dataset_sha256"]) == 64
    assert not any("/" in str(v) for k, v in about.items() if k != "as_of")  # no local path is published
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


def test_answer_columns_come_right_after_signed_and_long_text_last(db):
    columns = [r[1] for r in db.execute("PRAGMA table_info(agreements)")]
    assert columns[:9] == ["id", "partner", "title", "type", "signed", "signed_precision", "signed_first_day",
                           "status", "status_basis"]
    assert columns.index("term_end") < 20 and columns[-3:] == ["summary", "notes", "as_of"]


def test_a_year_only_date_has_an_honest_sortable_companion(db):
    row = db.execute("SELECT signed, signed_precision, signed_first_day FROM agreements WHERE id = "
                     "'kw-ru-1994-bmp3-smerch'").fetchone()
    assert row == ("1994", "year", "1994-01-01")


def test_the_search_is_datasettes_own(tmp_path):
    """The export as Datasette serves it: a search box on agreements that
    finds Caracal, facets from the metadata written beside the file."""
    datasette = pytest.importorskip("datasette.app")
    p = tmp_path / "kdefense.db"
    r = kd("--as-of", "2026-11-24", "export", "--sqlite", p)
    meta = json.loads((tmp_path / "kdefense.metadata.json").read_text(encoding="utf-8"))
    assert r.returncode == 0 and "datasette" in r.stderr
    ds = datasette.Datasette([str(p)], metadata=meta)
    import asyncio

    async def get(path):
        return await ds.client.get(path)

    found = asyncio.run(get("/kdefense/agreements.json?_search=caracal&_shape=array")).json()
    assert [row["id"] for row in found] and all("caracal" in (row["title"] + (row["summary"] or "")).lower()
                                                for row in found)
    page = asyncio.run(get("/kdefense/agreements")).text
    assert 'name="_search"' in page and "partner" in page and "status_basis" in page


def test_the_data_package_is_valid_for_frictionless(tmp_path):
    frictionless = pytest.importorskip("frictionless")
    folder = tmp_path / "package"
    r = kd("--as-of", "2026-11-24", "export", "--datapackage", folder)
    assert r.returncode == 0, r.stderr
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0" and package["version"]
    names = {res["name"] for res in package["resources"]}
    assert {"agreements", "events", "sources", "partners", "types", "term_ends"} <= names
    agreements = next(res for res in package["resources"] if res["name"] == "agreements")
    fields = {f["name"]: f for f in agreements["schema"]["fields"]}
    assert fields["signed"]["type"] == "string" and fields["signed_precision"]["description"]
    assert agreements["schema"]["primaryKey"] == ["id"]


def test_the_data_package_keeps_out_of_a_folder_that_holds_other_files(tmp_path):
    (tmp_path / "thesis.tex").write_text("mine")
    r = kd("export", "--datapackage", tmp_path)
    assert r.returncode == 2 and "holds other files" in r.stderr and (tmp_path / "thesis.tex").read_text() == "mine"


def test_export_opens_exactly_the_path_it_was_given(tmp_path):
    """A name with #, ? or % is a name, not a URI: the database of another
    program beside it is never taken for an earlier export."""
    other = sqlite3.connect(tmp_path / "data")
    other.execute("CREATE TABLE kdefense_export (key TEXT, value TEXT)")
    other.execute("INSERT INTO kdefense_export VALUES ('format', 'kdefense-export-1')")
    other.commit()
    other.close()
    mine = sqlite3.connect(tmp_path / "data#1.db")
    mine.execute("CREATE TABLE thesis (chapter TEXT)")
    mine.commit()
    mine.close()
    r = kd("export", "--sqlite", tmp_path / "data#1.db")
    assert r.returncode == 2 and "not a kdefense export" in r.stderr
    assert sqlite3.connect(tmp_path / "data#1.db").execute("SELECT name FROM sqlite_master").fetchall() == [("thesis",)]
    assert kd("export", "--sqlite", tmp_path / "a?b.db").returncode == 0
    assert kd("export", "--sqlite", tmp_path / "a?b.db").returncode == 0  # its own export, the second time
    assert not (tmp_path / "a").exists()


def test_export_follows_a_link_and_refuses_a_fifo(tmp_path):
    import os

    target = tmp_path / "real.db"
    assert kd("export", "--sqlite", target).returncode == 0
    link = tmp_path / "link.db"
    link.symlink_to(target)
    before = target.stat().st_mtime_ns
    assert kd("--as-of", "2030-01-01", "export", "--sqlite", link, "--force").returncode == 0
    assert link.is_symlink() and target.stat().st_mtime_ns >= before
    assert dict(sqlite3.connect(target).execute("SELECT key, value FROM kdefense_export"))["as_of"] == "2030-01-01"
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    r = kd("export", "--sqlite", fifo, "--force", timeout=20)
    assert r.returncode == 2 and "not a regular file" in r.stderr
