"""Nothing lost, nothing injected: hostile data, dates at the calendar's ends,
odd output paths, full devices and signals, through the installed command."""

import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import EXE, ROOT, SMALL, kd, write

HOSTILE = SMALL.read_text(encoding="utf-8").replace(
    "name: Turkey", 'name: "Bad $\\\\notacommand{$ \\u001b[31m\\u0007"', 1).replace(
    "{title: Agreement on military-technical cooperation between Russia and Kuwait comes into effect, publisher: TASS",
    '{title: "<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))", publisher: TASS', 1)


@pytest.fixture
def hostile(tmp_path):
    return write(tmp_path, HOSTILE, "hostile.yaml")


def test_the_hostile_fixture_is_valid(hostile):
    assert kd("validate", hostile).returncode == 0


def test_a_source_url_that_could_break_out_of_a_link_is_refused(tmp_path):
    bad = SMALL.read_text(encoding="utf-8").replace("https://www.alhurra.com/kuwait/2024/03/03/",
                                                    "https://a>[click](javascript:alert(1))", 1)
    r = kd("validate", write(tmp_path, bad))
    assert r.returncode == 3 and "well-formed http" in r.stdout


def test_the_markdown_report_carries_no_markup_from_the_data(hostile):
    markdown_it = pytest.importorskip("markdown_it")
    r = kd("--data", hostile, "--as-of", "2026-12-04", "report")
    assert r.returncode == 0, r.stderr
    page = markdown_it.MarkdownIt("commonmark", {"html": True}).render(r.stdout)
    assert "<script" not in page and "<img" not in page and "onerror=" not in page.replace("onerror=alert", "x") \
        and 'href="javascript:' not in page
    assert "&lt;script&gt;" in page  # the title is shown, as text


@pytest.mark.parametrize("suffix", [".svg", ".html"])
def test_chart_files_are_well_formed_with_controls_and_dollars_in_the_data(hostile, tmp_path, suffix):
    out = tmp_path / f"chart{suffix}"
    r = kd("--data", hostile, "--as-of", "2026-12-04", "chart", "-o", out)
    assert r.returncode == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\x07" not in text
    svg = text[text.index("<svg"):text.index("</svg>") + 6]
    ET.fromstring(svg)  # well-formed XML
    assert "$\\notacommand{$" in svg  # drawn as the text it is, never as mathtext


def test_the_html_report_and_png_survive_the_same_data(hostile, tmp_path):
    assert kd("--data", hostile, "--as-of", "2026-12-04", "report", "-f", "html", "-o", tmp_path / "r.html").returncode == 0
    assert kd("--data", hostile, "--as-of", "2026-12-04", "chart", "-o", tmp_path / "c.png").returncode == 0
    assert "\x1b" not in (tmp_path / "r.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [
    ["chart", "--as-of", "0001"], ["chart", "--as-of", "1000"], ["chart", "--as-of", "1900"],
    ["chart", "--as-of", "1950"], ["report", "--since", "9999y"], ["report", "--as-of", "0001-01-01"],
    ["list", "--as-of", "9999-12-31"], ["deadlines", "--within", "9999y"], ["stats", "--as-of", "0001"],
    ["dyad-years", "--as-of", "9999-12-31", "-p", "russia"], ["timeline", "--as-of", "9999"],
])
def test_every_as_of_and_span_in_the_calendar_is_answered(args):
    r = kd(*args)
    assert r.returncode in (0, 1) and "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr


@pytest.mark.parametrize("args", [
    ["report", "--since", "99999999999999999999d"], ["expiring", "--within", "9" * 5000 + "d"],
    ["report", "--horizon", "9" * 5000 + "y"], ["list", "--as-of", "10000-01-01"], ["deadlines", "--within", "1x"],
])
def test_an_unreadable_span_or_date_is_one_line_and_exit_2(args):
    r = kd(*args)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and r.stderr.startswith("kdefense: error: ")


def test_the_chart_at_the_calendars_end_is_quick_and_quiet(tmp_path):
    t0 = time.perf_counter()
    r = kd("--as-of", "9999-12-31", "chart", "-o", tmp_path / "far.svg")
    assert r.returncode == 0 and r.stderr.startswith("kdefense: wrote") and "MAXTICKS" not in r.stderr
    assert time.perf_counter() - t0 < 10  # under 2 s on the project's VM; a loaded CI machine gets slack


@pytest.mark.parametrize("where", ["missing/dir/out.md", "/proc/kdefense-out.md", "x" * 300 + ".md"])
def test_an_output_file_that_cannot_be_written_is_exit_2_naming_the_users_path(tmp_path, where):
    target = where if where.startswith("/") else str(tmp_path / where)
    r = kd("--as-of", "2026-12-04", "report", "-o", target)
    assert r.returncode == 2 and r.stderr.startswith("kdefense: error: cannot write ") and ".kdefense-" not in r.stderr
    assert not list(tmp_path.rglob(".kdefense-*"))


def test_a_read_only_folder_is_exit_2(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        r = kd("export", "--sqlite", folder / "k.db")
        assert r.returncode == 2 and "cannot write" in r.stderr
    finally:
        folder.chmod(0o755)


def test_a_link_is_followed_and_stays_a_link(tmp_path):
    target = tmp_path / "target.md"
    target.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert kd("--as-of", "2026-12-04", "report", "-o", link).returncode == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("# Kuwait")


def test_a_fifo_and_dev_stdout_are_written_through(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, encoding="utf-8").read()))
    reader.start()
    r = kd("--as-of", "2026-12-04", "report", "-o", fifo, timeout=30)
    reader.join(30)
    assert r.returncode == 0 and got and got[0].startswith("# Kuwait") and fifo.is_fifo()
    out = subprocess.run([str(EXE), "--as-of", "2026-12-04", "report", "-o", "/dev/stdout"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.startswith("# Kuwait")
    assert kd("--as-of", "2026-12-04", "report", "-o", "/dev/null").returncode == 0
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")  # still a device


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["list"], ["show", "kw-ru-2023-military-technical"], ["report"],
                                  ["list", "-f", "json"], ["deadlines", "-f", "ics", "--within", "5y"], ["chart"]])
def test_a_full_stdout_is_one_line_and_not_an_internal_error(args):
    with open("/dev/full", "w") as full:
        r = subprocess.run([str(EXE), "--as-of", "2026-12-04", *args], stdout=full, stderr=subprocess.PIPE, text=True,
                           timeout=60)
    assert r.returncode == 2 and r.stderr.strip().count("\n") == 0 and "standard output" in r.stderr


def test_messages_escape_paths_like_data(tmp_path):
    name = tmp_path / "\x1b[31mred.svg"
    r = kd("--as-of", "2026-12-04", "chart", "-p", "russia", "-o", name)
    assert r.returncode == 0 and "\x1b" not in r.stderr and "\\x1b[31mred.svg" in r.stderr


def test_sigterm_and_sighup_leave_no_temporary_file(tmp_path):
    big = tmp_path / "big.yaml"
    synth = subprocess.run([sys.executable, str(ROOT / "bench" / "synth.py"), "4000"], capture_output=True, text=True,
                           timeout=120)
    big.write_text(synth.stdout, encoding="utf-8")
    for sig in (signal.SIGTERM, signal.SIGHUP):
        proc = subprocess.Popen([str(EXE), "--data", str(big), "--as-of", "2026-12-04", "export", "--sqlite",
                                 str(tmp_path / "big.db"), "--force"], stderr=subprocess.PIPE,
                                env={**os.environ, "KDEFENSE_NO_CACHE": "1"})
        time.sleep(1.0)
        proc.send_signal(sig)
        proc.wait(60)
        assert proc.returncode in (0, 128 + sig), proc.stderr.read()
        assert not list(tmp_path.glob(".kdefense-*")) and not list(tmp_path.glob("*-journal"))


def test_completion_never_blocks_on_a_fifo_and_never_fails_on_a_bad_environment(tmp_path):
    fifo = tmp_path / "data.fifo"
    os.mkfifo(fifo)
    base = {**os.environ, "_KDEFENSE_COMPLETE": "complete_bash", "COMP_WORDS": "kdefense list -p ru",
            "COMP_CWORD": "3"}
    for extra in ({"KDEFENSE_DATA": str(fifo)}, {"COMP_CWORD": "abc"}, {"COMP_WORDS": None}):
        env = {**base, **extra}
        env = {k: v for k, v in env.items() if v is not None}
        r = subprocess.run([str(EXE)], env=env, capture_output=True, text=True, timeout=10)
        assert r.returncode == 0 and r.stderr == "", (extra, r.stderr)


@pytest.mark.parametrize("shell", ["complete_zsh", "complete_fish"])
def test_completion_descriptions_never_carry_raw_escapes(tmp_path, shell):
    data = write(tmp_path, HOSTILE.replace("title: Agreement on military-technical cooperation",
                                           'title: "\\u001b]0;owned\\u0007 military-technical"', 1))
    env = {**os.environ, "_KDEFENSE_COMPLETE": shell, "_TYPER_COMPLETE_ARGS": "kdefense show kw-ru",
           "_TYPER_COMPLETE_WORD_TO_COMPLETE": "kw-ru", "_TYPER_COMPLETE_FISH_ACTION": "get-args",
           "KDEFENSE_DATA": str(data)}
    r = subprocess.run([str(EXE)], env=env, capture_output=True, text=True, timeout=30)
    assert r.returncode == 0 and "\x1b" not in r.stdout and "\x07" not in r.stdout and "kw-ru" in r.stdout


def test_the_calendar_reads_back_the_same_in_the_icalendar_library(tmp_path):
    icalendar = pytest.importorskip("icalendar")
    long_title = "Agreement " + "\\\\;, ñ é — " * 20
    data = write(tmp_path, SMALL.read_text(encoding="utf-8").replace(
        "title: Agreement on military-technical cooperation", f'title: "{long_title}"', 1))
    r = kd("--data", data, "--as-of", "2026-12-04", "deadlines", "--within", "10y", "-f", "ics")
    rows = {(x["id"], x["kind"], x["date"]): x for x in
            json.loads(kd("--data", data, "--as-of", "2026-12-04", "deadlines", "--within", "10y", "-f", "json").stdout)}
    assert all(len(line.encode()) <= 75 for line in r.stdout.splitlines())  # folded at 75 octets
    cal = icalendar.Calendar.from_ical(r.stdout)
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(rows)
    for ev in events:
        summary = str(ev["SUMMARY"])
        assert any(summary.endswith(f"({x['partner']})") and x["title"] in summary for x in rows.values()), summary
        assert str(ev["DESCRIPTION"]).startswith("Agreement ")


HOSTILE_TEXT = st.one_of(st.text(max_size=30), st.sampled_from(["\x1b[31m", "$\\frac{1}{0}$", "=cmd|'/C calc'!A0",
                                                                "[b]x[/b]", "<script>", "9" * 400, "../../etc",
                                                                "0001-01-01", "9999-12-31", "-1", "1y1m1w1d"]))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from([["list", "-p"], ["list", "--search"], ["list", "--as-of"], ["expiring"],
                                ["expiring", "--within"], ["deadlines", "--within"], ["list", "--evidence-since"],
                                ["report", "--since"], ["show"], ["dyad-years", "--from"], ["list", "--year"],
                                ["timeline", "--from"], ["list", "--sort"], ["list", "--fields"]]),
       value=HOSTILE_TEXT)
def test_hostile_values_get_an_answer_or_a_usage_error_never_a_traceback(cli, command, value):
    if "\x00" in value:
        value = value.replace("\x00", "")
    r = cli(*command, value, as_of="2026-12-04")
    assert r.code in (0, 1, 2, 3), (command, value, r)
    assert "Traceback" not in r.err and "internal error" not in r.err, (command, value, r.err)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
       command=st.sampled_from([["list"], ["expiring", "--within", "2y"], ["deadlines"], ["partners"], ["stats"],
                                ["timeline"], ["report"], ["chart"], ["show", "kw-us-1991-dca"]]))
def test_every_day_of_the_calendar_is_answered(cli, day, command):
    r = cli(*command, as_of=day.isoformat())
    assert r.code in (0, 1), (command, day, r)
    assert not re.search(r"Traceback|internal error", r.err), (command, day, r.err)
