"""Reading and checking a dataset file: strict YAML and located problems."""


import pytest

from helpers import MINIMAL, SMALL, TWO
from kdefense import strict_yaml
from kdefense.dataset import parse
from kdefense.errors import DataError

GOOD = MINIMAL


def _problems(text):
    with pytest.raises(DataError) as info:
        parse(text, "d.yaml")
    return info.value.problems


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
    with pytest.raises(strict_yaml.YamlProblem) as info:
        strict_yaml.load(text)
    assert fragment in info.value.message
    assert info.value.line == line


@pytest.mark.parametrize("text", [GOOD, SMALL.read_text(encoding="utf-8"), "a: 1\na: 2\n", "a: &x 1\n",
                                  "a: !!str 1\n", "a: [1\n", "k: |\n  block\n  text\n", "q: 'NO'\nn: NO\n"])
def test_pure_python_parser_gives_the_same_result(text):
    def outcome(parser_class):
        try:
            return ("ok", strict_yaml.load(text, parser_class=parser_class))
        except strict_yaml.YamlProblem as exc:
            return ("error", exc.line, exc.column, exc.message.split(":")[0])

    assert outcome(strict_yaml.PyParser) == outcome(None)


def test_the_fast_c_parser_is_used_when_available():
    import yaml

    assert strict_yaml.C_PARSER is bool(getattr(yaml, "__with_libyaml__", False))


def test_billion_laughs_is_refused_before_expansion():
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    with pytest.raises(strict_yaml.YamlProblem):
        strict_yaml.load(bomb)


def test_timestamps_and_booleans_are_not_implicit():
    doc = strict_yaml.load("d: 2024-03-12\ny: yes\nn: NO\nt: true\ni: 12\nf: 1.5\nz: ~\n")
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


def test_two_record_base_is_valid():
    assert len(parse(TWO, "d.yaml").agreements) == 2


@pytest.mark.parametrize("old,new,fragment", CROSS)
def test_cross_record_checks(old, new, fragment):
    text = TWO.replace(old, new)
    assert text != TWO
    problems = _problems(text)
    assert any(fragment in p.message for p in problems), [str(p) for p in problems]
    assert all(p.line > 0 for p in problems)


def _warnings(text: str) -> list[str]:
    from kdefense.checks import warnings

    return [p.message for p in warnings(parse(text, "d.yaml"))]


@pytest.mark.parametrize("old,new,said", [
    ("    title: B\n", "    title: Action plan for 2019\n", "names the year 2019 but its term has no stated end"),
    ("    title: B\n", "    title: Renewal of the A memorandum\n", "says which"),
    ("    related: []\n", "    related: [{id: kw-ru-2023-a, relation: part-of}]\n", None),
    ("    related: []\n", '    related: []\n    notes: "As source 1 and source 2 say."\n', "notes cite source 2, but its "
     "sources are numbered 1 to 1"),
    ("    related: []\n", '    related: []\n    notes: "As source 0 says."\n', "notes cite source 0"),
])
def test_validate_warns_where_a_stated_rule_is_not_followed(old, new, said):
    assert _warnings(TWO) == []
    text = TWO.replace(old, new)
    assert text != TWO
    found = _warnings(text)
    if said is None:  # part of a record that has not ended: nothing to say
        assert found == []
    else:
        assert len(found) == 1 and said in found[0] and "kw-ru-2023-b" in found[0]


def test_a_part_of_an_ended_record_is_a_warning():
    ended = TWO.replace('sources: [{url: "https://example.org/a"}]',
                        'events: [{date: 2024, kind: terminated}]\n    sources: [{url: "https://example.org/a"}]', 1)
    text = ended.replace("    related: []\n", "    related: [{id: kw-ru-2023-a, relation: part-of}]\n")
    assert any("it is part of 'kw-ru-2023-a', which has ended" in w for w in _warnings(text))
