"""kdefense report."""

import re

from helpers import RU23


def test_report_lists_the_russian_notice_deadline_under_what_lies_ahead(cli):
    out = cli("report", as_of="2027-01-01").out
    ahead = out.split("## What lies ahead")[1].split("\n## ")[0]
    line = next(l for l in ahead.splitlines() if RU23 in l)
    assert line.startswith("| `2028-09-12` | last day to give notice to stop the automatic renewal |")
    assert "in the next" not in out and "(to `2029-01-01`)" in out


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
    assert re.search(r"presumed; latest evidence `\d{4}", current)
    summary = out.split("\n## ")[0]
    assert "| partner | in force | presumed, recent evidence | presumed, old evidence only | dormant |" in summary
    assert summary.index("| partner |") < out.index("## What lies ahead") < out.index("## In force and presumed")
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
