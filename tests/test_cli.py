"""The CLI through Typer's CliRunner: commands, filters, formats, exit codes."""

import csv
import io
import json

import pytest
import yaml

from conftest import SMALL, write

RU23 = "kw-ru-2023-military-technical"
SPEC_KEYS = {"id", "partner", "partner_name", "title", "type", "signed", "in_force", "status",
             "term_end", "renewal", "notice_by", "estimated", "sources"}


def ids(run):
    return run.out.split()


# -- list and filters ------------------------------------------------------------

def test_piped_default_is_tsv_with_header(cli):
    r = cli("list")
    assert r.code == 0
    lines = r.out.splitlines()
    assert lines[0].split("\t")[:4] == ["id", "partner", "type", "signed"]
    assert len(lines) == 7 and all(len(l.split("\t")) == len(lines[0].split("\t")) for l in lines)


@pytest.mark.parametrize("name", ["russia", "RUSSIA", "Russian Federation", "RU", "rus", "روسيا", "俄罗斯", "USSR", "soviet union"])
def test_partner_matches_id_name_iso_and_aliases(cli, name):
    r = cli("list", "--partner", name, "-f", "ids")
    assert r.code == 0, r
    assert ids(r) == ["kw-ru-1993-defense-cooperation", RU23]


@pytest.mark.parametrize("name", ["Türkiye", "turkiye", "TURKIYE", "تركيا", "تركيّا", "ترکیا".replace("ک", "ك")])
def test_partner_matching_folds_accents_and_arabic_forms(cli, name):
    r = cli("list", "-p", name, "-f", "ids")
    assert r.code == 0, r
    assert ids(r) == ["kw-tr-2024-hostile"]


def test_arabic_alef_and_taa_marbuta_forms_fold(cli, tmp_path):
    text = SMALL.read_text(encoding="utf-8").replace("aliases: [GCC, مجلس التعاون الخليجي]", "aliases: [GCC, الأمانة العامة]")
    p = write(tmp_path, text)
    for spelling in ("الأمانة العامة", "الامانة العامه", "الإمانة العامة"):
        r = cli("list", "-p", spelling, "-f", "ids", data=p)
        assert ids(r) == ["kw-gcc-2000-joint-defence-agreement"], spelling


def test_repeated_filters_are_or_and_different_filters_are_and(cli):
    r = cli("list", "-p", "russia", "-p", "us", "-f", "ids")
    assert set(ids(r)) == {RU23, "kw-ru-1993-defense-cooperation", "kw-us-1991-dca"}
    r = cli("list", "-p", "russia", "-p", "us", "--type", "defense-cooperation", "-f", "ids")
    assert ids(r) == ["kw-us-1991-dca", "kw-ru-1993-defense-cooperation"]


def test_year_from_to_search_status(cli):
    assert ids(cli("list", "--year", "1993", "-f", "ids")) == ["kw-ru-1993-defense-cooperation"]
    assert ids(cli("list", "--from", "2000", "--to", "March 2024", "-f", "ids")) == [
        "kw-gcc-2000-joint-defence-agreement", RU23]
    assert ids(cli("list", "--search", "MILITARY-technical", "-f", "ids")) == [RU23]
    assert ids(cli("list", "--status", "terminated", "-f", "ids")) == ["kw-gb-1961-exchange-of-notes"]
    assert ids(cli("list", "--status", "expired", "-f", "ids")) == ["kw-ru-1993-defense-cooperation"]


def test_sort(cli):
    r = cli("list", "--sort", "id", "-f", "ids")
    assert ids(r) == sorted(ids(r))
    r = cli("list", "--sort", "wrong")
    assert r.code == 2 and "cannot sort by 'wrong'" in r.err


@pytest.mark.parametrize("args,fragment", [
    (["list", "-p", "rusia"], "unknown partner 'rusia'; did you mean: russia"),
    (["list", "--type", "militarytechnical"], "did you mean: military-technical"),
    (["list", "--status", "alive"], "unknown status 'alive'"),
    (["show", "kw-ru-2023-military-technicl"], f"did you mean: {RU23}"),
    (["list", "--fields", "id,nope"], "unknown field 'nope'; valid fields: id, partner"),
    (["list", "--format", "xml"], "unknown format 'xml'; choose one of: table, json"),
    (["list", "--from", "31 February 2020"], "--from:"),
    (["expiring", "--within", "soon"], "--within: 'soon' is not a span"),
    (["expiring", "2029", "--within", "2y"], "give only one of YEAR, --within and --before"),
    (["list", "--bogus"], "No such option: --bogus"),
    (["expirng", "2029"], "Did you mean"),
    (["list", "--year", "nineteen"], "nineteen"),
    (["deadlines", "-f", "ics", "--within", "0d"], "empty span"),
])
def test_usage_errors_exit_2_with_one_line(cli, args, fragment):
    r = cli(*args)
    assert r.code == 2, r
    assert r.err.startswith("kdefense: error: ")
    assert fragment in r.err
    assert len(r.err.strip().splitlines()) == 1
    assert r.out == ""


def test_bad_as_of_is_a_usage_error(cli):
    r = cli("list", as_of="someday")
    assert r.code == 2 and "--as-of" in r.err


def test_global_options_work_after_the_command_too(raw):
    r = raw("list", "--data", str(SMALL), "--as-of", "2026-11-24", "-p", "russia", "-f", "ids")
    assert r.code == 0 and RU23 in r.out


def test_kdefense_data_environment_variable(raw):
    r = raw("--as-of", "2026-11-24", "list", "-f", "ids", env={"KDEFENSE_DATA": str(SMALL)})
    assert r.code == 0 and len(ids(r)) == 6


# -- output formats ----------------------------------------------------------------

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


def test_rich_table_on_a_terminal_prints_markup_literally(cli, monkeypatch):
    import kdefense.render as render

    monkeypatch.setattr(render, "is_tty", lambda stream: True)
    r = cli("list", "-f", "table", "-p", "turkey", env={"COLUMNS": "300"})
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


# -- expiring -----------------------------------------------------------------------

def test_expiring_2029_lists_russia_with_its_notice_date(cli):
    rows = cli("expiring", "2029", "-f", "json").json()
    assert [(r["id"], r["ends"], r["projected"], r["ends_notice_by"]) for r in rows] == [
        (RU23, "2029-03-12", False, "2028-09-12")]
    assert SPEC_KEYS | {"ends", "projected"} <= rows[0].keys()


def test_expiring_projects_automatic_renewals(cli):
    rows = cli("expiring", "2034", "-f", "json").json()
    assert [(r["id"], r["ends"], r["projected"], r["ends_notice_by"]) for r in rows] == [
        (RU23, "2034-03-12", True, "2033-09-12")]


def test_expiring_a_past_year_lists_terms_that_ended_then(cli):
    assert ids(cli("expiring", "2003", "-f", "ids")) == ["kw-ru-1993-defense-cooperation"]
    rows = cli("expiring", "1971", "-f", "json").json()
    assert [(r["id"], r["ends"], r["ends_kind"]) for r in rows] == [("kw-gb-1961-exchange-of-notes", "1971-05-13", "terminated")]
    rows = cli("expiring", "2021", "-f", "json").json()
    assert [(r["id"], r["ends"], r["ends_estimated"]) for r in rows] == [("kw-us-1991-dca", "2021", True)]


def test_expiring_windows(cli):
    assert ids(cli("expiring", "--within", "2y", "-f", "ids")) == []
    assert ids(cli("expiring", "--within", "28m", "-f", "ids")) == [RU23]
    assert ids(cli("expiring", "--before", "2029-03-12", "-f", "ids")) == []
    assert ids(cli("expiring", "--before", "2029-03-13", "-f", "ids")) == [RU23]
    r = cli("expiring", "--before", "2020")
    assert r.code == 2


def test_expiring_default_table_columns(cli):
    r = cli("expiring", "2029", "-f", "table")
    assert r.out.splitlines()[0].split()[:4] == ["ends", "projected", "notice", "by"]


# -- deadlines ------------------------------------------------------------------------

def test_deadlines(cli):
    rows = cli("deadlines", "--within", "3y", "-f", "json").json()
    assert [(r["kind"], r["date"], r["id"]) for r in rows] == [
        ("notice", "2028-09-12", RU23), ("renewal", "2029-03-12", RU23)]  # it renews that day (README: deadlines)
    assert set(rows[0]) >= {"id", "partner", "kind", "date", "estimated"}
    assert cli("deadlines", "--within", "1y", "-f", "json").json() == []


def test_deadlines_ics(cli):
    r = cli("deadlines", "--within", "8y", "-f", "ics")
    assert r.code == 0
    text = r.out_bytes.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 5  # Russia: 2 notices, 2 ends; US DCA: 2031 end
    assert "DTSTART;VALUE=DATE:20280912" in text and "DTSTART;VALUE=DATE:20340312" in text
    assert "DTSTART;VALUE=DATE:20310101" in text and "known only to the year (2031)" in text.replace("\r\n ", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


# -- show, partners, types, timeline, stats ------------------------------------------

def test_show_text(cli):
    r = cli("show", RU23)
    assert r.code == 0
    for fragment in ("Agreement on military-technical cooperation", "اتفاقية تعاون عسكري فني",
                     "Term end    2029-03-12 (notice to stop renewal by 2028-09-12)",
                     "based-on   kw-ru-1993-defense-cooperation", "https://www.alhurra.com/",
                     "ratified Amiri decree [source 2]", "Notes"):
        assert fragment in r.out, fragment


def test_show_json_is_a_one_element_array(cli):
    rows = cli("show", RU23, "-f", "json").json()
    assert len(rows) == 1 and rows[0]["id"] == RU23


def test_show_escapes_terminal_sequences(cli):
    r = cli("show", "kw-tr-2024-hostile")
    assert "\x1b" not in r.out and "\x07" not in r.out and "\\x1b[31m" in r.out


def test_partners_and_types(cli):
    rows = cli("partners", "-f", "json").json()
    ru = next(r for r in rows if r["id"] == "russia")
    assert (ru["agreements"], ru["in_force"], ru["iso"]) == (2, 1, ["RU", "RUS"])
    assert {"id", "name", "iso", "aliases", "agreements", "in_force"} <= ru.keys()
    types = {r["id"]: r for r in cli("types", "-f", "json").json()}
    assert types["military-technical"]["agreements"] == 1
    assert set(types["mou"]) == {"id", "description", "agreements"}


def test_timeline(cli):
    r = cli("timeline", "-p", "russia")
    lines = r.out.splitlines()
    assert lines[0].startswith("1993-08") and "signed" in lines[0]
    assert any("2024-03-03" in l and "ratified" in l for l in lines)
    rows = cli("timeline", "-f", "json").json()
    assert [r["date"] for r in rows] == sorted([r["date"] for r in rows], key=lambda d: (d[:4], d))


def test_stats(cli):
    rows = cli("stats", "-f", "json").json()
    got = {(r["group"], r["key"]): r["agreements"] for r in rows}
    assert got[("total", "agreements")] == 6 and got[("partner", "russia")] == 2
    assert got[("decade", "1990s")] == 2 and got[("status", "in-force")] == 3


# -- process-level behaviour --------------------------------------------------------------

def test_version_and_help(raw):
    r = raw("--version")
    assert r.code == 0 and r.out.startswith("kdefense 0.")
    r = raw()
    assert r.code == 0 and "expiring" in r.out
    r = raw("expiring", "--help")
    assert r.code == 0 and "--within" in r.out


def test_internal_error_exit_4_without_traceback(cli, monkeypatch):
    import kdefense.query as q

    def boom(*a, **k):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(q, "list_agreements", boom)
    r = cli("list")
    assert r.code == 4
    assert "internal error: RuntimeError: kaboom" in r.err and "KDEFENSE_DEBUG=1" in r.err
    assert "Traceback" not in r.err
    r = cli("list", env={"KDEFENSE_DEBUG": "1"})
    assert r.code == 4 and "Traceback" in r.err


def test_interrupt_exits_130(cli, monkeypatch):
    import kdefense.query as q

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(q, "list_agreements", interrupted)
    assert cli("list").code == 130


def test_data_is_never_executed(cli, tmp_path):
    marker = tmp_path / "pwned"
    text = SMALL.read_text(encoding="utf-8").replace(
        'title: "GCC Joint Defence Agreement"',
        f'title: !!python/object/apply:os.system ["touch {marker}"]')
    r = cli("list", data=write(tmp_path, text))
    assert r.code == 3 and "tag" in r.err
    assert not marker.exists()


def test_error_messages_quote_data_safely(cli, tmp_path):
    text = SMALL.read_text(encoding="utf-8").replace("partner: turkey", 'partner: "tur\\e[2Jkey"')
    r = cli("list", data=write(tmp_path, text))
    assert r.code == 3
    assert "\x1b" not in r.err and "\\x1b[2J" in r.err
