"""kdefense deadlines, and its calendar."""

import re

from helpers import RU23, SMALL, write


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


def test_deadlines_name_the_automatic_renewal(bundled):
    rows = bundled("deadlines", "--within", "3y", "-p", "russia", "-f", "json").json()
    assert [(r["kind"], r["date"]) for r in rows] == [("notice", "2028-09-12"), ("renewal", "2029-03-12")]


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
