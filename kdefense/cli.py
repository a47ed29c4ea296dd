"""The command line: read options, call the library, hand rows to a renderer.

Nothing here knows how terms are computed or how YAML is read; see terms.py,
status.py, dataset.py, query.py and render/. Options shared by commands are
declared once: the filters in filters.FILTERS, the formats in
render.FORMATS, and the rest (--data, --as-of, --format, --fields, -e) by the
`command()` decorator below, which adds them to each command's signature.
"""

from __future__ import annotations

import datetime as _dt
import inspect
import os
import sys
from typing import Annotated, List, Optional

import typer
from typer.core import TyperGroup

# Typer 0.28 vendors click as a private module and exports none of its
# exception classes; catching them is how every failure becomes one line and
# an exit code. The version pin in pyproject.toml keeps this import valid.
from typer._click import exceptions as click_exc

from . import __version__, query
from .errors import EXIT_DATA, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_NO_MATCH, EXIT_USAGE, KdefenseError, UsageError
from .filters import FILTERS, Filters, user_date, user_span
from .render import FORMATS, Output, format_help, formats_for, is_tty

DEBUG_VAR = "KDEFENSE_DEBUG"


# --------------------------------------------------------------------------
# Running a command: one place turns every failure into a message and exit code.
# --------------------------------------------------------------------------
class KdefenseGroup(TyperGroup):
    """Runs the command and maps every outcome to the README's exit codes."""

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


def _writable_streams() -> None:
    """A terminal or pipe whose encoding cannot take a character (LC_ALL=C,
    PYTHONIOENCODING=ascii) gets it as a backslash escape, never a crash."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):  # not a text file we own (test runners)
            pass


def _guarded(run) -> int:
    debug = os.environ.get(DEBUG_VAR) == "1"
    _writable_streams()
    try:
        rv = run()
        code = rv if isinstance(rv, int) else 0
        sys.stdout.flush()
        return code
    except SystemExit as exc:  # shell completion and the like exit on their own
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except click_exc.NoArgsIsHelpError as exc:
        sys.stdout.write(exc.ctx.get_help() + "\n")
        return 0
    except click_exc.UsageError as exc:
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
# Options every command takes, declared once
# --------------------------------------------------------------------------
DataOpt = Annotated[Optional[str], typer.Option(
    "--data", metavar="PATH", help="Dataset file. Default: $KDEFENSE_DATA, else the bundled dataset.")]
AsOfOpt = Annotated[Optional[str], typer.Option(
    "--as-of", metavar="DATE",
    help="Compute status, terms and deadlines as of this day (default: today). "
         "A partial date counts from its first day.")]


class Request:
    """What one command was asked: the dataset, the day, the filters and how
    to print. Built by `command()` from the shared options."""

    __slots__ = ("command", "data", "as_of", "filters", "format", "fields", "exit_status")

    def __init__(self, command: str, data: str | None, as_of: _dt.date, filters: Filters | None,
                 fmt: str, fields: list[str] | None, exit_status: bool):
        self.command, self.data, self.as_of, self.filters = command, data, as_of, filters
        self.format, self.fields, self.exit_status = fmt, fields, exit_status

    def answer(self, question):
        """question(index) on the loaded dataset (see dataset.with_index)."""
        from .dataset import with_index

        return with_index(self.data, question)

    def emit(self, rows: list[dict], table: list[str], tsv: list[str] | None = None, empty_note: str = "",
             extra: dict | None = None, output: str | None = None) -> None:
        """Write rows in the requested format, to stdout or whole to the file `output`."""
        fmt = FORMATS[self.format]
        columns = self.fields or (table if self.format in ("table", "markdown") else (tsv or table))
        if self.fields and not fmt.tabular:
            rows = [{k: r.get(k) for k in self.fields} for r in rows]
        if output is None:
            fmt.write(rows, Output(self.command, columns, self.as_of, empty_note=empty_note or "nothing matched",
                                   extra=extra))
        else:
            from .files import atomic_text

            try:
                with atomic_text(output) as fh:
                    fmt.write(rows, Output(self.command, columns, self.as_of, out=fh, extra=extra))
            except OSError as exc:
                raise UsageError(f"--output {output!r}: {exc.strerror or exc}") from None
            sys.stderr.write(f"kdefense: wrote {output}\n")
        if self.exit_status and not rows:
            raise typer.Exit(EXIT_NO_MATCH)


def _as_of(text: str | None) -> _dt.date:
    return _dt.date.today() if text is None else user_date("--as-of", text).earliest()


def _format(command: str, given: str | None, default: str) -> str:
    if given is None:
        if default == "rows":
            return "table" if is_tty(sys.stdout) else "tsv"
        return default
    f = given.strip().lower()
    allowed = formats_for(command)
    if f not in allowed:
        raise UsageError(f"unknown format {given!r}; choose one of: {', '.join(allowed)}")
    return f


def _fields(fmt: str, text: str | None, valid: tuple[str, ...]) -> list[str] | None:
    if text is None:
        return None
    if not FORMATS[fmt].fields:
        raise UsageError(f"--fields does not apply to -f {fmt}: it picks the columns of a table or the keys "
                         "of json/jsonl/yaml (add e.g. -f json)")
    chosen = [f.strip() for f in text.split(",") if f.strip()]
    if not chosen:
        raise UsageError(f"--fields is empty; valid fields: {', '.join(valid)}")
    bad = [f for f in chosen if f not in valid]
    if bad:
        raise UsageError(f"unknown field {bad[0]!r}; valid fields: {', '.join(valid)}")
    return chosen


def _param(name: str, annotation, default=None) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


def _completer(kind: str):
    """A Typer autocompletion callback offering `kind` values (complete.py)."""

    def complete(ctx: typer.Context, incomplete: str):
        from .complete import candidates

        data = ctx.params.get("data") or (ctx.parent.params.get("data") if ctx.parent else None)
        return candidates(kind, incomplete, data)

    return complete


def _filter_params(command: str) -> list[inspect.Parameter]:
    params = []
    for f in FILTERS:
        kind = Optional[List[str]] if f.many else Optional[str]
        params.append(_param(f"filter_{f.name}", Annotated[kind, typer.Option(
            *f.flags, metavar=f.metavar, help=f.help, hidden=command in f.refused,
            autocompletion=_completer(f.complete) if f.complete else None)]))
    return params


COMMANDS: dict = {}


class Declared:
    """A command as declared: its function and shared options. Turned into
    the function Typer reads (its signature with the shared options added) on
    first use, so that starting kdefense builds only the command it runs."""

    def __init__(self, name: str, fn, options: dict):
        self.name, self.fn, self.options = name, fn, options
        self._built = None

    def build(self):
        if self._built is None:
            self._built = _typer_callback(self.name, self.fn, **self.options)
        return self._built


def command(name: str, *, keys: tuple[str, ...] = (), default: str = "rows", filters: bool = False,
            exit_status: bool = False):
    """Register `fn(req, ...)` as command `name`, with the shared options added
    to its own: --data and --as-of always; the filters if `filters`;
    --format (the formats render.FORMATS allows for `name`) and, where `keys`
    are given, --fields; -e/--exit-status if `exit_status`. `default`: the
    format when none is given ("rows": table on a terminal, tsv on a pipe)."""

    def decorate(fn):
        COMMANDS[name] = Declared(name, fn, dict(keys=keys, default=default, filters=filters,
                                                 exit_status=exit_status))
        return fn

    return decorate


def _typer_callback(name: str, fn, *, keys: tuple[str, ...], default: str, filters: bool, exit_status: bool):
    """`fn` wrapped for Typer: its own parameters plus the shared options,
    gathered into a Request before `fn` runs."""
    own = list(inspect.signature(fn, eval_str=True).parameters.values())[1:]
    shown_default = "table on a terminal, tsv with a header when piped" if default == "rows" else default
    params = [inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)]
    params += [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own]
    if filters:
        params += _filter_params(name)
    if formats_for(name):
        params.append(_param("fmt", Annotated[Optional[str], typer.Option(
            "--format", "-f", metavar="FORMAT", help=format_help(name, shown_default))]))
    if keys:
        params.append(_param("fields", Annotated[Optional[str], typer.Option(
            "--fields", metavar="A,B,C", help="Columns/keys to output, comma-separated (see --format json "
                                              "for the keys).")]))
    if exit_status:
        params.append(_param("exit_status", Annotated[bool, typer.Option(
            "--exit-status", "-e", help="Exit with status 1 when nothing matched (like grep).")], False))
    params += [_param("data", DataOpt), _param("as_of", AsOfOpt)]

    def run(ctx: typer.Context, **given):
        top = ctx.obj or {}
        data, as_of = given.pop("data"), given.pop("as_of")
        fmt = _format(name, given.pop("fmt"), default) if formats_for(name) else None
        req = Request(
            command=name,
            data=data if data is not None else top.get("data"),
            as_of=_as_of(as_of if as_of is not None else top.get("as_of")),
            filters=Filters.from_text({f.name: given.pop(f"filter_{f.name}") for f in FILTERS}, name)
            if filters else None,
            fmt=fmt,
            fields=_fields(fmt, given.pop("fields", None), keys),
            exit_status=given.pop("exit_status", False),
        )
        return fn(req, **given)

    run.__signature__ = inspect.Signature(params)
    run.__doc__, run.__name__ = fn.__doc__, fn.__name__
    return run


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
    ctx.obj = {"data": data, "as_of": as_of}


# --------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------
LIST_TABLE = ["id", "partner_name", "type", "signed", "status", "term_end", "notice_by", "title"]
LIST_TSV = ["id", "partner", "type", "signed", "in_force", "status", "status_basis", "last_confirmed",
            "term_end", "renewal", "notice_by", "estimated", "title"]
EXPIRING_TABLE = ["ends", "projected", "ends_notice_by", "ends_kind", "id", "partner_name", "status", "title"]
EXPIRING_TSV = ["ends", "projected", "ends_notice_by", "ends_kind", "ends_estimated", "id", "partner", "type",
                "status", "title"]
DEADLINES_TABLE = ["date", "kind", "id", "partner", "estimated", "projected", "title"]


@command("list", keys=query.AGREEMENT_KEYS, filters=True, exit_status=True)
def list_(req: Request, sort: Annotated[str, typer.Option(
        "--sort", metavar="KEY", help="Sort by signed (default), id, partner, type, status, term_end, notice_by, "
                                      "in_force or title.")] = "signed") -> None:
    """List agreements, filtered by partner, type, status, year, dates or text."""
    rows = req.answer(lambda index: query.list_agreements(index, req.filters.resolved(index), req.as_of, sort))
    req.emit(rows, LIST_TABLE, LIST_TSV, "no agreements match")


@command("show", keys=query.AGREEMENT_KEYS, default="text")
def show(req: Request, agreement_id: Annotated[str, typer.Argument(
        metavar="ID", help="Agreement id (see 'kdefense list --format ids').", autocompletion=_completer("id"))]) -> None:
    """Show one agreement in full: terms, status and its basis, events, related agreements, sources, notes."""
    def answer(index):
        a = index.get(agreement_id)
        st = query.state_of(index, a, req.as_of)
        extra = {
            "related_titles": {r.id: index.get(r.id).title for r in a.related if index.has_id(r.id)},
            "type_description": index.dataset.types[a.type].description if a.type in index.dataset.types else None,
            "ended": str(st.ended) if st.ended else None,
        }
        if st.last_confirmed is not None:
            ev = st.last_confirmed
            src = a.sources[ev.source] if ev.source is not None and ev.source < len(a.sources) else None
            label = ", ".join(x for x in (src.publisher, str(src.date) if src.date else None) if x) if src else ""
            extra["confirmation"] = {"date": str(ev.date), "source_text": f"source {ev.source + 1}: {label}"
                                     if src else ev.note}
        return [query.agreement_row(index, a, st)], extra

    rows, extra = req.answer(answer)
    req.emit(rows, LIST_TABLE, LIST_TSV, extra=extra)


def _when(text: str) -> tuple[_dt.date, _dt.date]:
    t = text.strip()
    if t.isdigit() and len(t) != 4:
        raise UsageError(f"YEAR {text!r} is out of range (1000-9999; or give YYYY-MM or a date)")
    d = user_date("WHEN", t)
    return d.earliest(), d.latest()


@command("expiring", keys=query.EXPIRING_KEYS, filters=True, exit_status=True)
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
    if when is not None:
        lo, hi = _when(when)
    elif before is not None:
        limit = user_date("--before", before).earliest() - _dt.timedelta(days=1)
        if limit < req.as_of:
            raise UsageError(f"--before {before} is not after --as-of {req.as_of}")
        lo, hi = req.as_of, limit
    else:
        lo, hi = query.window_within(req.as_of, user_span("--within", within or "1y"))
    rows = req.answer(lambda index: query.expiring(index, req.filters.resolved(index), req.as_of, lo, hi))
    req.emit(rows, EXPIRING_TABLE, EXPIRING_TSV, f"no term ends between {lo} and {hi}")


@command("deadlines", keys=query.DEADLINE_KEYS, filters=True, exit_status=True)
def deadlines(req: Request, within: Annotated[str, typer.Option(
        "--within", metavar="SPAN", help="How far ahead of --as-of to look (18m, 2y, 90d).")] = "1y") -> None:
    """Notice deadlines, automatic renewals and term ends ahead, soonest first."""
    _, hi = query.window_within(req.as_of, user_span("--within", within))
    rows = req.answer(lambda index: query.deadlines(index, req.filters.resolved(index), req.as_of, hi))
    req.emit(rows, DEADLINES_TABLE, list(query.DEADLINE_KEYS), f"no deadlines between {req.as_of} and {hi}")


@command("partners", keys=query.PARTNER_KEYS, exit_status=True)
def partners(req: Request) -> None:
    """List partners with their ISO codes, aliases, and agreements: all, in force, presumed in force."""
    rows = req.answer(lambda index: query.partner_rows(index, req.as_of))
    req.emit(rows, ["id", "name", "iso", "agreements", "in_force", "presumed"], list(query.PARTNER_KEYS),
             "no partners")


@command("types", keys=query.TYPE_KEYS, exit_status=True)
def types(req: Request) -> None:
    """List agreement types with their descriptions and counts."""
    rows = req.answer(query.type_rows)
    req.emit(rows, list(query.TYPE_KEYS), list(query.TYPE_KEYS), "no types")



CHART_SUFFIXES = (".svg", ".png", ".pdf", ".html", ".txt")


def _chart(req: Request, output: str | None) -> None:
    from . import chart as chart_model

    chart = req.answer(lambda index: chart_model.build(index, req.filters.resolved(index), req.as_of))
    req.command = "chart"  # also when drawn by `timeline --chart`
    if output is None:
        req.emit(chart.rows, [], empty_note="no agreements match", extra={"chart": chart})
        return
    suffix = os.path.splitext(output)[1].lower()
    if suffix not in CHART_SUFFIXES:
        raise UsageError(f"--output {output!r}: the chart is written as {', '.join(CHART_SUFFIXES)} (by the file's suffix)")
    if not chart.rows:
        raise UsageError("no agreements match: nothing to chart")
    from .render import chart_file

    chart_file.save(chart, output)
    sys.stderr.write(f"kdefense: wrote {output} ({len(chart.rows)} agreements)\n")


OutputOpt = Annotated[Optional[str], typer.Option(
    "--output", "-o", metavar="FILE", help="Write to this file instead of the terminal (written whole, then "
                                           "moved into place).")]


@command("chart", default="text", filters=True, exit_status=True)
def chart(req: Request, output: OutputOpt = None) -> None:
    """A chart of agreements over time: one row per agreement, grouped by partner, terms on record solid,
    projected renewals lighter, presumed ones open-ended, with signature, entry into force, renewals,
    confirmations and notice deadlines marked. --output FILE writes .svg, .png, .pdf, .html or .txt."""
    _chart(req, output)


@command("timeline", keys=query.TIMELINE_KEYS, default="text", filters=True, exit_status=True)
def timeline(req: Request, as_chart: Annotated[bool, typer.Option(
        "--chart", help="Draw the chart instead of listing events (the same as 'kdefense chart').")] = False,
             output: OutputOpt = None) -> None:
    """Signatures, entries into force, ratifications, renewals, confirmations and term ends,
    oldest first. --from/--to select events by their own date. --chart draws them."""
    if as_chart:
        if req.filters.get("date_from") or req.filters.get("date_to"):
            raise UsageError("--from/--to select events in a timeline, which a chart does not list: use "
                             "'kdefense chart --from DATE --to DATE' for agreements signed in a range")
        return _chart(req, output)
    if output is not None:
        raise UsageError("--output goes with --chart (or use 'kdefense chart --output FILE')")
    rows = req.answer(lambda index: query.timeline(index, req.filters.resolved(index), req.as_of))
    cols = list(query.TIMELINE_KEYS)
    req.emit(rows, cols, cols, "nothing on the timeline")


@command("report", default="markdown", filters=True)
def report(
    req: Request,
    horizon: Annotated[str, typer.Option(
        "--horizon", metavar="SPAN", help="How far ahead 'what lies ahead' looks (default 24m).")] = "24m",
    since: Annotated[str, typer.Option(
        "--since", metavar="SPAN", help="How far back 'what changed' looks (default 12m).")] = "12m",
    output: OutputOpt = None,
) -> None:
    """A briefing as of --as-of, for an article or a memo: agreements in force and presumed in force by partner
    (with the basis), notice deadlines, renewals and term ends ahead, what changed, open questions, and
    numbered sources. -f html gives one standalone page with the chart."""
    from . import report as briefing

    ahead, back = user_span("--horizon", horizon), user_span("--since", since)

    def answer(index):
        filters = req.filters.resolved(index)
        extra = {"briefing": briefing.build(index, filters, req.as_of, ahead, back)}
        if req.format == "html":
            from . import chart as chart_model

            extra["chart"] = chart_model.build(index, filters, req.as_of)
        return extra

    req.emit([], [], extra=req.answer(answer), output=output)


@command("export")
def export(
    req: Request,
    sqlite: Annotated[str, typer.Option(
        "--sqlite", metavar="FILE", help="The SQLite database to write (for datasette or sqlite3).")],
    force: Annotated[bool, typer.Option(
        "--force", help="Overwrite FILE even if it is not an earlier kdefense export.")] = False,
) -> None:
    """Export the dataset as SQLite tables (agreements, partners, types, events, sources, related,
    term_ends) with status, basis, term end and notice date computed as of --as-of, and a full-text
    index over titles, summaries and notes."""
    from . import export as sqlite_export

    if not sqlite.strip():
        raise UsageError("--sqlite is empty; give the path of the database file to write")
    counts = req.answer(lambda index: sqlite_export.write(index, sqlite, req.as_of, force=force))
    summary = ", ".join(f"{n} {table}" for table, n in counts.items())
    sys.stderr.write(f"kdefense: wrote {sqlite} as of {req.as_of}: {summary}\n")


@command("stats", keys=query.STATS_KEYS)
def stats(req: Request) -> None:
    """Counts of agreements by partner, type, decade of signature, status and basis of status."""
    rows = req.answer(lambda index: query.stats(index, req.as_of))
    cols = list(query.STATS_KEYS)
    req.emit(rows, cols, cols)


@command("validate", default="text")
def validate(req: Request, path: Annotated[Optional[str], typer.Argument(
        metavar="[PATH]", help="Dataset file to check. Default: --data, $KDEFENSE_DATA, else the bundled dataset.")] = None
             ) -> None:
    """Check a dataset file; list every problem as path:line:column: message (exit 3), then warnings."""
    from . import validate as checks
    from .dataset import parse, read_file, resolve_path
    from .errors import DataError

    p = resolve_path(path if path is not None else req.data)
    problems, warnings, summary = [], [], ""
    try:
        ds = parse(read_file(p), str(p))
        warnings = checks.warnings(ds)
        summary = f"{p}: ok: {len(ds.agreements)} agreements, {len(ds.partners)} partners, {len(ds.types)} types"
        if warnings:
            summary += f"; {len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
    except DataError as exc:
        problems = exc.problems
    rows = [{**pr.as_dict(), "text": str(pr)} for pr in problems + warnings]
    if req.format != "text":
        rows = [{k: v for k, v in r.items() if k != "text"} for r in rows]
    req.emit(rows, [])
    if problems:
        sys.stderr.write(f"kdefense: {len(problems)} problem{'s' if len(problems) != 1 else ''} in {p}\n")
        raise typer.Exit(EXIT_DATA)
    if req.format == "text":
        from .render import safe

        sys.stdout.write(safe.line(summary) + "\n")


# --------------------------------------------------------------------------
# Building the app
# --------------------------------------------------------------------------
_GLOBAL_VALUE_OPTIONS = ("--data", "--as-of")


def build_app(names=None) -> typer.Typer:
    """A Typer app with the given commands (all by default)."""
    t = typer.Typer(**APP_SETTINGS)
    t.callback()(_main)
    for name in names or COMMANDS:
        t.command(name)(COMMANDS[name].build())
    return t


def __getattr__(name: str):
    """`app`, the full application (for tests and tools), built on first use."""
    if name == "app":
        globals()["app"] = built = build_app()
        return built
    raise AttributeError(name)


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
    one; building the app with just the command asked for keeps that cost to
    one command: `list -p russia` took 76.6 ms against 85.0 ms with the full
    app (median of 20, 2026-11-24), a 10% gain, so it stays. Help,
    completion and anything unclear get the full app.
    """
    argv = sys.argv[1:]
    if argv == ["--version"]:
        name = "types"  # --version is eager: it answers before any command; one small one will do
    else:
        name = None if "_KDEFENSE_COMPLETE" in os.environ else command_in(argv)
    build_app([name] if name else None)(args=argv, prog_name="kdefense")
