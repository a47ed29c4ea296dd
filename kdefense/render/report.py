"""`kdefense report` as Markdown (for pasting into an article or memo) or as
one standalone HTML page with the chart embedded."""

from __future__ import annotations

import html
import re

from ..briefing import Block, Briefing, Code, Ref
from ..errors import MissingExtra
from . import escape
from .markdown import escape as _md_text

_LINKABLE = re.compile(r"^https?://[^\s<>\"'`\\\x00-\x1f\x7f]+$", re.I)  # safe inside <...> and href="..."


def _md_piece(p) -> str:
    if isinstance(p, Ref):
        return f"[{p.number}]"
    if isinstance(p, Code):  # an id or a date: a code span, never broken (ids and dates hold no backticks)
        return f"`{escape.line(p.text)}`" if "`" not in p.text else _md_text(p.text)
    return _md_text(p)


def _md(pieces: list) -> str:
    return "".join(_md_piece(p) for p in pieces).strip()


def _source_head(src) -> str:
    return ", ".join(x for x in (src.title, src.publisher, str(src.date) if src.date else None) if x)


def _source_line(n: int, src) -> str:
    """A numbered source in Markdown: its text escaped like any data, its link
    an autolink only when it is a plain http(s) URL (else shown as text)."""
    link = ""
    if src.url:
        link = f". <{src.url}>" if _LINKABLE.match(src.url) else f". {_md_text(src.url)}"
    return f"{n}. {_md_text(_source_head(src))}{link}"


def markdown(b: Briefing) -> str:
    out = [f"# {_md_text(b.title)}", ""]
    for block in b.blocks:
        if block.kind == "heading":
            out += ["#" * block.level + " " + _md(block.pieces), ""]
        elif block.kind == "paragraph":
            out += [_md(block.pieces), ""]
        elif block.kind == "items":
            out += [f"- {_md(item)}" for item in block.items] + [""]
        elif block.kind == "table":
            out.append("| " + " | ".join(block.header) + " |")
            out.append("|" + "|".join(" --- " for _ in block.header) + "|")
            out += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in block.rows]
            out.append("")
    out += ["## Sources", ""] + [_source_line(n, src) for n, src in enumerate(b.sources, 1)]
    out += ["", f"Source: kdefense dataset, as of {b.as_of}. Statuses and dates are computed by kdefense from the "
                "sourced records; a presumed status is named as one."]
    return "\n".join(out) + "\n"


def render_markdown(b: Briefing, terminal) -> str:
    return markdown(b)


# -- HTML ------------------------------------------------------------------------

def _h_piece(p) -> str:
    if isinstance(p, Ref):
        return f'<a href="#source-{p.number}">[{p.number}]</a>'
    if isinstance(p, Code):
        return f'<span class="nowrap">{html.escape(escape.line(p.text))}</span>'
    return html.escape(escape.line(p))


def _h(pieces: list) -> str:
    return "".join(_h_piece(p) for p in pieces).strip()


def _block_html(block: Block) -> str:
    if block.kind == "heading":
        return f"<h{block.level}>{_h(block.pieces)}</h{block.level}>"
    if block.kind == "paragraph":
        return f"<p>{_h(block.pieces)}</p>"
    if block.kind == "items":
        return "<ul>\n" + "\n".join(f"<li>{_h(item)}</li>" for item in block.items) + "\n</ul>"
    head = "".join(f"<th>{html.escape(h)}</th>" for h in block.header)
    body = "\n".join("<tr>" + "".join(f"<td>{_h(cell)}</td>" for cell in row) + "</tr>" for row in block.rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _source_html(n: int, src) -> str:
    link = ""
    if src.url:
        shown = html.escape(escape.line(src.url))
        link = (f'. <a href="{html.escape(src.url, quote=True)}">{shown}</a>' if _LINKABLE.match(src.url)
                else f". {shown}")
    return f'<li id="source-{n}">{html.escape(escape.line(_source_head(src)))}{link}</li>'


def page(b: Briefing, figure: str) -> str:
    """The briefing as one page: the summary first, then the chart, then the rest."""
    sources = "\n".join(_source_html(n, s) for n, s in enumerate(b.sources, 1))
    blocks = [_block_html(block) for block in b.blocks]
    if figure:
        blocks.insert(b.chart_at, f"<figure>\n{figure}\n</figure>")
    blocks = "\n".join(blocks)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape(b.title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 1100px; padding: 0 1rem; color: #263238;
       line-height: 1.45; }}
h1 {{ font-size: 1.5rem; }} h2 {{ font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #cfd8dc; }}
h3 {{ font-size: 1rem; margin-bottom: 0.2rem; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.92rem; }}
th, td {{ border-bottom: 1px solid #eceff1; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }}
td:first-child, .nowrap {{ white-space: nowrap; }}
figure {{ margin: 1rem 0; }} figure svg {{ width: 100%; height: auto; }}
pre {{ font-size: 0.75rem; overflow-x: auto; }}
.sources li {{ font-size: 0.88rem; word-break: break-word; }}
.footer {{ color: #546e7a; font-size: 0.85rem; }}
</style>
</head>
<body>
<h1>{html.escape(b.title)}</h1>
{blocks}
<h2>Sources</h2>
<ol class="sources">
{sources}
</ol>
<p class="footer">Source: kdefense dataset, as of {b.as_of}. Statuses and dates are computed by kdefense from the
sourced records; a presumed status is named as one.</p>
</body>
</html>
"""


def render_html(b: Briefing, terminal) -> str:
    """One standalone page: the briefing with its chart (an SVG; plain text without matplotlib)."""
    chart = b.chart
    figure = ""
    if chart is not None and chart.rows:
        try:
            from .chart_file import svg_text  # noqa: PLC0415

            svg = svg_text(chart)
            figure = svg[svg.index("<svg"):]
        except MissingExtra:  # no matplotlib: the terminal chart instead
            from .chart_terminal import plain_text  # noqa: PLC0415

            figure = f"<pre>{html.escape(plain_text(chart))}</pre>"
    return page(b, figure)
