"""The README's examples, tables and claims, kept true by running them."""

import csv
import io
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import AS_OF, BUNDLED, ROOT, RU23, kd, on_terminal

BIN = Path(sys.executable).parent


def readme_examples() -> list[str]:
    """Indented lines that run kdefense, from the README's example sections."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.M)
    wanted = [s for s in sections if s.startswith(("At a terminal", "Reports, charts and SQL", "In scripts"))]
    return [line.strip() for s in wanted for line in s.splitlines()
            if line.startswith("    kdefense ") or line.startswith("    kdefense\t")]


def run(example: str, cwd: Path) -> subprocess.CompletedProcess:
    command = example.split("  #", 1)[0].strip()
    command = re.sub(r"\bkdefense (?!--as-of)", f"kdefense --as-of {AS_OF} ", command)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KDEFENSE_")}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", KDEFENSE_CACHE_DIR=os.environ["KDEFENSE_CACHE_DIR"])
    return subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def rows(out: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(out), delimiter="\t"))


def _jq_available() -> bool:
    return shutil.which("jq") is not None


CHECKS = {
    "kdefense list --partner russia": lambda r, d: RU23 in r.stdout and all(x["partner"] == "russia" for x in rows(r.stdout)),
    "kdefense list --partner france": lambda r, d: rows(r.stdout) and all(
        x["partner"] == "france" and (x["status"] != "presumed-in-force" or x["last_evidence"] and x["status_basis"])
        for x in rows(r.stdout)),
    "kdefense list --evidence-since 2022": lambda r, d: rows(r.stdout) and all(
        x["last_evidence"] >= "2022" for x in rows(r.stdout)),
    "kdefense list --status current": lambda r, d: rows(r.stdout) and all(
        x["status"] in ("in-force", "presumed-in-force") for x in rows(r.stdout)),
    "kdefense list --type military-technical --status in-force": lambda r, d: [x["id"] for x in rows(r.stdout)] == [RU23],
    "kdefense show kw-ru-2023-military-technical": lambda r, d: "Why" in r.stdout and "in-force as of 2026-11-24" in r.stdout,
    "kdefense expiring 2029": lambda r, d: any(x["ends"] == "2029-03-12" and x["ends_notice_by"] == "2028-09-12"
                                               and x["ends_kind"] == "renewal" for x in rows(r.stdout)),
    "kdefense expiring 2029-03": lambda r, d: [x["ends"] for x in rows(r.stdout)] == ["2029-03-12"],
    "kdefense expiring --within 18m": lambda r, d: all("2026-11-24" <= x["ends"] <= "2028-05-24" for x in rows(r.stdout)),
    "kdefense deadlines --within 2y": lambda r, d: ("notice", "2028-09-12") in [(x["kind"], x["date"]) for x in rows(r.stdout)],
    "kdefense timeline --from 1991": lambda r, d: r.stdout and all(l[:4] >= "1991" for l in r.stdout.splitlines()),
    "kdefense timeline --from 2024 --to 2024": lambda r, d: r.stdout and all(l.startswith("2024") for l in r.stdout.splitlines()),
    "kdefense chart --partner gcc": lambda r, d: "Gulf Cooperation Council" in r.stdout and "2000 Joint Defence Agreement" in r.stdout,
    "kdefense partners": lambda r, d: {"in_force", "presumed"} <= set(rows(r.stdout)[0]),
    "kdefense stats": lambda r, d: any(x["group"] == "basis" for x in rows(r.stdout)),
    "kdefense report --as-of 2027-01-01 > briefing.md": lambda r, d: "| `2028-09-12` |" in (d / "briefing.md").read_text(encoding="utf-8"),
    "kdefense report -f html --output briefing.html": lambda r, d: "<svg" in (d / "briefing.html").read_text(encoding="utf-8"),
    "kdefense chart --output chart.svg": lambda r, d: f"agreement-{RU23}" in (d / "chart.svg").read_text(encoding="utf-8"),
    "kdefense chart --current --width 800 --output current.png": lambda r, d: _png_width(d / "current.png") == 800,
    "kdefense export --datapackage kdefense-data": lambda r, d: {"agreements.csv", "datapackage.json"} <= {
        p.name for p in (d / "kdefense-data").iterdir()},
    "kdefense dyad-years --from 1990 --format csv > dyads.csv": lambda r, d: (lambda dyads: dyads and all(
        x["ccode1"] == "690" and x["year"] >= "1990" for x in dyads) and {"365", ""} <= {x["ccode2"] for x in dyads})(
        list(csv.DictReader((d / "dyads.csv").open(encoding="utf-8")))),
    "kdefense export --sqlite kdefense.db": lambda r, d: sqlite3.connect(d / "kdefense.db").execute(
        "SELECT count(*) FROM agreements").fetchone()[0] > 80,
    "kdefense list --partner russia --format json | jq -r '.[] | [.id, .status, .term_end] | @tsv'":
        lambda r, d: f"{RU23}\tin-force\t2029-03-12" in r.stdout,
    "kdefense list --format tsv | sort -t$'\\t' -k4": lambda r, d: (
        lambda signed: signed == sorted(signed))([l.split("\t")[3] for l in r.stdout.splitlines() if l.startswith("kw-")]),
    "kdefense list --partner russia --format ids | xargs kdefense show": lambda r, d: r.stdout.count("Why ") >= 5
        and RU23 in r.stdout,
    "kdefense deadlines --within 5y --format ics > deadlines.ics": lambda r, d: "SUMMARY:Renews automatically" in
        (d / "deadlines.ics").read_text(encoding="utf-8").replace("\r\n ", ""),
    'kdefense list --partner qatar -e >/dev/null || echo "no agreement with Qatar on record"':
        lambda r, d: r.stdout.strip() == "no agreement with Qatar on record",
}


def _png_width(path: Path) -> int:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(head[16:20], "big")


def _key(example: str) -> str:
    return example.split("  #", 1)[0].strip()


def test_the_readme_formats_table_is_the_registry():
    from kdefense.cli.typer_app import formats_table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert formats_table() in readme, "regenerate the README's table: python -c 'from kdefense.render import " \
                                      "formats_table; print(formats_table())'"


def test_every_readme_example_has_a_check():
    missing = [e for e in readme_examples() if _key(e) not in CHECKS]
    assert not missing, missing
    assert len(readme_examples()) >= 20


@pytest.mark.parametrize("example", readme_examples(), ids=lambda e: _key(e)[9:50])
def test_readme_example_does_what_it_says(example, tmp_path):
    if "jq" in example and not _jq_available():
        pytest.skip("jq is not installed")
    r = run(example, tmp_path)
    assert r.returncode == 0 or "||" in example, (example, r.stderr)
    assert "Traceback" not in r.stderr
    assert CHECKS[_key(example)](r, tmp_path), (example, r.stdout[:500])


def test_the_readme_chart_image_exists():
    assert (ROOT / "docs" / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "](docs/chart.png)" in (ROOT / "README.md").read_text(encoding="utf-8")


def _table_rows(heading: str) -> list[list[str]]:
    """The rows of the first Markdown table after `heading` in the README."""
    text = (ROOT / "README.md").read_text(encoding="utf-8").split(heading, 1)[1]
    lines = text.split("\n|", 1)[1].split("\n\n", 1)[0]
    rows = [[c.strip() for c in ("|" + line).strip().strip("|").split("|")] for line in lines.splitlines()]
    return [r for r in rows[2:] if r and r[0]]


def test_the_commands_table_lists_every_command_once():
    from kdefense.cli.typer_app import ORDER

    listed = [re.match(r"`([a-z-]+)", r[0]).group(1) for r in _table_rows("## Commands")]
    assert listed == list(ORDER)


def test_the_exit_codes_table_is_the_code():
    from kdefense.cli.guard import ExitCode

    assert {int(r[0]) for r in _table_rows("## Exit codes")} == {int(c) for c in ExitCode}


def test_every_environment_variable_the_code_reads_is_documented():
    documented = {r[0].strip("`").split("=")[0] for r in _table_rows("## Environment")}
    read = set()
    for path in (ROOT / "kdefense").rglob("*.py"):
        read |= set(re.findall(r"""environ(?:\.get)?\(?\[?["']([A-Z_]+)["']""", path.read_text(encoding="utf-8")))
    read |= {"KDEFENSE_DEBUG", "KDEFENSE_DATA"}  # read through named constants
    read -= {"COLUMNS", "XDG_CACHE_HOME", "_KDEFENSE_COMPLETE", "COMP_CWORD", "COMP_WORDS"}  # the shell's own
    assert read <= documented, read - documented


def test_the_sort_keys_in_the_readme_are_the_code():
    from kdefense.query import SORT_KEYS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = re.search(r"\(sort: ([a-z_, ]+)\)", readme).group(1).split(", ")
    assert listed == list(SORT_KEYS)


def _python_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.M | re.S)


def test_the_readme_python_examples_run_and_say_true(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    blocks = _python_blocks()
    assert len(blocks) == 2
    namespace: dict = {}
    exec(blocks[0], namespace)  # noqa: S102 - the README's own example
    for line in blocks[0].splitlines():
        claimed = re.search(r"#\s*('[^']*')\s*$", line)
        if claimed:  # `expression   # 'value'`: the expression gives that value
            assert repr(eval(line.split("#")[0], namespace)) == claimed.group(1)  # noqa: S307
    assert namespace["rows"] and all(r["partner"] == "russia" for r in namespace["rows"])


def test_the_readme_panel_example_merges():
    pytest.importorskip("pandas")
    namespace: dict = {}
    for block in _python_blocks():  # the second block goes on from the first
        exec(block, namespace)  # noqa: S102
    merged = namespace["merged"]
    assert list(merged["ccode2"]) == [365, 2] and merged["in_force"].notna().all()


def test_the_script_that_draws_the_readme_chart_works(tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "chart.png"
    r = subprocess.run([sys.executable, str(ROOT / "docs" / "make_chart.py"), str(out)], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "-p us -p gcc -p russia -p france" in (ROOT / "README.md").read_text(encoding="utf-8")


# The README's prose on what a narrow terminal keeps, as (command, header labels).
KEPT = {"`list` keeps the id, the\npartner and the status with its evidence": (["list"], ["id", "partner", "status"]),
        "`expiring` the end, the notice date, what happens\nand the id": (["expiring", "--within", "5y"],
                                                                        ["ends", "notice by", "kind", "id"]),
        "`deadlines` the date, the kind and the id": (["deadlines", "--within", "5y"], ["date", "kind", "id"])}


@pytest.mark.parametrize("claim", list(KEPT), ids=lambda c: c.split("`")[1])
def test_what_a_narrow_terminal_keeps_is_what_the_readme_says(claim):
    assert claim in (ROOT / "README.md").read_text(encoding="utf-8")
    args, labels = KEPT[claim]
    out = on_terminal(80, *args, "--data", str(BUNDLED))
    header = out.splitlines()[0].split()
    assert all(label.split()[0] in header for label in labels), header
    assert "not shown (terminal too narrow)" in out


def test_the_nothing_on_record_examples_in_the_readme_are_true():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = re.search(r"nothing on record \(((?:`[^`]+`,? ?)+)\) is an empty answer", readme.replace("\n", " "))
    names = re.findall(r"`([^`]+)`", examples.group(1))
    assert len(names) >= 3
    env = {"KDEFENSE_DATA": str(ROOT / "data" / "agreements.yaml")}
    for name in names:
        listed = kd("list", "-p", name, "-f", "json", env=env).stdout.strip()
        assert (listed, kd("list", "-p", name, "-e", env=env).returncode) == ("[]", 1), name
    assert "did you mean: Qatar?" in kd("list", "-p", "quatar", env=env).stderr
    assert "`quatar`: did you mean Qatar?" in readme.replace("\n", " ")
