"""Renderers called directly: a document and a Terminal in, text out."""

import datetime as dt
import json
import re

from kdefense.render import FORMATS, Rows
from kdefense.render.markdown import escape as md_escape
from kdefense.render.terminal import Terminal

ROWS = [{"id": "kw-a", "title": "A <b>bold</b> | [link](javascript:x) \x1b[31m", "signed": "1993-08", "estimated": True},
        {"id": "kw-b", "title": "=SUM(A1)", "signed": "2024", "estimated": False}]
DOC = Rows("agreements", ROWS, ["id", "signed", "title"], dt.date(2026, 12, 4))
PIPE, TTY = Terminal(width=100), Terminal(width=80, tty=True, colour=False)


def render(fmt, doc=DOC, term=PIPE):
    return FORMATS[fmt].render(doc, term)


def test_json_is_compact_on_a_pipe_and_indented_on_a_terminal():
    assert json.loads(render("json")) == ROWS
    assert "\n  " not in render("json") and "\n  " in render("json", term=TTY)
    assert "\x1b" not in render("json")  # control characters escaped inside strings


def test_tsv_and_csv_escape_controls_and_defuse_formulas():
    tsv = render("tsv").splitlines()
    assert tsv[0] == "id\tsigned\ttitle" and len(tsv) == 3
    assert "\\x1b" in tsv[1] and tsv[2].endswith("'=SUM(A1)")
    assert "'=SUM(A1)" in render("csv")


def test_markdown_makes_data_literal():
    out = render("markdown")
    assert "\\<b\\>" in out and "\\|" in out and "\\[link\\]" in out and "\x1b" not in out
    assert md_escape("a_b*c#d!e&f") == "a\\_b\\*c\\#d\\!e\\&f"


def test_table_is_plain_on_a_pipe_and_fitted_on_a_terminal():
    plain = render("table")
    assert plain.splitlines()[0].split() == ["id", "signed", "title"]
    fitted = re.sub(r"\x1b\[[0-9;]*m", "", render("table", term=TTY))
    assert all(len(line) <= 80 for line in fitted.splitlines()) and "kw-a" in fitted


def test_empty_rows_say_nothing_in_a_table_but_an_empty_array_in_json():
    empty = Rows("agreements", [], ["id"], dt.date(2026, 12, 4))
    assert FORMATS["table"].says_nothing(empty) and not FORMATS["json"].says_nothing(empty)
    assert render("json", empty).strip() == "[]"


def test_ids_and_yaml():
    assert render("ids") == "kw-a\nkw-b\n"
    assert render("yaml").startswith("- id: kw-a")


def test_ics_from_deadline_rows():
    rows = [{"id": "kw-a", "partner": "russia", "kind": "notice", "date": "2028-09-12", "estimated": False,
             "projected": False, "title": "A", "term_number": 1}]
    out = render("ics", Rows("deadlines", rows, [], dt.date(2026, 12, 4)))
    assert "DTSTART;VALUE=DATE:20280912" in out and "UID:kw-a-notice-term1@kdefense" in out
    assert out.endswith("END:VCALENDAR\r\n")
