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

from .. import wording
from . import escape
from .cells import human_cell
from .terminal import Terminal
from .wrap import cells

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
    "last_evidence": "evidence",
    "presumed_recent": "recent",
}
# Text columns: on a terminal each is one line, cut with an ellipsis to the width left
# over; every other column (ids, dates, types, statuses, counts) is kept whole.
SHRINKING = ("title", "title_ar", "summary", "notes", "detail", "description", "aliases", "sources", "events",
             "related", "term", "name", "partner_name", "place", "xref")
# When the terminal is too narrow, columns go in this order (first the ones least
# likely to be the answer), except the answer columns of each kind of row (ANSWER).
DROP_ORDER = ("title_ar", "notes", "summary", "sources", "events", "related", "term", "aliases", "name", "place", "xref",
              "status_basis", "last_confirmed", "last_evidence", "estimated", "ends_estimated", "renewal",
              "in_force", "in_force_by", "signed_before", "type", "projected", "notice_by", "term_end", "iso",
              "cow", "signed", "ends_kind", "partner", "partner_name", "status", "title", "confidence",
              "description")
ANSWER = {  # per kind of rows: the columns a narrow terminal keeps (with the widths they need)
    "agreements": ("id", "partner_name", "partner", "status"),
    "term-ends": ("ends", "ends_notice_by", "ends_kind", "id"),
    "deadlines": ("date", "kind", "id"),
    "partners": ("id", "agreements", "in_force", "presumed"),
    "timeline": ("date", "id", "event"),
}
MIN_SHRINK = 6  # narrowest an answer's text column is cut to ("Gulf…")
MIN_TEXT = 24  # narrowest any other text column is cut to: below that, columns are dropped instead
GAP = 3  # between columns (rich: padding, separator, padding)
LEGEND = {
    "presumed": f"{wording.PRESUMED} ('kdefense show ID' says what it rests on)",
    "projected": "projected: the date lies beyond automatic renewals that have not happened yet",
    "estimated": "estimated: derived from an assumed start of the term (its entry into force is not known)",
    "presumed_recent": "recent: of the presumed ones, those with evidence on record from the last 5 years",
}


def _header(col: str) -> str:
    return HEADERS.get(col, col)


def _cell(col: str, row: dict) -> str:
    value = row.get(col)
    if isinstance(value, bool):  # a word, not a code
        return _header(col) if value else ""
    return escape.line(human_cell(col, row))


def plain(rows: list[dict], columns: list[str]) -> str:
    """Aligned columns, no colour, no value cut short."""
    grid = [[_header(c) for c in columns]]
    grid += [[_cell(c, r) or "-" for c in columns] for r in rows]
    widths = [max(cells(row[i]) for row in grid) for i in range(len(columns))]
    lines = []
    for row in grid:
        parts = [v + " " * (widths[i] - cells(v)) for i, v in enumerate(row)]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines) + "\n"


def layout(grid: list[list[str]], columns: list[str], width: int,
           answer: tuple[str, ...] = ()) -> tuple[list[int], dict[int, int]]:
    """(indexes of the columns kept, {index: width}) so that the table fits
    in `width`: whole columns at their natural width, text columns sharing
    what is left (cut to one line), dropping columns in DROP_ORDER, except
    those in `answer`, until it fits. At least one column is always kept."""
    natural = [max(cells(line[i]) for line in grid) for i in range(len(columns))]
    kept = list(range(len(columns)))
    rank = {c: n for n, c in enumerate(DROP_ORDER)}
    droppable = sorted((i for i in kept if columns[i] in rank and columns[i] not in answer),
                       key=lambda i: rank[columns[i]])

    def need(ks: list[int]) -> int:
        fixed = sum(natural[i] for i in ks if columns[i] not in SHRINKING)
        shrinking = sum(min(natural[i], MIN_SHRINK if columns[i] in answer else MIN_TEXT) for i in ks
                        if columns[i] in SHRINKING)
        return fixed + shrinking + GAP * (len(ks) - 1)

    while need(kept) > width and droppable and len(kept) > 1:
        kept.remove(droppable.pop(0))
    widths = {i: natural[i] for i in kept}
    shrinking = sorted((i for i in kept if columns[i] in SHRINKING), key=lambda i: natural[i])
    spare = width - sum(natural[i] for i in kept if i not in shrinking) - GAP * (len(kept) - 1)
    for n, i in enumerate(shrinking):  # narrowest first: what one does not need goes to the others
        share = max(MIN_SHRINK, spare // (len(shrinking) - n))
        widths[i] = min(natural[i], share)
        spare -= widths[i]
    return kept, widths


def render(doc, terminal: Terminal) -> str:
    """A table fitted to the terminal, or plain aligned text for a pipe or file."""
    if terminal.tty:
        return rich_table(doc.rows, doc.columns, terminal, ANSWER.get(doc.kind, ()))
    return plain(doc.rows, doc.columns)


def rich_table(rows: list[dict], columns: list[str], terminal: Terminal, answer: tuple[str, ...] = ()) -> str:
    """A table fitted to the terminal's width, one line per row, with its
    legend and the names of the columns left out, as the terminal shows it."""
    import io  # noqa: PLC0415

    from rich import box  # noqa: PLC0415 - only for terminal tables
    from rich.console import Console  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    width = terminal.width
    grid = [[_header(c) for c in columns]] + [[_cell(c, r) for c in columns] for r in rows]
    kept, widths = layout(grid, columns, width - 1, answer)
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=True, highlight=False, emoji=False, markup=False,
                      no_color=not terminal.colour)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for i in kept:
        table.add_column(Text(grid[0][i], style="bold"), width=widths[i], no_wrap=True,
                         overflow="ellipsis" if columns[i] in SHRINKING else "crop")
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
    if "presumed_recent" in kept:
        out.append(LEGEND["presumed_recent"])
    return list(dict.fromkeys(out))


def _style(col: str, value) -> str:
    if col == "status":
        return {"in-force": "green", "presumed-in-force": "green italic", "expired": "dim", "terminated": "red",
                "superseded": "red", "signed": "yellow", "unknown": "magenta", "concluded": "cyan"}.get(value or "", "")
    if col in ("estimated", "projected", "ends_estimated") and value:
        return "yellow"
    return ""
