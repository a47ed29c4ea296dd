"""Human tables: rich on a terminal, plain aligned text on a pipe or file.

Cells are rich `Text` objects, never markup strings, so `[bold]` or `:smile:`
in the data print as written; control characters are escaped first.
"""

from __future__ import annotations

import unicodedata

from . import safe
from .cells import cell

HEADERS = {
    "partner_name": "partner",
    "term_end": "term end",
    "notice_by": "notice by",
    "in_force": "in force",
    "ends_notice_by": "notice by",
    "ends_estimated": "estimated",
    "title_ar": "title (ar)",
}


def _header(col: str) -> str:
    return HEADERS.get(col, col)


def _width(s: str) -> int:
    w = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def plain(rows: list[dict], columns: list[str]) -> str:
    """Aligned columns, no colour, no value cut short."""
    grid = [[_header(c) for c in columns]]
    grid += [[safe.line(cell(c, r.get(c))) or "-" for c in columns] for r in rows]
    widths = [max(_width(row[i]) for row in grid) for i in range(len(columns))]
    lines = []
    for row in grid:
        parts = [v + " " * (widths[i] - _width(v)) for i, v in enumerate(row)]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines) + "\n"


def rich_table(rows: list[dict], columns: list[str], title: str | None = None) -> None:
    """Print a rich table to the terminal (stdout)."""
    from rich import box  # noqa: PLC0415 - only for terminal tables
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False, emoji=False, markup=False)
    table = Table(box=box.SIMPLE_HEAD, title=Text(title) if title else None, show_lines=False)
    for c in columns:
        table.add_column(Text(_header(c), style="bold"), overflow="fold")
    for r in rows:
        table.add_row(*[Text(safe.line(cell(c, r.get(c))) or "—", style=_style(c, r.get(c))) for c in columns])
    console.print(table)


def _style(col: str, value) -> str:
    if col == "status":
        return {"in-force": "green", "expired": "dim", "terminated": "red", "superseded": "red",
                "signed": "yellow", "unknown": "magenta"}.get(value or "", "")
    if col in ("estimated", "projected", "ends_estimated") and value:
        return "yellow"
    return ""
