"""Make data safe to print: no terminal escapes, no bidi tricks, no formulas.

Data is never interpreted: control characters are shown as visible escapes
(`\\x1b`), so nothing in a title can move the cursor, change colours, rewrite
the terminal title or reorder text.
"""

from __future__ import annotations

# C0 controls, DEL, C1 controls, the Unicode line/paragraph separators and the
# bidirectional embedding/override/isolate controls that can make text display
# differently from what it is. Translation tables, not regexes: no compile cost.
_CODES = [*range(0x00, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]


def _shown(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_LINE = {c: _shown(c) for c in _CODES}  # one-line cells: every control escaped
_LINE.update({0x09: " ", 0x0A: " ", 0x0D: " "})
_TEXT = {c: _shown(c) for c in _CODES if c not in (0x09, 0x0A)}  # multi-line text keeps \t and \n
_JSON = {c: f"\\u{c:04x}" for c in _CODES if c >= 0x7F}  # json.dumps already escapes C0
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text(value: str) -> str:
    """For multi-line human text: keep newlines and tabs, escape other controls."""
    return value.replace("\r\n", "\n").translate(_TEXT)


def line(value: str) -> str:
    """For one-line cells: newlines and tabs become spaces, controls are escaped."""
    return value.replace("\r\n", " ").translate(_LINE)


def no_formula(value: str) -> str:
    """Stop spreadsheets from running a cell as a formula."""
    if value.startswith(FORMULA_START):
        return "'" + value
    return value


def json_text(dumped: str) -> str:
    """json.dumps escapes C0 controls; escape the rest of the unsafe set too."""
    return dumped.translate(_JSON)
