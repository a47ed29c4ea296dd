"""Make data safe to print: no terminal escapes, no bidi tricks, no formulas.

Data is never interpreted: control characters are shown as visible escapes
(`\\x1b`), so nothing in a title can move the cursor, change colours, rewrite
the terminal title or reorder text.
"""

from __future__ import annotations

import re

# C0 controls (except the ones a caller keeps), DEL, C1 controls, the Unicode
# line/paragraph separators and the bidirectional embedding/override/isolate
# controls that can make text display differently from what it is.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape(m: re.Match) -> str:
    ch = m.group(0)
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def text(value: str) -> str:
    """For multi-line human text: keep newlines and tabs, escape other controls."""
    return _UNSAFE.sub(_escape, value)


def line(value: str) -> str:
    """For one-line cells: newlines and tabs become spaces, controls are escaped."""
    value = value.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return _UNSAFE_LINE.sub(_escape, value)


def no_formula(value: str) -> str:
    """Stop spreadsheets from running a cell as a formula."""
    if value.startswith(FORMULA_START):
        return "'" + value
    return value


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_text(dumped: str) -> str:
    """json.dumps escapes C0 controls; escape the rest of the unsafe set too."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", dumped)
