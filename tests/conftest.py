"""Shared helpers: drive the real CLI (Typer's CliRunner) with a fixed --as-of."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kdefense.cli import app

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SMALL = FIXTURES / "small.yaml"
BUNDLED = ROOT / "data" / "agreements.yaml"
AS_OF = "2026-11-24"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Every test gets its own dataset cache folder, never the user's."""
    monkeypatch.setenv("KDEFENSE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("KDEFENSE_NO_CACHE", raising=False)


class Run:
    def __init__(self, result):
        self.code = result.exit_code
        self.out = result.stdout
        self.out_bytes = result.stdout_bytes
        self.err = result.stderr
        self.exception = result.exception

    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return f"<Run code={self.code} out={self.out[:300]!r} err={self.err[:300]!r}>"


def _invoke(args, env=None):
    runner = CliRunner(env={"KDEFENSE_DATA": None, "KDEFENSE_DEBUG": None, **(env or {})})
    return Run(runner.invoke(app, [str(a) for a in args], catch_exceptions=False))


@pytest.fixture
def cli():
    """cli(*args): run kdefense on the small fixture as of 2026-11-24."""

    def run(*args, data=SMALL, as_of=AS_OF, env=None):
        pre = []
        if data is not None:
            pre += ["--data", str(data)]
        if as_of is not None:
            pre += ["--as-of", as_of]
        return _invoke(pre + list(args), env=env)

    return run


@pytest.fixture
def bundled():
    """bundled(*args): run kdefense on the bundled dataset as of 2026-11-24."""

    def run(*args, as_of=AS_OF):
        pre = ["--as-of", as_of] if as_of else []
        return _invoke(pre + list(args))

    return run


@pytest.fixture
def raw():
    """raw(*args): run kdefense with exactly these arguments."""
    return lambda *args, env=None: _invoke(list(args), env=env)


def write(tmp_path: Path, text: str, name: str = "data.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p
