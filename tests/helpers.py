"""Helpers shared by the tests (fixtures live in conftest.py): paths, the
installed command as a process, a pseudo-terminal, and small conversions."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SMALL = FIXTURES / "small.yaml"
STATUSES = FIXTURES / "statuses.yaml"
BUNDLED = ROOT / "data" / "agreements.yaml"
AS_OF = "2026-11-24"
RU23 = "kw-ru-2023-military-technical"
EXE = Path(sys.executable).with_name("kdefense")
# The smallest valid dataset: one partner, one type, one agreement.
MINIMAL = """\
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
# The same with a second agreement (the base of the cross-record and schema cases).
TWO = MINIMAL + """\
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
# Misspelt keys in the small fixture: (text, replacement, what the error says).
MISSPELT = [
    ("    in_force: 2024-03-12\n", "    in_froce: 2024-03-12\n", "unknown key 'in_froce'; did you mean 'in_force'?"),
    ("notice_months: 6}", "notice_month: 6}", "unknown key 'notice_month'; did you mean 'notice_months'?"),
    ("    place: Moscow\n", "    palce: Moscow\n", "unknown key 'palce'; did you mean 'place'?"),
    ("schema: 1\n", "schema: 1\nshema_version: 2\n", "dataset: unknown key 'shema_version'"),
    ("kind: ratified, instrument:", "kind: ratified, instrumnet:", "did you mean 'instrument'?"),
    ("publisher: TASS", "publsher: TASS", "did you mean 'publisher'?"),
    ("relation: based-on", "relaton: based-on", "did you mean 'relation'?"),
    ("    iso: [RU, RUS]\n", "    isos: [RU, RUS]\n", "did you mean 'iso'?"),
]
SCHEMA = json.loads((ROOT / "data" / "agreements.schema.json").read_text(encoding="utf-8"))


def write(tmp_path: Path, text: str, name: str = "data.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _env(env: dict | None) -> dict:
    """The environment for the installed command: none of the user's KDEFENSE_
    settings, except the test's private cache folder."""
    e = {k: v for k, v in os.environ.items() if not k.startswith("KDEFENSE_")}
    if "KDEFENSE_CACHE_DIR" in os.environ:
        e["KDEFENSE_CACHE_DIR"] = os.environ["KDEFENSE_CACHE_DIR"]
    e.update(env or {})
    return e


def kd(*args, cwd=None, env=None, timeout=60, **kw) -> subprocess.CompletedProcess:
    """Run the installed `kdefense` with these arguments (text in, text out)."""
    return subprocess.run([str(EXE), *map(str, args)], cwd=cwd, env=_env(env), capture_output=True, text=True,
                          timeout=timeout, **kw)


def on_terminal(columns: int, *args, no_color: bool = True, as_of: str | None = AS_OF, env=None) -> str:
    """Run the installed kdefense on a pseudo-terminal `columns` wide; what
    the terminal received, without colour codes."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 60, columns, 0, 0))
    e = {k: v for k, v in _env(env).items() if k not in ("COLUMNS", "LINES")}
    e.update(TERM="xterm", LANG="C.UTF-8")
    if no_color:
        e["NO_COLOR"] = "1"
    pre = ["--as-of", as_of] if as_of else []
    proc = subprocess.Popen([str(EXE), *pre, *args], stdin=slave, stdout=slave, stderr=slave, env=e, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    return re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", b"".join(chunks).decode()).replace("\r\n", "\n")


def plain(value):
    """strict_yaml's Map/Seq -> dict/list (for jsonschema)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def stale_copy(tmp_path: Path, source: Path = SMALL) -> Path:
    """A copy of `source` dated a minute ago (older than the cache's racy window)."""
    import time  # noqa: PLC0415

    p = tmp_path / "agreements.yaml"
    p.write_bytes(source.read_bytes())
    old = time.time() - 60
    os.utime(p, (old, old))
    return p


def cache_files() -> list[Path]:
    from kdefense import cache  # noqa: PLC0415

    return list(cache.folder().glob("*.cache"))
