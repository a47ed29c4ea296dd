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


def _strings_outside_docstrings(path):
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def test_the_library_speaks_data_not_flags():
    """No string in the library core names a command-line option or command:
    the command line words the library's errors (kdefense/cli/guard.py)."""
    flag = re.compile(r"(?<![\w-])--[a-z][a-z-]+|'kdefense [a-z]")
    core = [p for p in (ROOT / "kdefense").rglob("*.py") if not {"cli", "render"} & set(p.relative_to(ROOT / "kdefense").parts)]
    assert len(core) > 15
    found = [(p.name, line, s) for p in core for line, s in _strings_outside_docstrings(p) if flag.search(s)]
    assert not found, found


def test_no_two_modules_share_a_name_and_none_is_long():
    modules = list((ROOT / "kdefense").rglob("*.py"))
    names = [p.name for p in modules if p.name != "__init__.py"]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    long = {p.name: n for p in modules if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert not long, long
