"""Strict YAML loading, validation with located errors, and the JSON Schema."""

import json
from pathlib import Path

import pytest

from conftest import ROOT, SMALL, write
from kdefense import yamlsafe
from kdefense.dataset import parse
from kdefense.errors import DataError

SCHEMA = json.loads((ROOT / "data" / "agreements.schema.json").read_text(encoding="utf-8"))

GOOD = """\
schema: 1
partners:
  russia: {name: Russia, iso: [RU, RUS], aliases: [Russian Federation, NO]}
types:
  mou: Memorandum of understanding
agreements:
  - id: kw-ru-2023-a
    partner: russia
    title: A
    type: mou
    signed: 2023-07-03
    sources: [{url: "https://example.org/a"}]
"""


def _problems(text):
    with pytest.raises(DataError) as info:
        parse(text, "d.yaml")
    return info.value.problems


def test_good_file_loads_and_NO_stays_a_string():
    ds = parse(GOOD, "d.yaml")
    assert ds.partners["russia"].aliases == ["Russian Federation", "NO"]
    assert str(ds.agreements[0].signed) == "2023-07-03"


@pytest.mark.parametrize("text,fragment,line", [
    ("a: 1\na: 2\n", "duplicate key 'a'", 2),
    ("a: &x 1\nb: *x\n", "anchor", 1),
    ("a: !!python/object/apply:os.system [echo hi]\n", "tag", 1),
    ("a: [1\n", "YAML syntax error", 2),
    ("---\na: 1\n---\nb: 2\n", "more than one YAML document", 3),
])
def test_loader_refuses_with_line(text, fragment, line):
    with pytest.raises(yamlsafe.YamlProblem) as info:
        yamlsafe.load(text)
    assert fragment in info.value.message
    assert info.value.line == line


@pytest.mark.parametrize("text", [GOOD, SMALL.read_text(encoding="utf-8"), "a: 1\na: 2\n", "a: &x 1\n",
                                  "a: !!str 1\n", "a: [1\n", "k: |\n  block\n  text\n", "q: 'NO'\nn: NO\n"])
def test_pure_python_parser_gives_the_same_result(text):
    def outcome(parser_class):
        try:
            return ("ok", yamlsafe.load(text, parser_class=parser_class))
        except yamlsafe.YamlProblem as exc:
            return ("error", exc.line, exc.column, exc.message.split(":")[0])

    assert outcome(yamlsafe.PyParser) == outcome(None)


def test_the_fast_c_parser_is_used_when_available():
    import yaml

    assert yamlsafe.C_PARSER is bool(getattr(yaml, "__with_libyaml__", False))


def test_billion_laughs_is_refused_before_expansion():
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    with pytest.raises(yamlsafe.YamlProblem):
        yamlsafe.load(bomb)


def test_timestamps_and_booleans_are_not_implicit():
    doc = yamlsafe.load("d: 2024-03-12\ny: yes\nn: NO\nt: true\ni: 12\nf: 1.5\nz: ~\n")
    assert doc == {"d": "2024-03-12", "y": "yes", "n": "NO", "t": True, "i": 12, "f": "1.5", "z": None}


def test_every_problem_is_listed_with_path_line_and_column():
    bad = GOOD.replace("partner: russia", "partner: rusia").replace("signed: 2023-07-03", "signed: 2023-02-30")
    bad = bad.replace("type: mou", "type: moo")
    problems = _problems(bad)
    messages = [str(p) for p in problems]
    assert any(m.startswith("d.yaml:8:14: ") and "unknown partner 'rusia'" in m and "russia" in m for m in messages), messages
    assert any(m.startswith("d.yaml:10:11: ") and "unknown type 'moo'" in m for m in messages), messages
    assert any(m.startswith("d.yaml:11:13: ") and "day 30 does not exist" in m for m in messages), messages
    assert len(problems) == 3


CROSS = [
    # (replacement applied to a two-record file, expected message fragment)
    ("id: kw-ru-2023-b", "id: kw-ru-2023-a", "duplicate id"),
    ("related: []", "related: [{id: kw-nope, relation: based-on}]", "related id 'kw-nope' does not exist"),
    ("events: []", "events: [{date: 2024-01-01, kind: ratified}, {date: 2023-12-01, kind: renewed, years: 1}]", "before the previous event"),
    ("events: []", "events: [{date: 2023-01-01, kind: ratified}]", "before the signature"),
    ("term: null", "term: {years: 0, renewal: none}", "positive whole number"),
    ("term: null", "term: {years: 5, renewal: automatic}", "renewal_years"),
    ("term: null", "term: {years: 5, renewal: sometimes}", "expected one of"),
    ("sources: [{url: \"https://example.org/b\"}]", "sources: []", "at least one source"),
    ("sources: [{url: \"https://example.org/b\"}]", "sources: [{title: only a title}]", "needs a url, or a publisher and a date"),
    ("sources: [{url: \"https://example.org/b\"}]", "sources: [{url: \"javascript:alert(1)\"}]", "http"),
    ("events: []", "events: [{date: 2024-01-01, kind: ratified, source: 3}]", "index into this record's sources"),
    ("in_force: null", "in_force: 2022-01-01", "comes before signed"),
    ("events: []", "events: [{date: 2024-01-01, kind: ratified, years: 3}]", "only apply to renewed or extended"),
]

TWO = GOOD + """\
  - id: kw-ru-2023-b
    partner: russia
    title: B
    type: mou
    signed: 2023-07
    in_force: null
    term: null
    events: []
    related: []
    sources: [{url: "https://example.org/b"}]
"""


def test_two_record_base_is_valid():
    assert len(parse(TWO, "d.yaml").agreements) == 2


@pytest.mark.parametrize("old,new,fragment", CROSS)
def test_cross_record_checks(old, new, fragment):
    text = TWO.replace(old, new)
    assert text != TWO
    problems = _problems(text)
    assert any(fragment in p.message for p in problems), [str(p) for p in problems]
    assert all(p.line > 0 for p in problems)


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


# -- The JSON Schema and the validator agree ----------------------------------

jsonschema = pytest.importorskip("jsonschema")


def _plain(value):
    """Map/Seq -> dict/list for jsonschema."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _schema_ok(text: str) -> bool:
    doc = _plain(yamlsafe.load(text))
    return jsonschema.Draft202012Validator(SCHEMA).is_valid(doc)


def _validator_ok(text: str) -> bool:
    try:
        parse(text, "d.yaml")
        return True
    except DataError:
        return False


SCHEMA_CASES = [
    ("good", TWO, True),
    ("bundled-like small fixture", SMALL.read_text(encoding="utf-8"), True),
    ("missing title", TWO.replace("    title: B\n", ""), False),
    ("bad id", TWO.replace("id: kw-ru-2023-b", "id: KW_RU"), False),
    ("bad date", TWO.replace("signed: 2023-07\n", "signed: 2023-7\n"), False),
    ("no sources", TWO.replace('sources: [{url: "https://example.org/b"}]', "sources: []"), False),
    ("source without url or publisher+date", TWO.replace('sources: [{url: "https://example.org/b"}]', "sources: [{title: t}]"), False),
    ("automatic without renewal_years", TWO.replace("term: null", "term: {years: 5, renewal: automatic}"), False),
    ("automatic complete", TWO.replace("term: null", "term: {years: 5, renewal: automatic, renewal_years: 5, notice_months: 6}"), True),
    ("indefinite with years", TWO.replace("term: null", "term: {years: 5, renewal: indefinite}"), False),
    ("zero years", TWO.replace("term: null", "term: {years: 0, renewal: none}"), False),
    ("unknown event kind", TWO.replace("events: []", "events: [{date: 2024, kind: vanished}]"), False),
    ("until on ratified", TWO.replace("events: []", "events: [{date: 2024, kind: ratified, until: 2030}]"), False),
    ("bad relation", TWO.replace("related: []", "related: [{id: kw-ru-2023-a, relation: cousin}]"), False),
    ("good relation", TWO.replace("related: []", "related: [{id: kw-ru-2023-a, relation: based-on}]"), True),
    ("bad iso", TWO.replace("iso: [RU, RUS]", "iso: [ru]"), False),
    ("bad confidence", TWO.replace("    title: B\n", "    title: B\n    confidence: certain\n"), False),
    ("schema 2", TWO.replace("schema: 1", "schema: 2"), False),
    ("javascript url", TWO.replace("https://example.org/b", "javascript:alert(1)"), False),
]


@pytest.mark.parametrize("name,text,expected", SCHEMA_CASES, ids=[c[0] for c in SCHEMA_CASES])
def test_schema_and_validator_agree(name, text, expected):
    assert _validator_ok(text) is expected
    assert _schema_ok(text) is expected


def test_bundled_dataset_passes_the_schema():
    from conftest import BUNDLED

    assert _schema_ok(BUNDLED.read_text(encoding="utf-8"))
