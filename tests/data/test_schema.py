"""The JSON Schema and the validator agree."""


import pytest

from helpers import BUNDLED, MINIMAL, MISSPELT, SCHEMA, SMALL, TWO, plain
from kdefense import strict_yaml
from kdefense.dataset import parse
from kdefense.errors import DataError


def _schema_defs():
    from kdefense.models import (
        TOP_LEVEL_KEYS,
        Agreement,
        Event,
        Partner,
        Related,
        Source,
        Term,
        TypeDef,
    )

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


jsonschema = pytest.importorskip("jsonschema")


GOOD = MINIMAL


jsonschema = pytest.importorskip("jsonschema")


def _schema_ok(text: str) -> bool:
    doc = plain(strict_yaml.load(text))
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


def test_the_json_schema_and_the_declarations_name_the_same_keys():
    for keys, node in _schema_defs():
        assert set(node["properties"]) == set(keys), keys
        assert node.get("additionalProperties") is False, keys


@pytest.mark.parametrize("old,new,fragment", MISSPELT, ids=[m[2][:30] for m in MISSPELT])
def test_the_schema_refuses_the_same_misspelt_files(old, new, fragment):
    text = SMALL.read_text(encoding="utf-8").replace(old, new, 1)
    assert not jsonschema.Draft202012Validator(SCHEMA).is_valid(plain(strict_yaml.load(text)))
    with pytest.raises(DataError):
        parse(text, "d.yaml")


@pytest.mark.parametrize("name,text,expected", SCHEMA_CASES, ids=[c[0] for c in SCHEMA_CASES])
def test_schema_and_validator_agree(name, text, expected):
    assert _validator_ok(text) is expected
    assert _schema_ok(text) is expected


def test_bundled_dataset_passes_the_schema():

    assert _schema_ok(BUNDLED.read_text(encoding="utf-8"))
