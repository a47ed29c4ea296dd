"""Human tables: fitted to the terminal with rich, plain aligned text on a pipe or file.

On a terminal the table is laid out to its width: ids, dates, types and
statuses are never broken; the title wraps at word boundaries (a word too long
for the column is shortened with an ellipsis); when even that does not fit,
columns are dropped in DROP_ORDER and a footer names them and says how to see
them. Written to a pipe or file, the table is plain text that cuts nothing.

Booleans read as words (`projected`, `estimated`), and a legend under the
table says what the marks mean. Cells are rich `Text` objects, never markup
strings, so `[bold]` or `:smile:` in the data print as written; control
characters are escaped first.
"""

from __future__ import annotations

import unicodedata

from .. import wording
from . import escape
from .cells import human_cell
from .terminal import Terminal

HEADERS = {
    "partner_name": "partner",
    "term_end": "term end",
    "notice_by": "notice by",
    "in_force": "in force",
    "ends_notice_by": "notice by",
    "ends_estimated": "estimated",
    "ends_kind": "kind",
    "title_ar": "title (ar)",
    "status_basis": "basis",
    "last_confirmed": "confirmed",
}
# Columns that wrap (at word boundaries); every other column is kept whole.
WRAPPING = ("title", "title_ar", "summary", "notes", "detail", "description", "aliases", "sources", "events",
            "related", "term", "name")
# When the terminal is too narrow, these go first, in this order.
DROP_ORDER = ("title_ar", "notes", "summary", "sources", "events", "related", "term", "aliases", "place",
              "status_basis", "last_confirmed", "estimated", "ends_estimated", "renewal", "in_force",
              "notice_by", "type", "term_end", "iso", "partner_name", "partner", "projected", "status",
              "ends_notice_by", "kind", "ends_kind", "signed", "confidence")
MIN_WRAP = 20  # narrowest width a wrapping column is squeezed to (a quarter of the terminal, if wider)
GAP = 3  # between columns (rich: padding, separator, padding)
LEGEND = {
    "presumed": f"{wording.PRESUMED} ('kdefense show ID' says what it rests on)",
    "projected": "projected: the date lies beyond automatic renewals that have not happened yet",
    "estimated": "estimated: derived from an assumed start of the term (its entry into force is not known)",
}


def _header(col: str) -> str:
    return HEADERS.get(col, col)


def width_of(s: str) -> int:
    """Columns that `s` takes on a terminal (wide East Asian characters count two)."""
    w = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def _cell(col: str, row: dict) -> str:
    value = row.get(col)
    if isinstance(value, bool):  # a word, not a code
        return _header(col) if value else ""
    return escape.line(human_cell(col, row))


def plain(rows: list[dict], columns: list[str]) -> str:
    """Aligned columns, no colour, no value cut short."""
    grid = [[_header(c) for c in columns]]
    grid += [[_cell(c, r) or "-" for c in columns] for r in rows]
    widths = [max(width_of(row[i]) for row in grid) for i in range(len(columns))]
    lines = []
    for row in grid:
        parts = [v + " " * (widths[i] - width_of(v)) for i, v in enumerate(row)]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines) + "\n"


def layout(grid: list[list[str]], columns: list[str], width: int) -> tuple[list[int], dict[int, int]]:
    """(indexes of the columns kept, {index: width}) so that the table fits
    in `width`: whole columns at their natural width, wrapping columns
    sharing what is left (at least MIN_WRAP each), dropping columns in
    DROP_ORDER until it fits. At least one column is always kept."""
    natural = [max(width_of(line[i]) for line in grid) for i in range(len(columns))]
    least = max(MIN_WRAP, width // 4)
    kept = list(range(len(columns)))
    rank = {c: n for n, c in enumerate(DROP_ORDER)}
    droppable = sorted((i for i in kept if columns[i] in rank), key=lambda i: rank[columns[i]])

    def need(ks: list[int]) -> int:
        fixed = sum(natural[i] for i in ks if columns[i] not in WRAPPING)
        wrapping = sum(min(natural[i], least) for i in ks if columns[i] in WRAPPING)
        return fixed + wrapping + GAP * (len(ks) - 1)

    while need(kept) > width and droppable and len(kept) > 1:
        kept.remove(droppable.pop(0))
    widths = {i: natural[i] for i in kept}
    wrapping = [i for i in kept if columns[i] in WRAPPING]
    if wrapping:
        spare = width - sum(natural[i] for i in kept if i not in wrapping) - GAP * (len(kept) - 1)
        share = max(least, spare // len(wrapping))
        for i in wrapping:
            widths[i] = min(natural[i], share)
    return kept, widths


def render(doc, terminal: Terminal) -> str:
    """A table fitted to the terminal, or plain aligned text for a pipe or file."""
    if terminal.tty:
        return rich_table(doc.rows, doc.columns, terminal)
    return plain(doc.rows, doc.columns)


def rich_table(rows: list[dict], columns: list[str], terminal: Terminal) -> str:
    """A table fitted to the terminal's width, with its legend and the names
    of the columns left out, as the terminal shows it."""
    import io  # noqa: PLC0415

    from rich import box  # noqa: PLC0415 - only for terminal tables
    from rich.console import Console  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    width = terminal.width
    grid = [[_header(c) for c in columns]] + [[_cell(c, r) for c in columns] for r in rows]
    kept, widths = layout(grid, columns, width - 1)
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=True, highlight=False, emoji=False, markup=False,
                      no_color=not terminal.colour)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for i in kept:
        wraps = columns[i] in WRAPPING
        table.add_column(Text(grid[0][i], style="bold"), width=widths[i], no_wrap=not wraps,
                         overflow="ellipsis" if wraps else "crop")
    for r, line in zip(rows, grid[1:]):
        table.add_row(*[Text(line[i] or "—", style=_style(columns[i], r.get(columns[i]))) for i in kept])
    console.print(table)
    notes = _legend(grid[1:], [columns[i] for i in kept])
    dropped = [_header(columns[i]) for i in range(len(columns)) if i not in kept]
    if dropped:
        notes.append(f"not shown (terminal too narrow): {', '.join(dropped)}; widen the terminal, pick columns "
                     "with --fields, or use -f tsv/json for everything")
    for note in notes:
        console.print(Text(note, style="dim"))
    return buf.getvalue()


def _legend(lines: list[list[str]], kept: list[str]) -> list[str]:
    seen = {v for line in lines for v in line}
    out = []
    if "status" in kept and any(v.startswith("presumed") for v in seen):
        out.append(LEGEND["presumed"])
    for col, word in (("projected", "projected"), ("estimated", "estimated"), ("ends_estimated", "estimated")):
        if col in kept and _header(col) in seen:
            out.append(LEGEND[word])
    return list(dict.fromkeys(out))


def _style(col: str, value) -> str:
    if col == "status":
        return {"in-force": "green", "presumed-in-force": "green italic", "expired": "dim", "terminated": "red",
                "superseded": "red", "signed": "yellow", "unknown": "magenta", "concluded": "cyan"}.get(value or "", "")
    if col in ("estimated", "projected", "ends_estimated") and value:
        return "yellow"
    return ""
