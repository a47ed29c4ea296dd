"""The chart in a terminal: one row per agreement, grouped by partner, on a
shared year axis, fitted to the terminal's width (80 columns and up).

On a terminal it uses block characters and colour; written to a pipe or
file, or with NO_COLOR set, it uses plain ASCII. A legend says what every
character means.
"""

from __future__ import annotations

import datetime as _dt

from ..chart_model import LEGEND, year_ticks
from . import escape
from .terminal import Terminal

FANCY = {"term": "█", "projected": "░", "presumed": "┄", "presumed-old": "·", "unknown": "?", "open": "→", "axis": "│", "asof": "▼",
         "contract": "◆", "more": "…"}
PLAIN = {"term": "#", "projected": "+", "presumed": "-", "presumed-old": ".", "unknown": "?", "open": ">", "axis": "|", "asof": "v",
         "contract": "*", "more": "~"}
MARKS = {"ended": "X", "notice": "N", "confirmed": "C", "renewal": "R", "in-force": "F", "signed": "S",
         "purpose-ended": "P"}
PRECEDENCE = ("signed", "in-force", "renewal", "confirmed", "notice", "purpose-ended", "ended")  # later ones win a cell
STYLES = {"term": "green", "projected": "green dim", "presumed": "cyan", "presumed-old": "cyan dim", "unknown": "magenta", "asof": "red",
          "mark": "bold", "contract": "yellow", "group": "bold underline"}


def _legend(ch: dict, as_of: str) -> list[str]:
    """The legend's items, each kept whole when lines wrap."""
    signs = {"term": ch["term"], "projected": ch["projected"], "presumed": ch["presumed"] + ch["open"],
             "presumed-old": ch["presumed-old"] + ch["open"],
             "unknown": ch["unknown"], "contract": ch["contract"], **MARKS}
    return [f"{signs[kind]} {meaning}" for kind, meaning in LEGEND.items()] + [f"{ch['axis']} as of {as_of}"]


def _wrap_items(items: list[str], width: int) -> list[str]:
    lines, current = [], ""
    for item in items:
        candidate = f"{current}   {item}" if current else item
        if current and len(candidate) > width:
            lines.append(current)
            current = item
        else:
            current = candidate
    return lines + [current] if current else lines


class _Axis:
    """Maps days to columns of a plot `width` cells wide."""

    def __init__(self, start: _dt.date, end: _dt.date, width: int):
        self.start, self.end, self.width = start, end, width
        self.days = max(1, (end - start).days + 1)

    def col(self, day: _dt.date) -> int:
        day = min(max(day, self.start), self.end)
        return min(self.width - 1, (day - self.start).days * self.width // self.days)

    def ticks(self) -> list[tuple[int, str]]:
        """A labelled year every 6 columns or more, for a span of any length."""
        years = year_ticks(self.start.year, self.end.year, max(1, self.width // 6))
        return [(self.col(_dt.date(y, 1, 1)), str(y)) for y in years]


def _cells(row, axis: _Axis, ch: dict, as_col: int) -> list[tuple[str, str]]:
    """(character, style) for each column of one row."""
    cells = [(" ", "")] * axis.width
    for seg in row.segments:
        a, b = axis.col(seg.start), axis.col(seg.end)
        for c in range(a, max(a, b - 1) + 1):
            cells[c] = (ch[seg.kind], STYLES[seg.kind])
        if seg.open_end:
            cells[max(a, b)] = (ch["open"], STYLES[seg.kind])
    if row.status == "concluded":
        cells[axis.col(row.signed.earliest())] = (ch["contract"], STYLES["contract"])
    else:
        for kind in PRECEDENCE:
            for m in row.markers:
                if m.kind == kind and axis.start <= m.day <= axis.end:
                    cells[axis.col(m.day)] = (MARKS[kind], STYLES["mark"])
    if cells[as_col][0] == " ":
        cells[as_col] = (ch["axis"], STYLES["asof"])
    return cells


def render(chart, columns: int, fancy: bool) -> list[list[tuple[str, str]]]:
    """Lines of (text, style) pieces."""
    ch = FANCY if fancy else PLAIN
    label_w = min(max([len(r.label) for r in chart.rows] + [12]) + 2, max(14, columns // 3))
    axis = _Axis(chart.start, chart.end, max(20, columns - label_w - 1))
    as_col = axis.col(chart.as_of)
    lines: list[list[tuple[str, str]]] = []
    head = [" "] * axis.width
    for col, text in axis.ticks():
        if col + len(text) <= axis.width and all(c == " " for c in head[max(0, col - 1):col + len(text)]):
            head[col:col + len(text)] = list(text)
    lines.append([(" " * label_w, ""), ("".join(head), "dim")])
    marker_line = [" "] * axis.width
    marker_line[as_col] = ch["asof"]
    lines.append([(f"{'as of ' + str(chart.as_of):<{label_w}}"[:label_w], "dim"), ("".join(marker_line), STYLES["asof"])])
    for partner, rows in chart.groups():
        lines.append([(escape.line(partner)[: label_w + axis.width], STYLES["group"])])
        for row in rows:
            label = escape.line("  " + row.label)
            if len(label) > label_w - 1:
                label = label[: label_w - 2] + ch["more"]
            lines.append([(f"{label:<{label_w}}", "")] + _cells(row, axis, ch, as_col))
    lines.append([("", "")])
    for text in _wrap_items(_legend(ch, str(chart.as_of)), max(40, columns - 1)):
        lines.append([(text, "dim")])
    lines.append([(f"kdefense dataset, as of {chart.as_of}; {len(chart.rows)} agreements", "dim")])
    return lines


def plain_text(chart, columns: int = 120) -> str:
    """The chart in plain ASCII (a pipe, a file, NO_COLOR, a page without matplotlib)."""
    return "".join("".join(piece for piece, _ in line).rstrip() + "\n" for line in render(chart, columns, False))


def render_terminal(chart, terminal: Terminal) -> str:
    """Block characters and colour on a UTF-8 terminal without NO_COLOR; plain ASCII otherwise."""
    fancy = terminal.colour and terminal.unicode
    if not fancy:
        return plain_text(chart, terminal.width)
    import io  # noqa: PLC0415

    from rich.console import Console  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    buf = io.StringIO()
    console = Console(file=buf, width=terminal.width, force_terminal=True, highlight=False, emoji=False,
                      markup=False)
    for line in render(chart, terminal.width, True):
        text = Text()
        for piece, style in line:
            text.append(piece, style=style or None)
        console.print(text, overflow="crop", no_wrap=True)
    return buf.getvalue()
