"""The structure the rest relies on: a cache that can never answer wrong, one
table of formats that the README follows, filters declared once, dates that
refuse to be ordered across precisions."""

import os
import re
import time

import pytest

from conftest import BUNDLED, ROOT
from kdefense import cache, dataset
from kdefense.dates import PartialDate

QUERIES = [
    ["list", "-f", "json"],
    ["list", "--status", "current", "-f", "json"],
    ["expiring", "2004", "-f", "json"],
    ["expiring", "2029", "-f", "json"],
    ["expiring", "--within", "10y", "-f", "json"],
    ["deadlines", "--within", "10y", "-f", "json"],
    ["partners", "-f", "json"],
    ["types", "-f", "json"],
    ["timeline", "-f", "json"],
    ["stats", "-f", "json"],
    ["show", "kw-us-1991-dca", "-f", "json"],
    ["show", "kw-ru-2023-military-technical"],
]


@pytest.fixture
def data_copy(tmp_path):
    p = tmp_path / "agreements.yaml"
    p.write_bytes(BUNDLED.read_bytes())
    old = time.time() - 60
    os.utime(p, (old, old))  # outside the racy window: cacheable
    return p


@pytest.mark.parametrize("args", QUERIES, ids=[" ".join(q[:2]) for q in QUERIES])
def test_every_query_answers_the_same_cold_and_warm(cli, data_copy, args):
    cold = cli(*args, data=data_copy, env={"KDEFENSE_NO_CACHE": "1"})
    cli("types", data=data_copy)  # fill the cache
    assert list(cache.folder().glob("*.cache")), "the cache was not written"
    warm = cli(*args, data=data_copy)
    assert cold.code == warm.code == 0, (cold, warm)
    assert warm.out == cold.out


def test_a_cache_written_by_other_code_is_ignored(data_copy, monkeypatch):
    dataset.load(data_copy)
    assert cache.get(data_copy) is not None
    monkeypatch.setattr(cache, "code_digest", lambda: "other-code")
    assert cache.get(data_copy) is None  # a different key: a miss, never a stale answer


def test_the_code_digest_follows_the_packages_files(tmp_path, monkeypatch):
    first = cache.code_digest()
    assert first == cache.code_digest() and len(first) == 16


def test_a_record_that_fails_to_decode_later_is_a_miss(cli, data_copy, monkeypatch):
    want = cli("list", "-f", "json", data=data_copy, env={"KDEFENSE_NO_CACHE": "1"}).out
    cli("types", data=data_copy)  # fill the cache

    real = cache.LazyAgreements.__getitem__

    def broken(self, row):  # as if a record in the cache had a field the code does not know
        if row == 3:
            raise cache.Undecodable("ValueError: Agreement: 16 cached values for 15 fields")
        return real(self, row)

    monkeypatch.setattr(cache.LazyAgreements, "__getitem__", broken)
    r = cli("list", "-f", "json", data=data_copy)
    assert r.code == 0, r
    assert r.out == want
    assert not list(cache.folder().glob("*.cache"))  # the bad entry was dropped


def test_cached_records_with_a_different_layout_do_not_decode(data_copy):
    import marshal

    from kdefense.models import Agreement

    dataset.load(data_copy)
    ds = cache.get(data_copy)
    blob = ds.agreements._rows[0]
    values, line = marshal.loads(blob)
    ds.agreements._rows = (marshal.dumps((values + ("extra",), line)),) + ds.agreements._rows[1:]
    with pytest.raises(cache.Undecodable):
        ds.agreements[0]
    assert len(Agreement.FIELDS) == len(values)


# -- one table of formats ---------------------------------------------------------

def test_the_readme_formats_table_is_the_registry():
    from kdefense.render import formats_table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert formats_table() in readme, "regenerate the README's table: python -c 'from kdefense.render import " \
                                      "formats_table; print(formats_table())'"


@pytest.mark.parametrize("command", ["list", "show", "expiring", "deadlines", "partners", "types", "timeline",
                                     "stats", "validate"])
def test_help_lists_exactly_the_formats_the_registry_allows(cli, command):
    from kdefense.render import formats_for

    help_text = " ".join(cli(command, "--help").out.split())
    assert ", ".join(formats_for(command)) in help_text
    for fmt in ("ics", "ids", "html", "text"):
        assert (cli(command, "-f", fmt, "--help").code == 0)
        if fmt not in formats_for(command):
            r = cli(command, *(["kw-us-1991-dca"] if command == "show" else []), "-f", fmt)
            assert r.code == 2 and "unknown format" in r.err


def test_fields_is_refused_where_a_format_cannot_honour_it(cli):
    r = cli("list", "-f", "ids", "--fields", "id")
    assert r.code == 2 and "--fields does not apply to -f ids" in r.err


# -- filters declared once ----------------------------------------------------------

def test_a_new_filter_is_one_declaration(monkeypatch):
    """A dummy filter added to FILTERS reaches every filtering command's options
    and the query, with no other change."""
    import json

    from typer.testing import CliRunner

    import kdefense.cli as cli_module
    from kdefense import filters

    dummy = filters.Filter("confidence", ("--confidence",), "LEVEL", "Confidence of the record. Repeatable.",
                           keep=lambda a, st, values: a.confidence in values)
    monkeypatch.setattr(filters, "FILTERS", filters.FILTERS + (dummy,))
    monkeypatch.setattr(cli_module, "FILTERS", filters.FILTERS)
    monkeypatch.setitem(filters.BY_NAME, "confidence", dummy)
    runner = CliRunner()
    for command in ("list", "expiring", "deadlines", "timeline"):
        declared = cli_module.COMMANDS[command]
        monkeypatch.setitem(cli_module.COMMANDS, command, cli_module.Declared(command, declared.fn, declared.options))
        assert "--confidence" in runner.invoke(cli_module.build_app([command]), [command, "--help"]).stdout
    r = runner.invoke(cli_module.build_app(["list"]), ["--as-of", "2026-11-24", "list", "--confidence", "low", "-f", "json"])
    rows = json.loads(r.stdout)
    assert rows and all(row["confidence"] == "low" for row in rows)


# -- partial dates -------------------------------------------------------------------

@pytest.mark.parametrize("a,b", [(PartialDate(2003), PartialDate(2003, 8)), (PartialDate(2003, 8), PartialDate(2003, 8, 1)),
                                 (PartialDate(2001), PartialDate(2003))])
def test_partial_dates_refuse_to_be_ordered(a, b):
    for compare in (lambda: a < b, lambda: a <= b, lambda: a > b, lambda: a >= b, lambda: sorted([b, a])):
        with pytest.raises(TypeError, match="sort_key"):
            compare()
    assert sorted([b, a], key=PartialDate.sort_key)[0] == min(a, b, key=PartialDate.sort_key)
    assert PartialDate(2003) == PartialDate(2003) and PartialDate(2003) != PartialDate(2003, 8)


def test_no_spec_citations_in_the_package():
    for path in (ROOT / "kdefense").rglob("*.py"):
        assert not re.search(r"\bSPEC\b", path.read_text(encoding="utf-8")), path


def test_a_left_out_field_takes_its_empty_value(cli):
    """A record with no term, and a term with no renewal, read as renewal 'unknown'
    (the generated __init__ writes defaults as Python values, not their repr)."""
    from kdefense.models import Agreement, Term

    assert Term().renewal == "unknown" and Term(years=5).renewal == "unknown"
    assert Agreement(id="x").term.renewal == "unknown" and Agreement(id="x").events == []
    assert Agreement(id="x").events is not Agreement(id="y").events
    rows = cli("list", "-f", "json", "--fields", "id,renewal").json()
    assert {r["renewal"] for r in rows} <= {"automatic", "by-agreement", "none", "indefinite", "unknown"}
