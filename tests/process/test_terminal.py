"""What a real terminal shows (a pseudo-terminal at 80 and 120 columns)."""

import json
import re

import pytest

from helpers import RU23, kd, on_terminal
from kdefense.render.wrap import cells

LEGEND_WORDS = ["term on record", "projected automatic renewal", "presumed in force", "signed",
                "entry into force", "renewal", "a source shows it operating", "last day for notice"]


def all_ids():
    return kd("--as-of", "2026-11-24", "list", "-f", "ids").stdout.split()






ID_RE = re.compile(r"\bkw-[a-z0-9-]+\b")


@pytest.mark.parametrize("columns", [80, 160])
def test_terminal_chart_fits_and_has_every_row_and_the_legend(columns):
    out = on_terminal(columns, "chart", no_color=False)
    lines = out.splitlines()
    assert all(len(l) <= columns for l in lines), max(lines, key=len)
    flat = " ".join(out.split())
    for word in LEGEND_WORDS:
        assert word in flat, word
    assert "as of 2026-11-24" in flat and "█" in out and "░" in out and "┄" in out
    rows = [l for l in lines if l.startswith("  ") and re.match(r"  <?\d{4} ", l)]
    signed_by_then = [r for r in json.loads(kd("--as-of", "2026-11-24", "list", "-f", "json").stdout) if r["status"]]
    assert len(rows) == len(signed_by_then)  # every agreement signed by --as-of, one row each
    for partner in ("Russia", "France", "United States", "Gulf Cooperation Council"):
        assert any(l.startswith(partner) for l in lines), partner


def test_piped_chart_is_plain_ascii_and_marks_the_russian_renewal():
    r = kd("--as-of", "2026-11-24", "chart", "-p", "russia", env={"COLUMNS": "120"})
    assert r.returncode == 0 and r.stdout.isascii()
    ru = next(l for l in r.stdout.splitlines() if "2023 Agreement on military-techn" in l)
    assert re.search(r"S?F?C?#+N\++", ru.replace(" ", "")), ru  # on record, notice, then projected renewals
    assert "kdefense dataset, as of 2026-11-24" in r.stdout


def test_no_color_gives_plain_characters_on_a_terminal():
    out = on_terminal(100, "chart", "-p", "russia")  # on_terminal sets NO_COLOR
    assert "█" not in out and "#" in out


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("args", [["list", "-p", "russia"], ["expiring", "2029"], ["deadlines", "--within", "5y"],
                                  ["list", "--type", "status-of-forces"]])
def test_tables_fit_and_break_no_id_date_type_or_status(columns, args):
    out = on_terminal(columns, *args)
    lines = out.splitlines()
    assert lines and all(len(l) <= columns for l in lines), max(lines, key=len)
    ids = set(ID_RE.findall(out))
    expected = set(kd("--as-of", "2026-11-24", *args, "-f", "ids").stdout.split())
    assert expected and expected <= ids  # every id appears whole
    assert not re.search(r"\b\d{4}-(\d{2}-\d?)?(?=\s*$)", out, re.M)  # no date cut inside its day
    for cut in (r"presumed-in-fo(?!rce)", r"defense-coop(?!eration)", r"military-techn(?!ical)",
                r"status-of-fo(?!rces)"):
        assert not re.search(cut, out), cut


@pytest.mark.parametrize("columns", [80, 120])
def test_the_partners_table_keeps_every_partner_id_and_count_header_whole(columns):
    out = on_terminal(columns, "partners")
    header = out.splitlines()[0].split()
    assert header[0] == "id" and {"agreements", "in", "force", "presumed", "recent", "dormant"} <= set(header)
    expected = kd("--as-of", "2026-11-24", "partners", "-f", "ids").stdout.split()
    listed = [line.split()[0] for line in out.splitlines()[2:2 + len(expected)]]
    assert listed == expected
    assert ("name" in header) == (columns == 120)  # the name goes first when the terminal is narrow


def test_a_narrow_terminal_names_the_columns_it_dropped():
    out = on_terminal(80, "list", "-p", "russia")
    assert "not shown (terminal too narrow): " in out and "--fields" in " ".join(out.split())
    wide = on_terminal(200, "list", "-p", "russia")
    assert "not shown" not in wide and "notice by" in wide


def test_booleans_read_as_words_with_a_legend():
    out = on_terminal(200, "deadlines", "--within", "10y")
    assert "true" not in out and "false" not in out
    assert "projected" in out and "projected: the date lies beyond automatic renewals" in " ".join(out.split())


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_show_wraps_to_the_terminal(columns):
    out = on_terminal(columns, "show", RU23)
    text = [l for l in out.splitlines() if not l.strip().startswith("http")]  # a link is never broken
    assert max(len(l) for l in text) <= columns
    assert max(len(l) for l in text) > columns - 15


@pytest.mark.parametrize("columns", [80, 120])
def test_show_wraps_japanese_titles_by_the_cells_they_take(columns):
    # The Japan record's sources are titled in Japanese: two cells a character, no spaces.
    out = on_terminal(columns, "show", "kw-jp-2003-sofa")
    text = [l for l in out.splitlines() if not l.strip().startswith("http")]
    assert max(cells(l) for l in text) <= columns
    assert "自衛隊ニュース" in out.replace("\n", "").replace(" ", "")


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}])
@pytest.mark.parametrize("args", [["show", RU23], ["list", "-p", "russia", "-f", "table"], ["partners"]])
def test_a_stream_that_cannot_take_a_character_gets_escapes(env, args):
    r = kd("--as-of", "2026-11-24", *args, env=env)
    assert r.returncode == 0, r.stderr
    assert "internal error" not in r.stderr


ANSWERS = {  # per command, the columns a narrow terminal keeps (headers)
    ("list",): ("id", "partner", "status"),
    ("expiring", "2029"): ("ends", "notice by", "kind", "id"),
    ("deadlines", "--within", "5y"): ("date", "kind", "id"),
}


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("args", list(ANSWERS), ids=lambda a: a[0])
def test_a_narrow_terminal_keeps_each_commands_answer_on_one_line_per_row(columns, args):
    out = on_terminal(columns, *args, as_of="2026-12-04")
    header = out.splitlines()[0].split()
    assert all(word in " ".join(header) for word in ANSWERS[args]), header
    body = [line for line in out.splitlines()[2:] if re.match(r"^(kw-|\d{4})", line)]
    expected = kd("--as-of", "2026-12-04", *args, "-f", "ids").stdout.split()
    assert len(body) == len(expected)  # one line per row: no title wraps onto a second line


def test_france_at_80_columns_shows_every_rows_status_and_latest_evidence():
    out = on_terminal(80, "list", "--partner", "france", as_of="2026-12-04")
    rows = [line for line in out.splitlines() if line.startswith("kw-fr-")]
    assert len(rows) == len(kd("--as-of", "2026-12-04", "list", "-p", "france", "-f", "ids").stdout.split())
    for line in rows:
        assert re.search(r"(presumed, (seen|signed) \d{4}(-\d{2})?|concluded|in-force|dormant since|signed, approval "
                         r"pending|superseded|expired|terminated)", line), line
    assert all(re.search(r"presumed, (seen|signed) \d{4}", line) for line in rows if "presumed" in line)


@pytest.mark.parametrize("columns", [80, 120])
def test_timeline_gives_each_event_one_line_on_a_terminal_and_whole_lines_in_a_pipe(columns):
    out = on_terminal(columns, "timeline", "-p", "russia").splitlines()
    piped = kd("timeline", "-p", "russia").stdout.splitlines()
    assert len(out) == len(piped) > 5
    assert max(cells(l) for l in out) <= columns
    assert any(l.endswith("…") for l in out) and not any(l.endswith("…") for l in piped)
    assert max(len(l) for l in piped) > 300  # the 2002 confirmation's note, whole
