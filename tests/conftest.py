"""Shared helpers: drive the real CLI (Typer's CliRunner) with a fixed --as-of."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from helpers import AS_OF, SMALL
from kdefense.cli import app
from kdefense.render.terminal import Terminal


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


def _invoke(args, env=None, terminal: Terminal | None = None):
    """Run the CLI in-process. `terminal`: what standard output is, injected
    (as httpie's tests inject an environment); a pipe by default."""
    runner = CliRunner(env={"KDEFENSE_DATA": None, "KDEFENSE_DEBUG": None, **(env or {})})
    obj = {"terminal": terminal} if terminal is not None else None
    return Run(runner.invoke(app, [str(a) for a in args], catch_exceptions=False, obj=obj))


@pytest.fixture
def cli():
    """cli(*args): run kdefense on the small fixture as of 2026-11-24."""

    def run(*args, data=SMALL, as_of=AS_OF, env=None, terminal=None):
        pre = []
        if data is not None:
            pre += ["--data", str(data)]
        if as_of is not None:
            pre += ["--as-of", as_of]
        return _invoke(pre + list(args), env=env, terminal=terminal)

    return run


@pytest.fixture
def bundled():
    """bundled(*args): run kdefense on the bundled dataset as of 2026-11-24."""

    def run(*args, as_of=AS_OF, terminal=None):
        pre = ["--as-of", as_of] if as_of else []
        return _invoke(pre + list(args), terminal=terminal)

    return run


@pytest.fixture
def raw():
    """raw(*args): run kdefense with exactly these arguments."""
    return lambda *args, env=None: _invoke(list(args), env=env)
