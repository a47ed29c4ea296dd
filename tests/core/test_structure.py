"""The layers: declarations read everywhere, and the library speaking data, not flags."""

import re

from helpers import ROOT


def test_a_new_filter_is_a_filter_and_its_option(monkeypatch):
    """A dummy filter added to filters.FILTERS (what it means) and to
    cli.options.FILTER_OPTIONS (how it is written) reaches every filtering
    command's options and the query, with no other change."""
    import json

    from typer.testing import CliRunner

    from kdefense import filters
    from kdefense.cli import options
    from kdefense.cli import typer_app as cli_app

    dummy = filters.Filter("confidence", keep=lambda a, st, values: a.confidence in values)
    monkeypatch.setattr(filters, "FILTERS", filters.FILTERS + (dummy,))
    monkeypatch.setattr(options, "FILTERS", filters.FILTERS)
    monkeypatch.setitem(filters.BY_NAME, "confidence", dummy)
    monkeypatch.setitem(options.FILTER_OPTIONS, "confidence", options.FilterOption(
        "confidence", ("--confidence",), "LEVEL", "Confidence of the record. Repeatable."))
    runner = CliRunner()
    for command in ("list", "expiring", "deadlines", "timeline"):
        d = options.COMMANDS[command]
        monkeypatch.setitem(options.COMMANDS, command, options.Declared(command, d.fn, d.rows, d.document, d.options))
        assert "--confidence" in runner.invoke(cli_app.build_app([command]), [command, "--help"]).stdout
    r = runner.invoke(cli_app.build_app(["list"]), ["--as-of", "2026-11-24", "list", "--confidence", "low", "-f", "json"])
    rows = json.loads(r.stdout)
    assert rows and all(row["confidence"] == "low" for row in rows)


def test_no_spec_citations_in_the_package():
    for path in (ROOT / "kdefense").rglob("*.py"):
        assert not re.search(r"\bSPEC\b", path.read_text(encoding="utf-8")), path
