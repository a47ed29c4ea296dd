"""A hand-kept file that cannot lose a fact, and answers that read right at any
width: misspelt keys, filters that mean what the command is about, renewals
named as such, tables at 80 and 120 columns, and edge cases."""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import BUNDLED, ROOT, SMALL, write
from kdefense.dataset import parse
from kdefense.errors import DataError

EXE = Path(sys.executable).with_name("kdefense")
RU23 = "kw-ru-2023-military-technical"
SCHEMA = json.loads((ROOT / "data" / "agreements.schema.json").read_text(encoding="utf-8"))


def kd(*args, env=None, **kw):
    e = {k: v for k, v in os.environ.items() if not k.startswith("KDEFENSE_")}
    if "KDEFENSE_CACHE_DIR" in os.environ:
        e["KDEFENSE_CACHE_DIR"] = os.environ["KDEFENSE_CACHE_DIR"]
    e.update(env or {})
    return subprocess.run([str(EXE), *map(str, args)], env=e, capture_output=True, text=True, timeout=60, **kw)


# -- 1. A misspelt key is an error at its place, with the close match -----------------

MISSPELT = [
    ("    in_force: 2024-03-12\n", "    in_froce: 2024-03-12\n", "unknown key 'in_froce'; did you mean 'in_force'?"),
    ("notice_months: 6}", "notice_month: 6}", "unknown key 'notice_month'; did you mean 'notice_months'?"),
    ("    place: Moscow\n", "    palce: Moscow\n", "unknown key 'palce'; did you mean 'place'?"),
    ("schema: 1\n", "schema: 1\nshema_version: 2\n", "dataset: unknown key 'shema_version'"),
    ("kind: ratified, instrument:", "kind: ratified, instrumnet:", "did you mean 'instrument'?"),
    ("publisher: TASS", "publsher: TASS", "did you mean 'publisher'?"),
    ("relation: based-on", "relaton: based-on", "did you mean 'relation'?"),
    ("    iso: [RU, RUS]\n", "    isos: [RU, RUS]\n", "did you mean 'iso'?"),
]


@pytest.mark.parametrize("old,new,fragment", MISSPELT, ids=[m[2][:30] for m in MISSPELT])
def test_a_misspelt_key_is_a_located_error_with_the_close_match(cli, tmp_path, old, new, fragment):
    text = SMALL.read_text(encoding="utf-8")
    assert old in text
    p = write(tmp_path, text.replace(old, new, 1))
    r = cli("validate", str(p))
    assert r.code == 3, r
    line = next(l for l in r.out.splitlines() if fragment in l)
    assert re.match(rf"{re.escape(str(p))}:\d+:\d+: ", line)
    # and no command answers from the broken file
    r = cli("expiring", "2029", "-f", "json", data=p)
    assert r.code == 3 and fragment in r.err


def test_the_russian_term_end_cannot_move_silently(tmp_path, cli):
    text = BUNDLED.read_text(encoding="utf-8").replace("    in_force: 2024-03-12\n", "    in_froce: 2024-03-12\n")
    r = cli("list", "-p", "russia", "-f", "json", data=write(tmp_path, text))
    assert r.code == 3 and r.out == ""


def _schema_defs():
    from kdefense.models import Agreement, Event, Partner, Related, Source, Term, TypeDef, TOP_LEVEL_KEYS

    defs = SCHEMA["$defs"]
    agreement = defs["agreement"]["properties"]
    type_object = next(o for o in SCHEMA["properties"]["types"]["additionalProperties"]["oneOf"] if o["type"] == "object")
    return [
        (TOP_LEVEL_KEYS, SCHEMA),
        (Agreement.KEYS, defs["agreement"]),
        (Term.KEYS, defs["term"]),
        (Event.KEYS, defs["event"]),
        (Source.KEYS, defs["source"]),
        (Partner.KEYS, defs["partner"]),
        (Related.KEYS, agreement["related"]["items"]),
        (TypeDef.KEYS, type_object),
    ]


def test_the_json_schema_and_the_declarations_name_the_same_keys():
    for keys, node in _schema_defs():
        assert set(node["properties"]) == set(keys), keys
        assert node.get("additionalProperties") is False, keys


jsonschema = pytest.importorskip("jsonschema")


@pytest.mark.parametrize("old,new,fragment", MISSPELT, ids=[m[2][:30] for m in MISSPELT])
def test_the_schema_refuses_the_same_misspelt_files(old, new, fragment):
    from test_validate import _plain
    from kdefense import yamlsafe

    text = SMALL.read_text(encoding="utf-8").replace(old, new, 1)
    assert not jsonschema.Draft202012Validator(SCHEMA).is_valid(_plain(yamlsafe.load(text)))
    with pytest.raises(DataError):
        parse(text, "d.yaml")


# -- 2. Filters mean what the command is about ----------------------------------------

def test_timeline_dates_select_events_by_their_own_date(bundled):
    r = bundled("timeline", "--from", "2024", "--to", "2024", "-p", "russia", "-f", "json")
    events = {(e["date"], e["event"]) for e in r.json() if e["id"] == RU23}
    assert events == {("2024-03-03", "ratified"), ("2024-03-12", "in-force"), ("2024-10-28", "confirmed")}
    assert all(e["date"].startswith("2024") for e in r.json())


def test_timeline_since_1991_starts_in_1991(bundled):
    rows = bundled("timeline", "--from", "1991", "-f", "json").json()
    assert rows and rows[0]["date"] >= "1991" and any(r["id"] == "kw-gb-1961-exchange-of-notes" for r in
                                                      bundled("timeline", "-f", "json").json())


@pytest.mark.parametrize("when,expected", [("2029", ["2029-03-12"]), ("2029-03", ["2029-03-12"]),
                                           ("2029-03-12", ["2029-03-12"]), ("March 2029", ["2029-03-12"]),
                                           ("2029-04", [])])
def test_expiring_takes_a_year_a_month_or_a_day(cli, when, expected):
    r = cli("expiring", when, "-p", "russia", "-f", "json")
    assert r.code == 0, r
    assert [row["ends"] for row in r.json()] == expected


@pytest.mark.parametrize("args,names", [
    (["expiring", "--year", "2029"], "kdefense expiring 2029"),
    (["expiring", "2029", "--from", "2020"], "--within SPAN / --before DATE"),
    (["deadlines", "--to", "2030"], "--within SPAN"),
    (["deadlines", "--year", "2030"], "--within SPAN"),
    (["timeline", "--year", "2024"], "--from YEAR --to YEAR"),
])
def test_options_that_would_mean_something_else_are_refused(cli, args, names):
    r = cli(*args)
    assert r.code == 2 and names in r.err and len(r.err.strip().splitlines()) == 1


def test_refused_options_are_hidden_from_that_commands_help(cli):
    out = cli("expiring", "--help").out
    assert "--within" in out and "--year" not in out and "--partner" in out


@pytest.mark.parametrize("command", ["list", "timeline"])
def test_an_empty_date_range_is_a_usage_error(cli, command):
    r = cli(command, "--from", "2025", "--to", "2020")
    assert r.code == 2 and "--from 2025 is after --to 2020" in r.err


# -- 3. Renewals are called renewals ------------------------------------------------

def test_deadlines_name_the_automatic_renewal(bundled):
    rows = bundled("deadlines", "--within", "3y", "-p", "russia", "-f", "json").json()
    assert [(r["kind"], r["date"]) for r in rows] == [("notice", "2028-09-12"), ("renewal", "2029-03-12")]


def test_expiring_says_the_end_is_a_renewal(bundled):
    row = bundled("expiring", "2029", "-p", "russia", "-f", "json").json()[0]
    assert (row["ends"], row["ends_kind"], row["ends_notice_by"]) == ("2029-03-12", "renewal", "2028-09-12")


def test_timeline_does_not_say_the_us_agreement_ended(cli):
    rows = cli("timeline", "-p", "us", "-f", "json").json()
    dca = [(r["date"], r["event"]) for r in rows if r["id"] == "kw-us-1991-dca"]
    assert ("2001", "renewed") in dca and ("2021-04", "renewed") in dca
    assert not any(event.startswith("term-end") for _, event in dca)


def test_ics_says_renews_with_a_uid_that_survives_a_corrected_date(cli, tmp_path):
    first = cli("deadlines", "--within", "8y", "-f", "ics", "-p", "russia").out_bytes.decode()
    assert "SUMMARY:Renews automatically: " in first and "Term ends" not in first
    fixed = SMALL.read_text(encoding="utf-8").replace("in_force: 2024-03-12", "in_force: 2024-03-14")
    second = cli("deadlines", "--within", "8y", "-f", "ics", "-p", "russia", data=write(tmp_path, fixed)).out_bytes.decode()
    uids = lambda text: re.findall(r"UID:(.*)\r\n", text)  # noqa: E731
    assert uids(first) == uids(second) and len(set(uids(first))) == len(uids(first)) == 4
    assert first != second


def test_ics_keeps_newlines_in_titles_as_escaped_newlines(cli, tmp_path):
    text = SMALL.read_text(encoding="utf-8").replace(
        "    title: Agreement on military-technical cooperation\n", '    title: "Line one\\nLine two; part, three"\n', 1)
    ics = cli("deadlines", "--within", "3y", "-f", "ics", data=write(tmp_path, text)).out_bytes.decode()
    unfolded = ics.replace("\r\n ", "")
    assert "Line one\\nLine two\\; part\\, three" in unfolded


# -- 4. Terminal tables at 80 and 120 columns -----------------------------------------

def on_terminal(columns: int, *args, no_color: bool = True) -> str:
    """Run the installed kdefense on a pseudo-terminal `columns` wide."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 60, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if not k.startswith("KDEFENSE_") and k not in ("COLUMNS", "LINES")}
    env.update(KDEFENSE_CACHE_DIR=os.environ["KDEFENSE_CACHE_DIR"], TERM="xterm", LANG="C.UTF-8")
    if no_color:
        env["NO_COLOR"] = "1"
    proc = subprocess.Popen([str(EXE), "--as-of", "2026-11-24", *args], stdin=slave, stdout=slave, stderr=slave,
                            env=env, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    return re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", b"".join(chunks).decode()).replace("\r\n", "\n")


ID_RE = re.compile(r"\bkw-[a-z0-9-]+\b")


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
    assert not re.search(r"\b\d{4}-\d{2}\n", out.replace("\n ", "\n"))  # no date cut after its month
    for cut in (r"presumed-in-fo(?!rce)", r"defense-coop(?!eration)", r"military-techn(?!ical)",
                r"status-of-fo(?!rces)"):
        assert not re.search(cut, out), cut


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


def test_piped_tables_stay_uncut(cli):
    r = cli("list", "-f", "table")
    assert "Agreement on cooperation in the fields of defence" in r.out


def test_notes_speak_of_publications_not_of_the_project(bundled):
    text = json.dumps(bundled("list", "-f", "json").json(), ensure_ascii=False).lower()
    for word in ("seed 0", "project seed", "research fact sheet", "in the fact sheet", "the fact sheet had"):
        assert word not in text, word  # (a State Department "fact sheet" is a real publication)


# -- 5. Edge cases ------------------------------------------------------------------

@pytest.mark.parametrize("args", [["deadlines", "--as-of", "9999"], ["expiring", "--as-of", "9999-06"],
                                  ["expiring", "9999"], ["deadlines", "--within", "20y", "--as-of", "9990"]])
def test_the_calendars_end_is_a_clear_answer(args):
    r = kd(*args)
    assert r.returncode == 0, r.stderr
    assert "internal error" not in r.stderr


def test_an_automatically_renewing_agreement_is_in_force_at_the_calendars_end():
    r = kd("list", "-p", "russia", "--as-of", "9999-12-31", "-f", "json")
    ru = next(row for row in json.loads(r.stdout) if row["id"] == RU23)
    assert ru["status"] == "in-force"


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}])
@pytest.mark.parametrize("args", [["show", RU23], ["list", "-p", "russia", "-f", "table"], ["partners"]])
def test_a_stream_that_cannot_take_a_character_gets_escapes(env, args):
    r = kd("--as-of", "2026-11-24", *args, env=env)
    assert r.returncode == 0, r.stderr
    assert "internal error" not in r.stderr


def test_a_nul_byte_has_a_line_and_a_column(tmp_path, cli):
    text = SMALL.read_text(encoding="utf-8")
    p = tmp_path / "nul.yaml"
    p.write_bytes(text.replace("title: Agreement on military-technical cooperation",
                               "title: Agreement on mil\x00itary").encode())
    r = cli("list", data=p)
    line = text[: text.index("title: Agreement on military-technical cooperation")].count("\n") + 1
    assert r.code == 3 and f"{p}:{line}:" in r.err and "U+0000" in r.err and "position" not in r.err


def test_a_merge_key_is_named(tmp_path, cli):
    p = write(tmp_path, "schema: 1\npartners:\n  x:\n    <<: {name: X}\ntypes: {}\nagreements: []\n")
    r = cli("list", data=p)
    assert r.code == 3 and "merge key '<<'" in r.err and f"{p}:4:5" in r.err


@pytest.mark.parametrize("name", ["UAE", "Qatar", "QAT", "قطر", "الإمارات", "Vietnam", "European Union"])
def test_a_real_country_with_nothing_on_record_is_an_empty_answer(cli, name):
    r = cli("list", "-p", name, "-f", "json")
    assert (r.code, r.json()) == (0, [])
    assert cli("list", "-p", name, "-e").code == 1


def test_a_real_country_under_another_name_finds_its_records(bundled):
    ids = bundled("list", "-p", "Russian Federation", "-f", "ids").out.split()
    assert ids == bundled("list", "-p", "RUS", "-f", "ids").out.split() and RU23 in ids


def test_an_invented_partner_is_still_a_usage_error(cli):
    r = cli("list", "-p", "Atlantis")
    assert r.code == 2 and "unknown partner 'Atlantis'" in r.err


def test_an_empty_data_path_is_a_usage_error(raw):
    r = raw("--data", "", "list")
    assert r.code == 2 and "--data is empty" in r.err


def _broken_file(n: int) -> str:
    """n records, each pointing at an id that does not exist."""
    head = "schema: 1\npartners:\n  p: {name: P}\ntypes:\n  t: T\nagreements:\n"
    body = "".join(
        f"  - id: kw-p-{i:06d}-agreement\n    partner: p\n    title: A{i}\n    type: t\n    signed: 2000\n"
        f"    related: [{{id: kw-p-{i + 7:06d}-agreemnt, relation: related}}]\n"
        f"    sources: [{{url: 'https://example.org/{i}'}}]\n" for i in range(n))
    return head + body


def test_many_broken_references_are_all_reported_with_capped_suggestions(tmp_path, raw):
    p = write(tmp_path, _broken_file(3000))
    t0 = time.perf_counter()
    r = raw("validate", str(p))
    elapsed = time.perf_counter() - t0
    assert r.code == 3
    problems = [l for l in r.out.splitlines() if "does not exist" in l]
    assert len(problems) == 3000
    suggested = [l for l in problems if "did you mean" in l]
    assert 0 < len(suggested) <= 25
    assert "kw-p-000007-agreement" in suggested[0]
    assert elapsed < 60  # generous: a guard against quadratic behaviour, not a benchmark
