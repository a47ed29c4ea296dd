"""The commands that answer with rows: list, show, expiring, deadlines,
partners, types, timeline, stats. Each reads its own options, asks the
library one question and hands the answer to `Request.emit`."""

from __future__ import annotations

from typing import Annotated, List, Optional

import typer

from .. import query
from .guard import UsageError
from .options import OutputOpt, Request, command, completer

LIST_TABLE = ["id", "partner_name", "type", "signed", "status", "term_end", "notice_by", "title"]
# Piped, a presumption carries its basis and its latest evidence, as everywhere else.
LIST_TSV = ["id", "partner", "type", "signed", "signed_before", "in_force", "status", "status_basis",
            "last_confirmed", "last_evidence", "term_end", "renewal", "notice_by", "estimated", "title"]
EXPIRING_TABLE = ["ends", "projected", "ends_notice_by", "ends_kind", "id", "partner_name", "status", "title"]
EXPIRING_TSV = ["ends", "projected", "ends_notice_by", "ends_kind", "ends_estimated", "id", "partner", "type",
                "status", "title"]
DEADLINES_TABLE = ["date", "kind", "id", "partner", "estimated", "projected", "title"]
PARTNERS_TABLE = ["id", "name", "agreements", "in_force", "presumed", "presumed_recent", "dormant"]


@command("list", rows="agreements", keys=query.AGREEMENT_KEYS, filters=True, exit_status=True)
def list_(req: Request, sort: Annotated[str, typer.Option(
        "--sort", metavar="KEY", help="Sort by signed (default), id, partner, type, status, term_end, notice_by, "
                                      "in_force or title.")] = "signed") -> None:
    """List agreements, filtered by partner, type, status, year, dates or text."""
    rows = req.answer(lambda index: query.list_agreements(index, req.filters.resolved(index), req.as_of, sort))
    req.emit(rows, LIST_TABLE, LIST_TSV, "no agreements match")


@command("show", rows="agreements", document="agreement-detail", keys=query.AGREEMENT_KEYS, default="text")
def show(req: Request, agreement_ids: Annotated[List[str], typer.Argument(
        metavar="ID...", help="Agreement ids (see 'kdefense list --format ids').", autocompletion=completer("id"))]
         ) -> None:
    """Show agreements in full: terms, status and its basis, events, related agreements, sources, notes."""
    from .. import details as full  # noqa: PLC0415

    details = req.answer(lambda index: full.details(index, agreement_ids, req.as_of))
    req.emit(None, LIST_TABLE, LIST_TSV, document=details)


@command("expiring", rows="term-ends", keys=query.EXPIRING_KEYS, filters=True, exit_status=True)
def expiring(
    req: Request,
    when: Annotated[Optional[str], typer.Argument(
        metavar="[YEAR | YYYY-MM | DATE]",
        help="The year, month or day whose term ends to list (past ones: terms that ended then).")] = None,
    within: Annotated[Optional[str], typer.Option(
        "--within", metavar="SPAN",
        help="Term ends from --as-of to this far ahead (18m, 2y, 90d). Default: 1y when no YEAR is given.")] = None,
    before: Annotated[Optional[str], typer.Option(
        "--before", metavar="DATE", help="Term ends from --as-of up to (not including) this date.")] = None,
) -> None:
    """List term ends in a year, month, day or window, with automatic renewals projected forward
    and the date by which notice must be given to stop each renewal."""
    given = [n for n, v in (("YEAR", when), ("--within", within), ("--before", before)) if v is not None]
    if len(given) > 1:
        raise UsageError(f"give only one of YEAR, --within and --before (got {' and '.join(given)})")
    lo, hi = query.expiring_window(req.as_of, when, within, before)
    rows = req.answer(lambda index: query.expiring(index, req.filters.resolved(index), req.as_of, lo, hi))
    req.emit(rows, EXPIRING_TABLE, EXPIRING_TSV, f"no term ends between {lo} and {hi}")


@command("deadlines", rows="deadlines", keys=query.DEADLINE_KEYS, filters=True, exit_status=True)
def deadlines(req: Request, within: Annotated[str, typer.Option(
        "--within", metavar="SPAN", help="How far ahead of --as-of to look (18m, 2y, 90d).")] = "1y") -> None:
    """Notice deadlines, automatic renewals and term ends ahead, soonest first."""
    _, hi = query.expiring_window(req.as_of, within=within)
    rows = req.answer(lambda index: query.deadlines(index, req.filters.resolved(index), req.as_of, hi))
    req.emit(rows, DEADLINES_TABLE, list(query.DEADLINE_KEYS), f"no deadlines between {req.as_of} and {hi}")


@command("partners", rows="partners", keys=query.PARTNER_KEYS, exit_status=True)
def partners(req: Request) -> None:
    """List partners with their ISO codes, aliases, and agreements: all, in force, presumed in force."""
    rows = req.answer(lambda index: query.partner_rows(index, req.as_of))
    req.emit(rows, PARTNERS_TABLE, list(query.PARTNER_KEYS), "no partners")


@command("types", rows="types", keys=query.TYPE_KEYS, exit_status=True)
def types(req: Request) -> None:
    """List agreement types with their descriptions and counts."""
    rows = req.answer(query.type_rows)
    req.emit(rows, list(query.TYPE_KEYS), list(query.TYPE_KEYS), "no types")


@command("timeline", rows="timeline", document="timeline", keys=query.TIMELINE_KEYS, default="text", filters=True,
         exit_status=True)
def timeline(req: Request, as_chart: Annotated[bool, typer.Option(
        "--chart", help="Draw the chart instead of listing events (the same as 'kdefense chart').")] = False,
             output: OutputOpt = None) -> None:
    """Signatures, entries into force, ratifications, renewals, confirmations and term ends,
    oldest first. --from/--to select events by their own date. --chart draws them."""
    if as_chart:
        if req.filters.get("date_from") or req.filters.get("date_to"):
            raise UsageError("--from/--to select events in a timeline, which a chart does not list: use "
                             "'kdefense chart --from DATE --to DATE' for agreements signed in a range")
        from .document_commands import draw_chart  # noqa: PLC0415

        return draw_chart(req, output)
    if output is not None:
        raise UsageError("--output goes with --chart (or use 'kdefense chart --output FILE')")
    rows = req.answer(lambda index: query.timeline(index, req.filters.resolved(index), req.as_of))
    cols = list(query.TIMELINE_KEYS)
    req.emit(rows, cols, cols, "nothing on the timeline")


@command("stats", rows="stats", keys=query.STATS_KEYS)
def stats(req: Request) -> None:
    """Counts of agreements by partner, type, decade of signature, status and basis of status."""
    rows = req.answer(lambda index: query.stats(index, req.as_of))
    cols = list(query.STATS_KEYS)
    req.emit(rows, cols, cols)


@command("dyad-years", rows="dyad-years", keys=query.DYAD_KEYS, filters=True, exit_status=True,
         own=("date_from", "date_to"))
def dyad_years(
    req: Request,
    first: Annotated[Optional[str], typer.Option(
        "--from", metavar="YEAR", help="First year of the panel (default: each partner's first agreement).")] = None,
    last: Annotated[Optional[str], typer.Option(
        "--to", metavar="YEAR", help="Last year of the panel (default: the year of --as-of).")] = None,
) -> None:
    """One row per partner and year (ccode1, ccode2, year, as peace-science panels join them): agreements in
    force and presumed in force on 31 December, agreements signed that year, and dca (1 where any is in force or
    presumed). Years outside the dataset's coverage (1961 to the data version's date) have null counts."""
    from .. import data_version, inputs  # noqa: PLC0415

    lo = inputs.year("date_from", first) if first is not None else None
    hi = inputs.year("date_to", last) if last is not None else None
    if lo is not None and hi is not None and hi < lo:
        raise UsageError(f"--from {lo} is after --to {hi}; nothing can match (swap them?)")

    def answer(index):
        covered_to = data_version.of(index.dataset.path).get("date")
        end = int(covered_to[:4]) if covered_to else req.as_of.year
        return query.dyad_years(index, req.filters.resolved(index), req.as_of, lo, hi,
                                (data_version.COVERAGE_START, end))

    rows = req.answer(answer)
    cols = list(query.DYAD_KEYS)
    req.emit(rows, cols, cols, "no partner-years")
