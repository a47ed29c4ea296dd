"""The chart as a file for reports: SVG, PNG, PDF (matplotlib) or a standalone
HTML page (the SVG inline, with a tooltip on every row).

Why matplotlib rather than Vega-Lite/altair: it writes SVG, PNG and PDF with
no browser, network or extra binary, its output is stable for tests, and a
static SVG inside one HTML file keeps the page self-contained (altair's HTML
loads Vega from a CDN unless vl-convert, a large native binary, inlines it).
Tooltips come from SVG <title> elements, which every browser shows on hover.

Only the `chart` and `report` commands import this module.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
from xml.sax.saxutils import escape

from ..chart_model import LEGEND, year_ticks
from ..errors import MissingExtra

COLOURS = {"term": "#2e7d32", "projected": "#a5d6a7", "presumed": "#4fc3f7", "presumed-old": "#d4effb",
           "unknown": "#ce93d8"}
MARKERS = {  # kind: (matplotlib marker, colour, size)
    "signed": ("o", "white", 30),
    "in-force": ("s", "#1b1b1b", 18),
    "renewal": ("D", "#0d47a1", 20),
    "confirmed": ("*", "#ef6c00", 70),
    "notice": ("v", "#c62828", 32),
    "ended": ("X", "#1b1b1b", 34),
    "purpose-ended": ("h", "#6d4c41", 30),
}
CONTRACT = ("P", "#f9a825", 44)
FONT = 9  # points: the smallest type at the chart's natural size
ROW = 0.24  # inches per row
DPI = {".png": 100}  # raster resolution (dots per inch); vector formats are sized in points
DEFAULT_WIDTH = 1100  # pixels (CSS pixels for SVG/HTML/PDF, dots for PNG)


def _safe(text: str) -> str:
    """Text from the data as matplotlib must draw it: control characters made
    visible (no raw ESC or BEL in an SVG: it would not be well-formed XML)."""
    from .escape import line  # noqa: PLC0415

    return line(text)


def _matplotlib():
    """matplotlib's Figure class, set up for files (no display, text kept as text in SVG, stable ids)."""
    try:
        import matplotlib  # noqa: PLC0415
    except ImportError:
        raise MissingExtra("chart files", "matplotlib", "chart") from None
    matplotlib.use("Agg")
    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text in the SVG (searchable, selectable)
    matplotlib.rcParams["svg.hashsalt"] = "kdefense"  # stable ids: the same chart gives the same file
    matplotlib.rcParams["text.parse_math"] = False  # `$...$` in a title is text, never mathtext
    matplotlib.rcParams["text.usetex"] = False
    from matplotlib.figure import Figure  # noqa: PLC0415 - no pyplot: no global state, a lighter import

    return Figure


class _Layout:
    """Where everything goes: a y position per row (partner headings take a
    line each), and the bars, markers and open ends of every row by kind, so
    that each kind is drawn in one call."""

    def __init__(self, chart, num):
        self.headings, self.ys, self.labels, self.ids, self.arrows = [], [], [], [], []
        self.bars = {k: [] for k in COLOURS}
        self.marks: dict[str, list] = {}
        y = 0.0
        for partner, rows in chart.groups():
            self.headings.append((y, partner))
            y += 1
            for row in rows:
                self.add_row(row, y, chart, num)
                y += 1
        self.height = y

    def add_row(self, row, y: float, chart, num) -> None:
        self.ys.append(y)
        self.labels.append(_safe(row.label))
        self.ids.append(row.id)
        for seg in row.segments:
            left = num(seg.start)
            width = max(num(seg.end) - left, 20)
            self.bars[seg.kind].append((y, left, width))
            if seg.open_end:
                self.arrows.append((left + width, y, COLOURS[seg.kind]))
        if row.status == "concluded":
            self.marks.setdefault("contract", []).append((num(row.signed.earliest()), y))
            return
        for mk in row.markers:
            if chart.start <= mk.day <= chart.end:
                self.marks.setdefault(mk.kind, []).append((num(mk.day), y))


def _plot(ax, chart, lay: _Layout, start: float, end: float, num) -> None:
    """Rows, bars, markers and the as-of line."""
    for y, partner in lay.headings:
        ax.text(start, y, _safe(partner), fontsize=FONT + 1, fontweight="bold", va="center", ha="left",
                color="#263238", parse_math=False)
    # One invisible bar across each row carries the agreement's id: the SVG turns it into a tooltip.
    # Plain rectangles added as artists: barh's per-bar bookkeeping cost ~1 ms a row, and the
    # axis limits are set explicitly anyway.
    from matplotlib.patches import Rectangle  # noqa: PLC0415

    for y, agreement_id in zip(lay.ys, lay.ids):
        tip = Rectangle((start, y - 0.475), end - start, 0.95, facecolor=(0, 0, 0, 0), linewidth=0,
                        gid=f"agreement-{agreement_id}")
        ax.add_artist(tip)
    _bars(ax, lay)
    _marks(ax, lay)
    ax.axvline(num(chart.as_of), color="#c62828", linestyle="--", linewidth=1)
    ax.text(num(chart.as_of), lay.height - 0.2, f"as of {chart.as_of} ", color="#c62828", fontsize=FONT, va="bottom",
            ha="right")


def _bars(ax, lay: _Layout) -> None:
    """Each kind of bar in one call, then the open ends' arrowheads."""
    for kind, items in lay.bars.items():
        if items:
            presumed = kind.startswith("presumed")
            ax.barh([i[0] for i in items], [i[2] for i in items], left=[i[1] for i in items], height=0.62,
                    color=COLOURS[kind], hatch="////" if presumed else None,
                    edgecolor="#01579b" if presumed else None, linewidth=0)
    for colour in dict.fromkeys(a[2] for a in lay.arrows):  # open ends: one call per colour, in a fixed order
        points = [a for a in lay.arrows if a[2] == colour]
        ax.plot([a[0] for a in points], [a[1] for a in points], linestyle="none", marker=">", color=colour,
                markersize=5)


def _marks(ax, lay: _Layout) -> None:
    """Each kind of marker in one call."""
    for kind, points in lay.marks.items():
        m, c, size = CONTRACT if kind == "contract" else MARKERS[kind]
        ax.scatter([p[0] for p in points], [p[1] for p in points], marker=m, color=c, s=size,
                   edgecolors="#5d4037" if kind == "contract" else "#1b1b1b", linewidths=0.5, zorder=3)


def _axes(ax, lay: _Layout, start: float, end: float, axis_inches: float = 8.0) -> None:
    """Year axis above and below, agreement ids down the side, light grid."""
    import matplotlib.dates as mdates  # noqa: PLC0415

    # Row labels as plain texts at the axis' left edge: a tick per row (two lines and two
    # texts each) cost about a fifth of the drawing time for the same picture.
    ax.set_yticks([])
    labels = ax.get_yaxis_transform()
    for y, label in zip(lay.ys, lay.labels):
        ax.text(-0.008, y, label, transform=labels, fontsize=FONT, ha="right", va="center", parse_math=False,
                clip_on=False)
    ax.set_ylim(lay.height, -1.2)
    ax.set_xlim(start, end)
    from matplotlib.ticker import FixedFormatter, FixedLocator  # noqa: PLC0415

    first, last = mdates.num2date(start).year, mdates.num2date(end).year
    years = year_ticks(first, last, max(2, int(axis_inches / 0.55)))  # chosen for the span and the room
    ax.xaxis.set_major_locator(FixedLocator([mdates.date2num(_dt.date(y, 1, 1)) for y in years]))
    ax.xaxis.set_major_formatter(FixedFormatter([str(y) for y in years]))
    ax.tick_params(axis="x", labelsize=FONT, labeltop=True)
    ax.grid(axis="x", color="#eceff1", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("right", "left"):
        ax.spines[side].set_visible(False)


def _frame(fig, chart, lay: _Layout, width: float, height: float) -> None:
    """Title, a legend of only what is drawn, the source line, and the
    margins they need (in inches, whatever the figure's size)."""
    from matplotlib.lines import Line2D  # noqa: PLC0415
    from matplotlib.patches import Patch  # noqa: PLC0415

    fig.suptitle(f"Kuwait's defence agreements: terms and evidence, as of {chart.as_of}", fontsize=FONT + 4,
                 x=0.01, y=1 - 0.12 / height, ha="left", va="top")
    drawn = chart.kinds_drawn()
    handles = [Patch(facecolor=COLOURS[k], hatch="////" if k.startswith("presumed") else None,
                     edgecolor="#01579b" if k.startswith("presumed") else COLOURS[k], label=LEGEND[k])
               for k in COLOURS if k in drawn]
    handles += [Line2D([], [], marker=m, color="none", markerfacecolor=c, markeredgecolor="#1b1b1b",
                       markersize=7, label=LEGEND[kind])
                for kind, (m, c, _) in list(MARKERS.items()) + [("contract", CONTRACT)] if kind in drawn]
    handles.append(Line2D([], [], color="#c62828", linestyle="--", label=f"as of {chart.as_of}"))
    columns = max(1, min(3, int(width // 4)))
    fig.legend(handles=handles, loc="upper left", ncol=columns, fontsize=FONT, frameon=False,
               bbox_to_anchor=(0.01, 1 - 0.45 / height))
    fig.text(0.01, 0.12 / height, f"Source: kdefense dataset, as of {chart.as_of}; {len(chart.rows)} agreements.",
             fontsize=FONT, color="#546e7a")
    legend_rows = -(-len(handles) // columns)
    left = _left_margin(lay, width)
    top = 0.75 + 0.2 * legend_rows
    fig.subplots_adjust(left=left, right=1 - 0.15 / width, top=1 - top / height, bottom=0.55 / height)


def _left_margin(lay: _Layout, width: float) -> float:
    """The share of the width the row labels need (about 0.07 inch a
    character at 9 points), at most half of it."""
    label_inches = 0.078 * max((len(label) for label in lay.labels), default=10)
    return min(0.5, (label_inches + 0.3) / width)


def _figure(chart, width_px: int = DEFAULT_WIDTH, dpi: float = 96):
    """The chart as a matplotlib figure: laid out, plotted, framed;
    `width_px` pixels wide at `dpi`, as tall as its rows need."""
    figure_class = _matplotlib()
    import matplotlib.dates as mdates  # noqa: PLC0415

    num = mdates.date2num
    start, end = num(chart.start), num(chart.end)
    lay = _Layout(chart, num)
    width = max(4.0, width_px / dpi)
    legend_rows = -(-(len(chart.kinds_drawn()) + 1) // max(1, min(3, int(width // 4))))
    height = 1.3 + 0.2 * legend_rows + ROW * (lay.height + 1.5)
    fig = figure_class(figsize=(width, height))
    ax = fig.subplots()
    _plot(ax, chart, lay, start, end, num)
    _axes(ax, lay, start, end, width * (1 - _left_margin(lay, width)))
    _frame(fig, chart, lay, width, height)
    return fig


def _tooltip(row) -> str:
    bits = [row.id, _safe(row.title), f"signed {row.signed}"]
    if row.status:
        bits.append(f"status: {row.status} ({row.basis})")
    if row.term_end:
        bits.append(f"term end: {row.term_end}")
    return " | ".join(bits)


def svg_text(chart, width_px: int = DEFAULT_WIDTH) -> str:
    """The chart as SVG text, a <title> tooltip on each agreement's row."""
    fig = _figure(chart, width_px, 96)  # SVG units are points: 96 px to the inch keeps its natural size
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})  # no timestamp: the same chart gives the same file
    svg = buf.getvalue()
    tips = {row.id: _tooltip(row) for row in chart.rows}

    def add_title(m: re.Match) -> str:
        agreement_id = m.group(1)
        return f'{m.group(0)}\n   <title>{escape(tips.get(agreement_id, agreement_id))}</title>'

    return re.sub(r'<g id="agreement-([^"]+)">', add_title, svg)


def html_page(chart, svg: str | None = None, width_px: int = DEFAULT_WIDTH) -> str:
    svg = svg if svg is not None else svg_text(chart, width_px)
    svg = re.sub(r"^<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>)?", "", svg).strip()
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Kuwait's defence agreements, as of {chart.as_of}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 1250px; color: #263238; }}
p {{ margin: 0.3rem 0; }}
figure {{ margin: 1rem 0; }}
svg {{ width: 100%; height: auto; }}
.source {{ color: #546e7a; font-size: 0.85rem; }}
</style>
</head>
<body>
<p class="source">Hover over a row for the agreement's title, dates, status and the basis of its status.</p>
<figure>
{svg}
</figure>
</body>
</html>
"""


SUFFIXES = (".svg", ".png", ".pdf", ".html", ".txt")


def to_bytes(chart, suffix: str, width_px: int = DEFAULT_WIDTH) -> bytes:
    """The chart as the file type `suffix` names (one of SUFFIXES), `width_px` wide."""
    if suffix == ".svg":
        return svg_text(chart, width_px).encode("utf-8")
    if suffix == ".html":
        return html_page(chart, width_px=width_px).encode("utf-8")
    if suffix == ".txt":
        from .chart_terminal import plain_text  # noqa: PLC0415

        return plain_text(chart).encode("utf-8")
    if suffix not in SUFFIXES:
        raise ValueError(f"no chart file of type {suffix!r}")
    dpi = DPI.get(suffix, 96)
    fig = _figure(chart, width_px, dpi)
    buf = io.BytesIO()
    fig.savefig(buf, format=suffix.lstrip("."), dpi=dpi, metadata=_metadata(suffix, chart.as_of))
    return buf.getvalue()


def _metadata(suffix: str, as_of: _dt.date) -> dict:
    title = f"Kuwait's defence agreements, as of {as_of}"
    if suffix == ".pdf":
        return {"Title": title, "Creator": "kdefense", "CreationDate": None}
    return {"Title": title, "Software": "kdefense"}
