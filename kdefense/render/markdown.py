"""Markdown: the one escaping rule for text from the data, and the pipe
table of `-f markdown`. The briefing (render/report.py) uses the same rule
for its body, tables and sources.

Every character CommonMark could read as markup is backslash-escaped
(CommonMark lets any ASCII punctuation be escaped so), and control
characters are shown as escapes first: text from the dataset can never make
a link, an image, raw HTML, a heading or a table cell of its own.
"""

from __future__ import annotations

from .cells import human_cell
from .escape import line

_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#!&~"})


def escape(value: str) -> str:
    """Text from the data, made literal for Markdown (one line)."""
    return line(value).translate(_SPECIAL)


def table(rows: list[dict], columns: list[str]) -> str:
    out = ["| " + " | ".join(columns) + " |", "|" + "|".join(" --- " for _ in columns) + "|"]
    for r in rows:
        out.append("| " + " | ".join(escape(human_cell(c, r)) for c in columns) + " |")
    return "\n".join(out) + "\n"


def render_table(doc, terminal) -> str:
    return table(doc.rows, doc.columns)
