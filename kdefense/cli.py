"""The command line: read options, call the library, hand rows to a renderer.

Nothing here knows how terms are computed or how YAML is read; see terms.py,
dataset.py, query.py and render/.
"""

from __future__ import annotations

import datetime as _dt
import os
import sys
from typing import Annotated, List, Optional

import typer
from typer.core import TyperGroup

try:  # typer >= 0.28 vendors click
    from typer._click import exceptions as click_exc
except ImportError:  # pragma: no cover - older typer with click as a dependency
    from click import exceptions as click_exc

from . import __version__
from .render import FORMATS, is_tty
from .errors import EXIT_DATA, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_NO_MATCH, EXIT_USAGE, KdefenseError, UsageError

DEBUG_VAR = "KDEFENSE_DEBUG"

# Columns shown by tabular formats when --fields is not given.
LIST_TABLE = ["id", "partner_name", "type", "signed", "status", "term_end", "notice_by", "title"]
LIST_TSV = ["id", "partner", "type", "signed", "in_force", "status", "term_end", "renewal",
            "notice_by", "estimated", "title"]
EXPIRING_TABLE = ["ends", "projected", "ends_notice_by", "id", "partner_name", "status", "title"]
EXPIRING_TSV = ["ends", "projected", "ends_notice_by", "ends_estimated", "id", "partner", "type",
                "status", "title"]


# --------------------------------------------------------------------------
# Running a command: one place turns every failure into a message and exit code.
# --------------------------------------------------------------------------
class KdefenseGroup(TyperGroup):
    """Runs the command and maps every outcome to the SPEC's exit codes."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        code = _guarded(lambda: super(KdefenseGroup, self).main(
            args=args, prog_name=prog_name or "kdefense", complete_var=complete_var,
            standalone_mode=False, **extra))
        if standalone_mode:
            sys.exit(code)
        return code


def _err(message: str) -> None:
    from .render.safe import line  # messages quote data: never let it reach the terminal raw

    sys.stderr.write(f"kdefense: error: {line(message)}\n")


def _guarded(run) -> int:
    debug = os.environ.get(DEBUG_VAR) == "1"
    try:
        rv = run()
        code = rv if isinstance(rv, int) else 0
        sys.stdout.flush()
        return code
    except SystemExit as exc:  # shell completion and the like exit on their own
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except click_exc.UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError" and exc.ctx is not None:
            sys.stdout.write(exc.ctx.get_help() + "\n")
            return 0
        where = exc.ctx.command_path if exc.ctx is not None else "kdefense"
        _err(f"{exc.format_message()} (see '{where} --help')")
        return EXIT_USAGE
    except click_exc.ClickException as exc:
        _err(exc.format_message())
        return exc.exit_code
    except KdefenseError as exc:
        if debug:
            import traceback
            traceback.print_exc()
        _err(str(exc))
        return exc.exit_code
    except (KeyboardInterrupt, typer.Abort):
        sys.stderr.write("\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except Exception as exc:  # a bug: say so, briefly
        if debug:
            import traceback
            traceback.print_exc()
        _err(f"internal error: {type(exc).__name__}: {exc}. This is a bug in kdefense; please "
             f"report it with the command you ran and the output of the same command "
             f"with {DEBUG_VAR}=1.")
        return EXIT_INTERNAL


def _quiet_stdout() -> None:
    """After a closed pipe (`kdefense list | head`): send the rest to /dev/null
    so that the interpreter's final flush does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


# --------------------------------------------------------------------------
# Options shared by commands
# --------------------------------------------------------------------------
DataOpt = Annotated[Optional[str], typer.Option(
    "--data", metavar="PATH",
    help="Dataset file. Default: $KDEFENSE_DATA, else the bundled dataset.")]
AsOfOpt = Annotated[Optional[str], typer.Option(
    "--as-of", metavar="DATE",
    help="Compute status, terms and deadlines as of this day (default: today). "
         "A partial date counts from its first day.")]
FormatOpt = Annotated[Optional[str], typer.Option(
    "--format", "-f", metavar="FORMAT",
    help="table, json, jsonl, csv, tsv, yaml, markdown or ids. Default: table on a terminal, "
         "tsv with a header when piped.")]
FieldsOpt = Annotated[Optional[str], typer.Option(
    "--fields", metavar="A,B,C", help="Columns/keys to output, comma-separated.")]
ExitOpt = Annotated[bool, typer.Option(
    "--exit-status", "-e", help="Exit with status 1 when nothing matched (like grep).")]
PartnerOpt = Annotated[Optional[List[str]], typer.Option(
    "--partner", "-p", metavar="P",
    help="Partner id, name, ISO code or alias, in any script (russia, RU, روسيا). Repeatable.")]
TypeOpt = Annotated[Optional[List[str]], typer.Option(
    "--type", "-t", metavar="T", help="Agreement type (see 'kdefense types'). Repeatable.")]
StatusOpt = Annotated[Optional[List[str]], typer.Option(
    "--status", "-s", metavar="S",
    help="in-force, signed, expired, terminated, superseded or unknown (as of --as-of). Repeatable.")]
YearOpt = Annotated[Optional[List[int]], typer.Option(
    "--year", "-y", metavar="YEAR", help="Signed in this year. Repeatable.")]
FromOpt = Annotated[Optional[str], typer.Option(
    "--from", metavar="DATE", help="Signed on or after this date.")]
ToOpt = Annotated[Optional[str], typer.Option(
    "--to", metavar="DATE", help="Signed on or before this date.")]
SearchOpt = Annotated[Optional[List[str]], typer.Option(
    "--search", metavar="TEXT", help="Text in the title, summary or notes. Repeatable.")]


class Globals:
    """Options given before the command name."""

    __slots__ = ("data", "as_of")

    def __init__(self, data: str | None = None, as_of: str | None = None):
        self.data, self.as_of = data, as_of


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"kdefense {__version__}\n")
        raise typer.Exit(0)


APP_SETTINGS = dict(
    cls=KdefenseGroup,
    name="kdefense",
    help="Kuwait's defense agreements: who with, what kind, since when, and when each one "
         "ends, renews or must be denounced.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _main(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    ctx.obj = Globals(data=data, as_of=as_of)


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------
def _settings(ctx: typer.Context, data: str | None, as_of: str | None) -> tuple[str | None, _dt.date]:
    g: Globals = ctx.obj or Globals()
    from .dates import DateError, parse_user_date

    text = as_of if as_of is not None else g.as_of
    if text is None:
        day = _dt.date.today()
    else:
        try:
            day = parse_user_date(text).earliest()
        except DateError as exc:
            raise UsageError(f"--as-of: {exc}") from None
    return (data if data is not None else g.data), day


def _index(data: str | None):
    from .dataset import load
    from .index import Index

    return Index(load(data))


def _date_opt(name: str, text: str | None):
    if text is None:
        return None
    from .dates import DateError, parse_user_date

    try:
        return parse_user_date(text)
    except DateError as exc:
        raise UsageError(f"{name}: {exc}") from None


def _span_opt(name: str, text: str):
    from .dates import DateError, parse_span

    try:
        return parse_span(text)
    except DateError as exc:
        raise UsageError(f"{name}: {exc}") from None


def _filters(partner, type_, status, year, date_from, date_to, search):
    from .query import Filters

    return Filters(
        partners=list(partner or ()), types=list(type_ or ()), statuses=list(status or ()),
        years=list(year or ()), date_from=_date_opt("--from", date_from),
        date_to=_date_opt("--to", date_to), search=list(search or ()),
    )


def _format(fmt: str | None, allowed: tuple[str, ...], default_human: str | None = None) -> str:
    if fmt is None:
        if default_human is not None:
            return default_human
        return "table" if is_tty(sys.stdout) else "tsv"
    f = fmt.strip().lower()
    if f not in allowed:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(allowed)}")
    return f


def _fields(fields: str | None, valid: tuple[str, ...]) -> list[str] | None:
    if fields is None:
        return None
    chosen = [f.strip() for f in fields.split(",") if f.strip()]
    if not chosen:
        raise UsageError(f"--fields is empty; valid fields: {', '.join(valid)}")
    bad = [f for f in chosen if f not in valid]
    if bad:
        raise UsageError(f"unknown field {bad[0]!r}; valid fields: {', '.join(valid)}")
    return chosen


def _output(rows: list[dict], fmt: str, chosen: list[str] | None, table_cols: list[str],
            tsv_cols: list[str], exit_status: bool, empty_note: str) -> None:
    from .render import emit

    columns = chosen or (table_cols if fmt in ("table", "markdown") else tsv_cols)
    if chosen and fmt in ("json", "jsonl", "yaml"):
        rows = [{k: r.get(k) for k in chosen} for r in rows]
    emit(rows, fmt, columns, empty_note=empty_note)
    if exit_status and not rows:
        raise typer.Exit(EXIT_NO_MATCH)


# --------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------
def list_(
    ctx: typer.Context,
    partner: PartnerOpt = None, type_: TypeOpt = None, status: StatusOpt = None,
    year: YearOpt = None, date_from: FromOpt = None, date_to: ToOpt = None, search: SearchOpt = None,
    sort: Annotated[str, typer.Option("--sort", metavar="KEY",
                                      help="Sort by signed (default), id, partner, type, status, "
                                           "term_end, notice_by, in_force or title.")] = "signed",
    fmt: FormatOpt = None, fields: FieldsOpt = None, exit_status: ExitOpt = False,
    data: DataOpt = None, as_of: AsOfOpt = None,
) -> None:
    """List agreements, filtered by partner, type, status, year, dates or text."""
    from . import query

    data, day = _settings(ctx, data, as_of)
    fmt_ = _format(fmt, FORMATS)
    chosen = _fields(fields, query.AGREEMENT_KEYS)
    filters = _filters(partner, type_, status, year, date_from, date_to, search)
    index = _index(data)
    rows = query.list_agreements(index, filters.resolved(index), day, sort)
    _output(rows, fmt_, chosen, LIST_TABLE, LIST_TSV, exit_status, "no agreements match")


def show(
    ctx: typer.Context,
    agreement_id: Annotated[str, typer.Argument(metavar="ID", help="Agreement id (see 'kdefense list --format ids').")],
    fmt: FormatOpt = None, fields: FieldsOpt = None,
    data: DataOpt = None, as_of: AsOfOpt = None,
) -> None:
    """Show one agreement in full: terms, events, related agreements, sources, notes."""
    from . import query, terms

    data, day = _settings(ctx, data, as_of)
    fmt_ = _format(fmt, FORMATS + ("text",), default_human="text")
    chosen = _fields(fields, query.AGREEMENT_KEYS)
    index = _index(data)
    a = index.get(agreement_id)
    row = query.agreement_row(index, a, terms.state(a, day))
    if fmt_ == "text":
        from .render.text import show as show_text

        titles = {r.id: index.get(r.id).title for r in a.related if index.has_id(r.id)}
        sys.stdout.write(show_text(row, titles, index.dataset.types.get(a.type), str(day)))
        return
    _output([row], fmt_, chosen, LIST_TABLE, LIST_TSV, False, "")


def expiring(
    ctx: typer.Context,
    year: Annotated[Optional[int], typer.Argument(metavar="[YEAR]", help="Calendar year whose term ends to list (past years: terms that ended then).")] = None,
    within: Annotated[Optional[str], typer.Option("--within", metavar="SPAN", help="Term ends from --as-of to this far ahead (18m, 2y, 90d). Default: 1y when no YEAR is given.")] = None,
    before: Annotated[Optional[str], typer.Option("--before", metavar="DATE", help="Term ends from --as-of up to (not including) this date.")] = None,
    partner: PartnerOpt = None, type_: TypeOpt = None, status: StatusOpt = None,
    year_signed: YearOpt = None, date_from: FromOpt = None, date_to: ToOpt = None, search: SearchOpt = None,
    fmt: FormatOpt = None, fields: FieldsOpt = None, exit_status: ExitOpt = False,
    data: DataOpt = None, as_of: AsOfOpt = None,
) -> None:
    """List term ends in a year or window, with automatic renewals projected forward
    and the date by which notice must be given to stop each renewal."""
    from . import query

    data, day = _settings(ctx, data, as_of)
    fmt_ = _format(fmt, FORMATS)
    chosen = _fields(fields, query.EXPIRING_KEYS)
    given = [n for n, v in (("YEAR", year), ("--within", within), ("--before", before)) if v is not None]
    if len(given) > 1:
        raise UsageError(f"give only one of YEAR, --within and --before (got {' and '.join(given)})")
    if year is not None:
        if not 1 <= year <= 9998:
            raise UsageError(f"YEAR {year} is out of range (1-9998)")
        lo, hi = query.window_for_year(year)
    elif before is not None:
        limit = _date_opt("--before", before).earliest() - _dt.timedelta(days=1)
        if limit < day:
            raise UsageError(f"--before {before} is not after --as-of {day}")
        lo, hi = day, limit
    else:
        lo, hi = query.window_within(day, _span_opt("--within", within or "1y"))
    filters = _filters(partner, type_, status, year_signed, date_from, date_to, search)
    index = _index(data)
    rows = query.expiring(index, filters.resolved(index), day, lo, hi)
    _output(rows, fmt_, chosen, EXPIRING_TABLE, EXPIRING_TSV, exit_status,
            f"no term ends between {lo} and {hi}")


def deadlines(
    ctx: typer.Context,
    within: Annotated[str, typer.Option("--within", metavar="SPAN", help="How far ahead of --as-of to look (18m, 2y, 90d).")] = "1y",
    partner: PartnerOpt = None, type_: TypeOpt = None, status: StatusOpt = None,
    year: YearOpt = None, date_from: FromOpt = None, date_to: ToOpt = None, search: SearchOpt = None,
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", metavar="FORMAT", help="table, json, jsonl, csv, tsv, yaml, markdown, ids or ics (iCalendar).")] = None,
    fields: FieldsOpt = None, exit_status: ExitOpt = False,
    data: DataOpt = None, as_of: AsOfOpt = None,
) -> None:
    """Notice deadlines and term ends ahead, soonest first."""
    from . import query

    data, day = _settings(ctx, data, as_of)
    fmt_ = _format(fmt, FORMATS + ("ics",))
    chosen = _fields(fields, query.DEADLINE_KEYS)
    _, hi = query.window_within(day, _span_opt("--within", within))
    filters = _filters(partner, type_, status, year, date_from, date_to, search)
    index = _index(data)
    rows = query.deadlines(index, filters.resolved(index), day, hi)
    if fmt_ == "ics":
        from .render.ics import to_ics

        stamp = _dt.datetime(day.year, day.month, day.day)
        sys.stdout.write(to_ics(rows, stamp, __version__))
        if exit_status and not rows:
            raise typer.Exit(EXIT_NO_MATCH)
        return
    cols = list(query.DEADLINE_KEYS)
    _output(rows, fmt_, chosen, ["date", "kind", "id", "partner", "estimated", "projected", "title"], cols,
            exit_status, f"no deadlines between {day} and {hi}")


def partners(
    ctx: typer.Context,
    fmt: FormatOpt = None, fields: FieldsOpt = None, exit_status: ExitOpt = False,
    data: DataOpt = None, as_of: AsOfOpt = None,
) -> None:
    """List partners with their ISO codes, aliases and agreement counts."""
    from . import query

    data, day = _settings(ctx, data, as_of)
    fmt_ = _format(fmt, FORMATS)
    chosen = _fields(fields, query.PARTNER_KEYS)
    rows = query.partner_rows(_index(data), day)
    _output(rows, fmt_, chosen, ["id", "name", "iso", "agreements", "in_force"],
            list(query.PARTNER_KEYS), exit_status, "no partners")


def types(
    ctx: typer.Context,
    fmt: FormatOpt = None, fields: FieldsOpt = None, exit_status: ExitOpt = False,
    data: DataOpt = None, as_of: AsOfOpt = None,
) -> None:
    """List agreement types with their descriptions and counts."""
    from . import query

    data, _day = _settings(ctx, data, as_of)
    fmt_ = _format(fmt, FORMATS)
    chosen = _fields(fields, query.TYPE_KEYS)
    rows = query.type_rows(_index(data))
    _output(rows, fmt_, chosen, list(query.TYPE_KEYS), list(query.TYPE_KEYS), exit_status, "no types")


def timeline(
    ctx: typer.Context,
    partner: PartnerOpt = None, type_: TypeOpt = None, status: StatusOpt = None,
    year: YearOpt = None, date_from: FromOpt = None, date_to: ToOpt = None, search: SearchOpt = None,
    fmt: FormatOpt = None, fields: FieldsOpt = None, exit_status: ExitOpt = False,
    data: DataOpt = None, as_of: AsOfOpt = None,
) -> None:
    """Signatures, entries into force, ratifications, renewals and term ends, oldest first."""
    from . import query

    data, day = _settings(ctx, data, as_of)
    fmt_ = _format(fmt, FORMATS + ("text",), default_human="text")
    chosen = _fields(fields, query.TIMELINE_KEYS)
    filters = _filters(partner, type_, status, year, date_from, date_to, search)
    index = _index(data)
    rows = query.timeline(index, filters.resolved(index), day)
    if fmt_ == "text":
        from .render.text import timeline as timeline_text

        if not rows:
            sys.stderr.write("kdefense: nothing on the timeline\n")
        sys.stdout.write(timeline_text(rows))
        if exit_status and not rows:
            raise typer.Exit(EXIT_NO_MATCH)
        return
    cols = list(query.TIMELINE_KEYS)
    _output(rows, fmt_, chosen, cols, cols, exit_status, "nothing on the timeline")


def stats(
    ctx: typer.Context,
    fmt: FormatOpt = None, fields: FieldsOpt = None,
    data: DataOpt = None, as_of: AsOfOpt = None,
) -> None:
    """Counts of agreements by partner, type, decade of signature and status."""
    from . import query

    data, day = _settings(ctx, data, as_of)
    fmt_ = _format(fmt, FORMATS)
    chosen = _fields(fields, query.STATS_KEYS)
    rows = query.stats(_index(data), day)
    cols = list(query.STATS_KEYS)
    _output(rows, fmt_, chosen, cols, cols, False, "")


def validate(
    ctx: typer.Context,
    path: Annotated[Optional[str], typer.Argument(metavar="[PATH]", help="Dataset file to check. Default: --data, $KDEFENSE_DATA, else the bundled dataset.")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", metavar="FORMAT", help="text (default), json or jsonl.")] = None,
    data: DataOpt = None, as_of: AsOfOpt = None,
) -> None:
    """Check a dataset file and list every problem as path:line:column: message."""
    from .dataset import parse, read_file, resolve_path
    from .errors import DataError

    data, _day = _settings(ctx, data, as_of)
    fmt_ = _format(fmt, ("text", "json", "jsonl"), default_human="text")
    p = resolve_path(path or data)
    problems = []
    summary = ""
    try:
        ds = parse(read_file(p), str(p))
        summary = f"{p}: ok: {len(ds.agreements)} agreements, {len(ds.partners)} partners, {len(ds.types)} types"
    except DataError as exc:
        problems = exc.problems
    if fmt_ == "text":
        from .render import safe

        for pr in problems:
            sys.stdout.write(safe.line(str(pr)) + "\n")
        if problems:
            sys.stderr.write(f"kdefense: {len(problems)} problem{'s' if len(problems) != 1 else ''} in {p}\n")
        else:
            sys.stdout.write(safe.line(summary) + "\n")
    else:
        from .render import emit

        emit([pr.as_dict() for pr in problems], fmt_, [])
    if problems:
        raise typer.Exit(EXIT_DATA)


# --------------------------------------------------------------------------
# Building the app
# --------------------------------------------------------------------------
COMMANDS = {
    "list": list_, "show": show, "expiring": expiring, "deadlines": deadlines,
    "partners": partners, "types": types, "timeline": timeline, "stats": stats,
    "validate": validate,
}
_GLOBAL_VALUE_OPTIONS = ("--data", "--as-of")


def build_app(names=None) -> typer.Typer:
    """A Typer app with the given commands (all by default)."""
    t = typer.Typer(**APP_SETTINGS)
    t.callback()(_main)
    for name in names or COMMANDS:
        t.command(name)(COMMANDS[name])
    return t


app = build_app()


def command_in(argv: list[str]) -> str | None:
    """The command an argument list names, if it can be told without parsing:
    only global value options may come before it."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in _GLOBAL_VALUE_OPTIONS:
            i += 2
            continue
        if arg.startswith(tuple(o + "=" for o in _GLOBAL_VALUE_OPTIONS)):
            i += 1
            continue
        return arg if arg in COMMANDS else None
    return None


def main() -> None:
    """Console script entry point.

    Typer inspects the signature of every registered command before it runs
    one; building the app with just the command asked for saves most of that
    (about 20 ms a run). Help, completion and anything unclear get the full app.
    """
    argv = sys.argv[1:]
    if argv == ["--version"]:
        name = "types"  # --version is eager: it answers before any command; one small one will do
    else:
        name = None if "_KDEFENSE_COMPLETE" in os.environ else command_in(argv)
    (build_app([name]) if name else app)(args=argv, prog_name="kdefense")
