"""kdefense chart: the model through the CLI, and chart files."""

import re

import pytest

from helpers import RU23, kd


def all_ids():
    return kd("--as-of", "2026-11-24", "list", "-f", "ids").stdout.split()


@pytest.fixture(scope="module")
def chart_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("charts")
    env = {"KDEFENSE_CACHE_DIR": str(folder / "cache")}
    for suffix in ("svg", "html", "png", "pdf"):
        r = kd("--as-of", "2026-11-24", "chart", "--output", folder / f"chart.{suffix}", env=env)
        assert r.returncode == 0, r.stderr
    return folder


def test_timeline_chart_is_the_chart(cli):
    assert cli("timeline", "--chart", "-p", "russia").out == cli("chart", "-p", "russia").out
    r = cli("timeline", "--chart", "--from", "2020")
    assert r.code == 2 and "kdefense chart --from" in r.err


def test_chart_takes_the_filters_of_list(bundled):
    out = bundled("chart", "-t", "status-of-forces").out
    assert "2003 Exchange of Notes" in out and "military-technical" not in out
    r = bundled("chart", "--year", "1900")
    assert r.code == 0 and "no agreements match" in r.err


def test_svg_and_html_carry_every_agreement_row_and_the_legend(chart_files):
    ids = all_ids()
    for name in ("chart.svg", "chart.html"):
        text = (chart_files / name).read_text(encoding="utf-8")
        for agreement_id in ids:
            assert f'id="agreement-{agreement_id}"' in text, (name, agreement_id)
            assert f"<title>{agreement_id} | " in text, (name, agreement_id)  # the id in the row's tooltip
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
