"""kdefense validate and the strict reading of hand-edited files."""

import re
import time

import pytest

from helpers import BUNDLED, MINIMAL, MISSPELT, SMALL, write


def _broken_file(n: int) -> str:
    """n records, each pointing at an id that does not exist."""
    head = "schema: 1\npartners:\n  p: {name: P}\ntypes:\n  t: T\nagreements:\n"
    body = "".join(
        f"  - id: kw-p-{i:06d}-agreement\n    partner: p\n    title: A{i}\n    type: t\n    signed: 2000\n"
        f"    related: [{{id: kw-p-{i + 7:06d}-agreemnt, relation: related}}]\n"
        f"    sources: [{{url: 'https://example.org/{i}'}}]\n" for i in range(n))
    return head + body


GOOD = MINIMAL


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


def test_validate_command_lists_all_errors_and_exits_3(tmp_path, raw):
    p = write(tmp_path, GOOD.replace("partner: russia", "partner: x").replace("title: A", "title: null"))
    r = raw("validate", str(p))
    assert r.code == 3
    lines = r.out.strip().splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"{p}:") for line in lines)
    assert "2 problems" in r.err


def test_validate_json_format(tmp_path, raw):
    p = write(tmp_path, GOOD.replace("signed: 2023-07-03", "signed: 2023-7-3"))
    r = raw("validate", str(p), "--format", "json")
    assert r.code == 3
    assert r.json()[0]["line"] == 11 and r.json()[0]["column"] == 13


def test_validate_ok(raw):
    r = raw("validate", str(SMALL))
    assert r.code == 0 and "ok: 6 agreements" in r.out


@pytest.mark.parametrize("content,fragment", [
    (b"\xff\xfe not utf8", "not UTF-8"),
    (b"", "must be a mapping"),
    (b"- a\n- b\n", "must be a mapping"),
    (b"schema: 2\npartners: {}\ntypes: {}\nagreements: []\n", "'schema' must be 1"),
])
def test_unreadable_files_exit_3_with_a_located_error(tmp_path, raw, content, fragment):
    p = tmp_path / "d.yaml"
    p.write_bytes(content)
    r = raw("--data", str(p), "list")
    assert r.code == 3
    assert r.err.startswith(f"kdefense: error: {p}")
    assert fragment in r.err
    assert "Traceback" not in r.err


def test_endless_input_is_cut_off(raw, monkeypatch):
    import kdefense.dataset as dataset

    monkeypatch.setattr(dataset, "MAX_BYTES", 1024)
    r = raw("--data", "/dev/zero", "list")
    assert r.code == 3 and "larger than" in r.err


def test_missing_and_directory_paths(tmp_path, raw):
    r = raw("--data", str(tmp_path / "nope.yaml"), "list")
    assert r.code == 3 and "no such file" in r.err
    r = raw("--data", str(tmp_path), "list")
    assert r.code == 3 and "directory" in r.err
