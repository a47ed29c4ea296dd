"""Seeing it: the chart (terminal and files), the briefing, the SQLite export
and completion, through the installed command and the CLI."""

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from test_trust import kd, on_terminal

EXE = Path(sys.executable).with_name("kdefense")
RU23 = "kw-ru-2023-military-technical"
LEGEND_WORDS = ["term on record", "projected automatic renewal", "presumed in force", "signed",
                "entry into force", "renewal", "a source shows it operating", "last day for notice"]


def all_ids():
    return kd("--as-of", "2026-11-24", "list", "-f", "ids").stdout.split()


# -- chart in the terminal ---------------------------------------------------------

@pytest.mark.parametrize("columns", [80, 160])
def test_terminal_chart_fits_and_has_every_row_and_the_legend(columns):
    out = on_terminal(columns, "chart", no_color=False)
    lines = out.splitlines()
    assert all(len(l) <= columns for l in lines), max(lines, key=len)
    flat = " ".join(out.split())
    for word in LEGEND_WORDS:
        assert word in flat, word
    assert "as of 2026-11-24" in flat and "█" in out and "░" in out and "┄" in out
    rows = [l for l in lines if l.startswith("  ") and re.match(r"  \d{4} ", l)]
    assert len(rows) == len(all_ids())
    for partner in ("Russia", "France", "United States", "Gulf Cooperation Council"):
        assert any(l.startswith(partner) for l in lines), partner


def test_piped_chart_is_plain_ascii_and_marks_the_russian_renewal():
    r = kd("--as-of", "2026-11-24", "chart", "-p", "russia", env={"COLUMNS": "120"})
    assert r.returncode == 0 and r.stdout.isascii()
    ru = next(l for l in r.stdout.splitlines() if "2023 military-technical" in l)
    assert re.search(r"S?F?C?#+N\++", ru.replace(" ", "")), ru  # on record, notice, then projected renewals
    assert "kdefense dataset, as of 2026-11-24" in r.stdout


def test_no_color_gives_plain_characters_on_a_terminal():
    out = on_terminal(100, "chart", "-p", "russia")  # on_terminal sets NO_COLOR
    assert "█" not in out and "#" in out


def test_timeline_chart_is_the_chart(cli):
    assert cli("timeline", "--chart", "-p", "russia").out == cli("chart", "-p", "russia").out
    r = cli("timeline", "--chart", "--from", "2020")
    assert r.code == 2 and "kdefense chart --from" in r.err


def test_chart_takes_the_filters_of_list(bundled):
    out = bundled("chart", "-t", "status-of-forces").out
    assert "2003 sofa" in out and "military-technical" not in out
    r = bundled("chart", "--year", "1900")
    assert r.code == 0 and "no agreements match" in r.err


# -- chart as a file ---------------------------------------------------------------

@pytest.fixture(scope="module")
def chart_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("charts")
    env = {"KDEFENSE_CACHE_DIR": str(folder / "cache")}
    for suffix in ("svg", "html", "png", "pdf"):
        r = kd("--as-of", "2026-11-24", "chart", "--output", folder / f"chart.{suffix}", env=env)
        assert r.returncode == 0, r.stderr
    return folder


def test_svg_and_html_carry_every_agreement_row_and_the_legend(chart_files):
    ids = all_ids()
    for name in ("chart.svg", "chart.html"):
        text = (chart_files / name).read_text(encoding="utf-8")
        for agreement_id in ids:
            assert f'id="agreement-{agreement_id}"' in text, (name, agreement_id)
            assert f">{agreement_id}</text>" in text, (name, agreement_id)
        for word in ["term on record", "projected automatic renewal", "a source shows it operating",
                     "last day for notice", "as of 2026-11-24"]:
            assert word in text, (name, word)
        assert "kdefense dataset, as of 2026-11-24" in text
    html = (chart_files / "chart.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "<?xml" not in html
    assert f"<title>{RU23} | " in html  # a tooltip with the title, dates, status and basis
    tip = re.search(rf"<title>{RU23} \| ([^<]*)</title>", html).group(1)
    assert "signed 2023-07-03" in tip and "status: in-force (term)" in tip and "term end: 2029-03-12" in tip


def test_png_and_pdf_are_written_whole(chart_files):
    assert (chart_files / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (chart_files / "chart.pdf").read_bytes()[:5] == b"%PDF-"
    assert not list(chart_files.glob(".kdefense-*"))  # no temporary file left behind
    assert oct((chart_files / "chart.svg").stat().st_mode & 0o777) != "0o600"


def test_an_unknown_chart_suffix_is_a_usage_error(cli, tmp_path):
    r = cli("chart", "--output", str(tmp_path / "chart.gif"))
    assert r.code == 2 and ".svg, .png, .pdf, .html" in r.err


def test_the_chart_stays_out_of_other_commands_import_path():
    code = ("import sys, kdefense.cli as c; sys.argv=['kdefense','--as-of','2026-11-24','list','-p','russia'];"
            "\ntry: c.main()\nexcept SystemExit: pass\n"
            "print(','.join(m for m in ('matplotlib','kdefense.chart','kdefense.export','kdefense.report','sqlite3',"
            "'pycountry','rich') if m in sys.modules), 'loaded')")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.stdout.splitlines()[-1] == " loaded", r.stdout.splitlines()[-1]


# -- the briefing ----------------------------------------------------------------------

def test_report_lists_the_russian_notice_deadline_under_what_lies_ahead(cli):
    out = cli("report", as_of="2027-01-01").out
    ahead = out.split("## What lies ahead")[1].split("\n## ")[0]
    line = next(l for l in ahead.splitlines() if RU23 in l)
    assert line.startswith("| 2028-09-12 | last day to give notice to stop the automatic renewal |")
    assert "in the next" not in out and "(to 2029-01-01)" in out


def test_report_sections_and_numbered_sources(bundled):
    out = bundled("report").out
    for heading in ("# Kuwait's defence agreements: briefing as of 2026-11-24", "## In force and presumed in force, by partner",
                    "## What lies ahead: the next 24 months", "## What changed in the last 12 months",
                    "## Open questions", "## Sources"):
        assert heading in out, heading
    refs = {int(n) for n in re.findall(r"\[(\d+)\]", out.split("## Sources")[0])}
    listed = re.findall(r"^(\d+)\. ", out.split("## Sources")[1], re.M)
    assert refs == set(range(1, len(listed) + 1))
    current = out.split("## In force and presumed in force")[1].split("\n## ")[0]
    assert "presumed in force (a source shows it operating, latest on" in current
    assert "kw-fr-2016-caracal-contract" not in current  # a concluded contract is not "in force"


def test_report_horizon_and_output_file(bundled, tmp_path):
    p = tmp_path / "brief.md"
    r = bundled("report", "--horizon", "6m", "--output", str(p), as_of="2027-01-01")
    assert r.code == 0 and r.out == "" and p.read_text(encoding="utf-8").startswith("# Kuwait")
    assert "2028-09-12" not in p.read_text(encoding="utf-8").split("## What lies ahead")[1].split("\n## ")[0]


def test_report_html_is_one_page_with_the_chart(bundled):
    out = bundled("report", "-f", "html", "-p", "russia").out
    assert out.startswith("<!DOCTYPE html>") and "<svg" in out and f'id="agreement-{RU23}"' in out
    assert '<li id="source-1">' in out and 'href="#source-1"' in out


def test_report_refuses_signature_date_filters(cli):
    r = cli("report", "--year", "2020")
    assert r.code == 2 and "--partner" in r.err


# -- SQLite ------------------------------------------------------------------------------

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


# -- completion ---------------------------------------------------------------------------

def _complete(words: str, cword: int) -> list[str]:
    r = kd(env={"_KDEFENSE_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)})
    return [line.split(",", 1)[-1] for line in r.stdout.splitlines()]


@pytest.mark.parametrize("words,cword,expected", [
    ("kdefense list --partner ru", 3, "russia"),
    ("kdefense list -p روس", 3, "روسيا"),
    ("kdefense expiring --type military-t", 3, "military-technical"),
    ("kdefense list --status pres", 3, "presumed-in-force"),
    ("kdefense list --status cur", 3, "current"),
    ("kdefense show kw-ru-2023", 2, RU23),
])
def test_completion_offers_dataset_values(words, cword, expected):
    assert expected in _complete(words, cword)
