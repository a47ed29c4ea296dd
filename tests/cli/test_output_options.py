"""--format, --fields and -e: every output format through the CLI."""

import csv
import io
import json

import pytest
import yaml

from helpers import RU23, SMALL, write
from kdefense.render.terminal import Terminal

SPEC_KEYS = {"id", "partner", "partner_name", "title", "type", "signed", "in_force", "status",
             "term_end", "renewal", "notice_by", "estimated", "sources"}


def ids(run):
    return run.out.split()


@pytest.mark.parametrize("command", ["list", "show", "expiring", "deadlines", "partners", "types", "timeline",
                                     "stats", "validate"])
def test_help_lists_exactly_the_formats_the_registry_allows(cli, command):
    from kdefense.cli.options import formats_for

    help_text = " ".join(cli(command, "--help").out.split())
    assert ", ".join(formats_for(command)) in help_text
    for fmt in ("ics", "ids", "html", "text"):
        assert (cli(command, "-f", fmt, "--help").code == 0)
        if fmt not in formats_for(command):
            r = cli(command, *(["kw-us-1991-dca"] if command == "show" else []), "-f", fmt)
            assert r.code == 2 and "unknown format" in r.err


def test_fields_is_refused_where_a_format_cannot_honour_it(cli):
    r = cli("list", "-f", "ids", "--fields", "id")
    assert r.code == 2 and "--fields does not apply to -f ids" in r.err


def test_json_has_every_spec_key_with_null_for_unknown(cli):
    rows = cli("list", "-f", "json").json()
    assert len(rows) == 6
    for row in rows:
        assert SPEC_KEYS <= row.keys()
    ru = next(r for r in rows if r["id"] == RU23)
    assert ru["partner_name"] == "Russia" and ru["status"] == "in-force"
    assert (ru["term_end"], ru["notice_by"], ru["estimated"]) == ("2029-03-12", "2028-09-12", False)
    assert ru["sources"][0]["publisher"] == "TASS"
    dca = next(r for r in rows if r["id"] == "kw-us-1991-dca")
    assert (dca["signed"], dca["in_force"], dca["notice_by"], dca["estimated"]) == ("1991", None, None, True)


def test_fields_cut_json_keys_in_the_order_given(cli):
    rows = cli("list", "-p", "russia", "-f", "json", "--fields", "term_end,id").json()
    assert [list(r) for r in rows] == [["term_end", "id"], ["term_end", "id"]]


def test_jsonl_yaml_ids(cli):
    lines = cli("list", "-f", "jsonl").out.splitlines()
    assert len(lines) == 6 and all(json.loads(l)["id"] for l in lines)
    assert [r["id"] for r in yaml.safe_load(cli("list", "-f", "yaml").out)] == [json.loads(l)["id"] for l in lines]
    assert len(ids(cli("list", "-f", "ids"))) == 6


def test_csv_quotes_and_defuses_formulas(cli):
    r = cli("list", "-f", "csv", "--fields", "id,title,notes")
    rows = list(csv.DictReader(io.StringIO(r.out)))
    hostile = next(x for x in rows if x["id"] == "kw-tr-2024-hostile")
    assert hostile["title"].startswith("[bold red]Hostile[/]")
    assert "\x1b" not in r.out and "\x07" not in r.out
    assert "\\x1b" in hostile["notes"]


def test_csv_formula_prefix(cli, tmp_path):
    text = SMALL.read_text(encoding="utf-8").replace('title: "GCC Joint Defence Agreement"', 'title: "=HYPERLINK(\\"http://x\\")"')
    r = cli("list", "-f", "csv", "--fields", "id,title", data=write(tmp_path, text))
    assert "'=HYPERLINK" in r.out
    r = cli("list", "-f", "tsv", "--fields", "id,title", data=write(tmp_path, text))
    assert "\t'=HYPERLINK" in r.out


def test_tsv_keeps_one_line_per_row(cli):
    r = cli("list", "-f", "tsv", "--fields", "id,notes")
    lines = r.out.splitlines()
    assert len(lines) == 7
    hostile = next(l for l in lines if l.startswith("kw-tr-2024-hostile"))
    assert hostile.split("\t")[1].startswith("Line one\\nLine two")


def test_markdown_escapes_pipes_and_markup(cli):
    r = cli("list", "-f", "markdown", "--fields", "id,title")
    assert r.out.splitlines()[0] == "| id | title |"
    line = next(l for l in r.out.splitlines() if "hostile" in l)
    assert "\\|" in line and "\\[bold red\\]" in line and line.count(" | ") == 1


def test_table_to_a_pipe_is_plain_and_never_cut(cli):
    r = cli("list", "-f", "table")
    assert "\x1b[" not in r.out
    assert "Agreement on cooperation in the fields of defence" in r.out
    assert r.out.splitlines()[0].split()[:3] == ["id", "partner", "type"]


def test_rich_table_on_a_terminal_prints_markup_literally(cli):
    r = cli("list", "-f", "table", "-p", "turkey", terminal=Terminal(width=300, tty=True))
    assert r.code == 0
    assert "[bold red]Hostile[/]" in r.out and ":smile:" in r.out and "😄" not in r.out
    assert "\x1b]0;" not in r.out and "\x07" not in r.out


def test_nothing_matched_exit_codes(cli):
    r = cli("list", "--year", "1900", "-f", "json")
    assert (r.code, r.out.strip()) == (0, "[]")
    r = cli("list", "--year", "1900", "-f", "table")
    assert r.code == 0 and r.out == "" and "no agreements match" in r.err
    r = cli("list", "--year", "1900", "-e")
    assert r.code == 1
    r = cli("list", "--year", "1993", "-e", "-f", "ids")
    assert r.code == 0


def test_piped_tables_stay_uncut(cli):
    r = cli("list", "-f", "table")
    assert "Agreement on cooperation in the fields of defence" in r.out
