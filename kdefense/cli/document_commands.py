"""The commands that answer with a document: chart and report."""

from __future__ import annotations

import os
from typing import Annotated, Optional

import typer

from .. import inputs
from .guard import UsageError
from .options import OutputOpt, Request, command


def draw_chart(req: Request, output: str | None, current: bool = False, width: int | None = None) -> None:
    """The chart of the agreements the filters select (only those in force or
    presumed in force with `current`): in the terminal, or into the file
    `output` (its suffix says which kind), `width` pixels wide."""
    from .. import chart_model  # noqa: PLC0415
    from ..render.chart_file import SUFFIXES  # noqa: PLC0415

    if req.format not in (None, "text"):
        raise UsageError(f"-f {req.format}: the chart is text in the terminal, or a file with --output")
    suffix = os.path.splitext(output)[1].lower() if output is not None else None
    if output is not None and suffix not in SUFFIXES:
        raise UsageError(f"--output {output!r}: the chart is written as {', '.join(SUFFIXES)} (by the file's suffix)")
    if width is not None and not 300 <= width <= 10000:
        raise UsageError(f"--width {width}: give the chart's width in pixels, 300 to 10000")
    if width is not None and output is None:
        raise UsageError("--width sets the size of a chart file: add --output FILE (.svg, .png, .pdf or .html)")
    filters = req.filters
    if current:
        from ..filters import Filters  # noqa: PLC0415

        filters = Filters({**filters.values, "status": ["current"]}, filters.dated_events)
    chart = req.answer(lambda index: chart_model.build(index, filters.resolved(index), req.as_of))
    if output is None:
        req.format = "text"
        req.emit(document=chart, empty_note="no agreements match")
        return
    if chart.empty:
        raise UsageError("no agreements match: nothing to chart")
    from ..render.chart_file import DEFAULT_WIDTH, to_bytes  # noqa: PLC0415

    req.write(to_bytes(chart, suffix, width or DEFAULT_WIDTH), output, f" ({len(chart.rows)} agreements)")


CurrentOpt = Annotated[bool, typer.Option(
    "--current", help="Only agreements in force or presumed in force (a compact chart for an article).")]
WidthOpt = Annotated[Optional[int], typer.Option(
    "--width", metavar="PX", help="Width of a chart file in pixels (default 1100); its height follows the rows.")]


@command("chart", document="chart", default="text", filters=True, exit_status=True)
def chart(req: Request, output: OutputOpt = None, current: CurrentOpt = False, width: WidthOpt = None) -> None:
    """A chart of agreements over time: one row per agreement, grouped by partner, terms on record solid,
    projected renewals lighter, presumed ones open-ended (lighter when their latest evidence is over 10
    years old), with signature, entry into force, renewals, confirmations and notice deadlines marked.
    --output FILE writes .svg, .png, .pdf, .html or .txt."""
    draw_chart(req, output, current, width)


@command("report", document="briefing", default="markdown", filters=True)
def report(
    req: Request,
    horizon: Annotated[str, typer.Option(
        "--horizon", metavar="SPAN", help="How far ahead 'what lies ahead' looks (default 24m).")] = "24m",
    since: Annotated[str, typer.Option(
        "--since", metavar="SPAN", help="How far back 'what changed' looks (default 12m).")] = "12m",
    output: OutputOpt = None,
    chart_all: Annotated[bool, typer.Option(
        "--chart-all", help="In -f html, chart every agreement selected (default: those in force or presumed).")]
        = False,
) -> None:
    """A briefing as of --as-of, for an article or a memo: agreements in force and presumed in force by partner
    (with the basis), notice deadlines, renewals and term ends ahead, what changed, open questions, and
    numbered sources. -f html gives one standalone page with the chart."""
    from .. import briefing  # noqa: PLC0415

    ahead, back = inputs.span("horizon", horizon), inputs.span("since", since)
    doc = req.answer(lambda index: briefing.build(index, req.filters.resolved(index), req.as_of, ahead, back,
                                                  with_chart=req.format == "html", chart_all=chart_all))
    req.emit(document=doc, output=output)
