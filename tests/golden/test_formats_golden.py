"""Every command in every format on the small fixtures, compared byte for byte
with the expected output in tests/golden/expected/ (a regression test for the
formats: a change to what users see must be deliberate).

After an intended change, regenerate and review the diff:

    KDEFENSE_REGENERATE=1 pytest tests/golden
    git diff tests/golden/expected
"""

import os
import re

import pytest

from helpers import SMALL, STATUSES
from kdefense.render.terminal import Terminal

HERE = os.path.dirname(__file__)
AS_OF = "2026-12-04"
COMMANDS = [
    ["list"], ["list", "--status", "current"], ["list", "--sort", "term_end"], ["show", "kw-ru-2023-military-technical"],
    ["expiring", "2029"], ["expiring", "--within", "10y"], ["deadlines", "--within", "5y"], ["partners"], ["types"],
    ["timeline"], ["stats"], ["chart"], ["report"], ["validate"],
]
FORMATS = ["table", "json", "jsonl", "csv", "tsv", "yaml", "markdown", "ids", "text", "ics", "html"]
TERMINALS = {"pipe": Terminal(width=100), "tty80": Terminal(width=80, tty=True, colour=False),
             "tty120": Terminal(width=120, tty=True, colour=False)}


def cases():
    for data in (SMALL, STATUSES):
        for command in COMMANDS:
            for fmt in FORMATS:
                yield data, command, fmt, "pipe"
            for term in ("tty80", "tty120"):
                yield data, command, None, term


def _name(data, command, fmt, term) -> str:
    return re.sub(r"[^a-z0-9._-]+", "_", f"{data.stem}__{'_'.join(command)}__{fmt or 'default'}__{term}") + ".out"


@pytest.mark.parametrize("data,command,fmt,term", list(cases()), ids=lambda v: getattr(v, "stem", v) if not
                         isinstance(v, list) else "_".join(v))
def test_output_is_as_expected(cli, data, command, fmt, term, monkeypatch):
    monkeypatch.chdir(data.parent)  # the dataset by its name: outputs that name it do not depend on the checkout's place
    r = cli(*command, *(["-f", fmt] if fmt else []), data=data.name, as_of=AS_OF, terminal=TERMINALS[term],
            env={"KDEFENSE_NO_CACHE": "1"})
    out = re.sub(r"<svg[\s\S]*</svg>", "<svg>(matplotlib's drawing, checked in tests/cli/test_chart.py)</svg>", r.out)
    got = f"{out}--stderr--\n{r.err}--exit {int(r.code)}--\n"
    path = os.path.join(HERE, "expected", _name(data, command, fmt, term))
    if os.environ.get("KDEFENSE_REGENERATE") == "1":
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(got)
    with open(path, encoding="utf-8", newline="") as fh:
        assert got == fh.read(), f"{path} differs (KDEFENSE_REGENERATE=1 pytest tests/golden rewrites it)"
