"""Options as the command line writes them, declared once, and the request a
command is given.

- The filters' flags, metavars, help and the commands that refuse them
  (`FILTER_OPTIONS`); what a filter means is kdefense/filters.py's.
- The options every command takes (--data, --as-of), and the output options
  (--format, --fields, -e) added by the `command()` decorator from what the
  command declares: the kind of rows it prints and the document it renders.
- `Request`: what one command was asked, with the one place that writes the
  answer to stdout or to a file.
"""

from __future__ import annotations

import datetime as _dt
import inspect
import sys
from typing import Annotated, List, Optional

import typer

from .. import inputs
from ..errors import CannotWrite
from ..filters import FILTERS, STATUS_CHOICES, Filters
from ..render import FORMATS, Rows
from ..render.terminal import Terminal
from .guard import Exit, ExitCode, UsageError


class FilterOption:
    """How one filter (filters.FILTERS, by name) is written on the command
    line. refused: {command: what to use there instead} where the filter
    would mean something else."""

    __slots__ = ("name", "flags", "metavar", "help", "refused")

    def __init__(self, name: str, flags: tuple[str, ...], metavar: str, help: str,  # noqa: A002
                 refused: dict[str, str] | None = None):
        self.name, self.flags, self.metavar, self.help, self.refused = name, flags, metavar, help, refused or {}

    @property
    def flag(self) -> str:
        return self.flags[0]


_NOT_HERE_YEAR = {
    "expiring": "give the year whose term ends you want as the argument: 'kdefense expiring 2029'",
    "deadlines": "use --within SPAN for how far ahead to look",
    "timeline": "use --from YEAR --to YEAR for the events of a year",
    "report": "a briefing covers what is on record up to --as-of; narrow it with --partner, --type or --search",
}
_NOT_HERE_RANGE = {
    "expiring": "give a YEAR, YYYY-MM or DATE argument, or --within SPAN / --before DATE, for when terms end",
    "deadlines": "use --within SPAN for how far ahead to look",
    "report": "a briefing covers what is on record up to --as-of; narrow it with --partner, --type or --search; "
              "--horizon and --since set its windows",
}

FILTER_OPTIONS: dict[str, FilterOption] = {o.name: o for o in (
    FilterOption("partner", ("--partner", "-p"), "P",
                 "Partner id, name, ISO code or alias, in any script (russia, RU, روسيا). Repeatable."),
    FilterOption("type", ("--type", "-t"), "T", "Agreement type (see 'kdefense types'). Repeatable."),
    FilterOption("status", ("--status", "-s"), "S",
                 f"Status as of --as-of: {', '.join(STATUS_CHOICES)} (in force or presumed). Repeatable."),
    FilterOption("year", ("--year", "-y"), "YEAR", "Signed in this year. Repeatable.", refused=_NOT_HERE_YEAR),
    FilterOption("date_from", ("--from",), "DATE",
                 "Signed on or after this date (in timeline: events on or after it).", refused=_NOT_HERE_RANGE),
    FilterOption("date_to", ("--to",), "DATE",
                 "Signed on or before this date (in timeline: events on or before it).", refused=_NOT_HERE_RANGE),
    FilterOption("evidence_since", ("--evidence-since",), "DATE",
                 "The latest evidence on record (signature, entry into force or any event) is on or after this "
                 "date."),
    FilterOption("search", ("--search",), "TEXT", "Text in the id, title, summary or notes. Repeatable."),
)}
assert set(FILTER_OPTIONS) == {f.name for f in FILTERS}, "every filter needs its FilterOption"

DataOpt = Annotated[Optional[str], typer.Option(
    "--data", metavar="PATH", help="Dataset file. Default: $KDEFENSE_DATA, else the bundled dataset.")]
AsOfOpt = Annotated[Optional[str], typer.Option(
    "--as-of", metavar="DATE",
    help="Compute status, terms and deadlines as of this day (default: today). "
         "A partial date counts from its first day.")]
OutputOpt = Annotated[Optional[str], typer.Option(
    "--output", "-o", metavar="FILE", help="Write to this file instead of the terminal (written whole, then "
                                           "moved into place).")]


def filters_from(given: dict[str, object], command: str) -> Filters:
    """The filters given on the command line, read; a filter this command
    refuses is a usage error naming what to use instead."""
    for name, raw in given.items():
        option = FILTER_OPTIONS[name]
        if raw not in (None, [], ()) and command in option.refused:
            raise UsageError(f"{option.flag} selects by signature date, which is not what '{command}' is about: "
                             f"{option.refused[command]}")
    return Filters.read(given, dated_events=command == "timeline")


# -- commands: what each prints, and the options built from that -------------------

class Declared:
    """A command as declared: its function, the kind of rows it prints (for
    the row formats), the document it renders (for document formats), and its
    shared options. Turned into the function Typer reads on first use, so that
    starting kdefense builds only the command it runs."""

    def __init__(self, name: str, fn, rows: str | None, document: str | None, options: dict):
        self.name, self.fn, self.rows, self.document, self.options = name, fn, rows, document, options
        self._built = None

    def formats(self) -> tuple[str, ...]:
        return tuple(f.name for f in FORMATS.values()
                     if (self.rows and self.rows in f.row_kinds) or (self.document and self.document in f.documents))

    def build(self):
        if self._built is None:
            self._built = _typer_callback(self, **self.options)
        return self._built


COMMANDS: dict[str, Declared] = {}


def command(name: str, *, rows: str | None = None, document: str | None = None, keys: tuple[str, ...] = (),
            default: str = "rows", filters: bool = False, exit_status: bool = False, own: tuple[str, ...] = ()):
    """Register `fn(req, ...)` as command `name`, with the shared options added
    to its own: --data and --as-of always; the filters if `filters`;
    --format (the formats that write its `rows` kind or its `document`) and,
    where `keys` are given, --fields; -e/--exit-status if `exit_status`.
    `default`: the format when none is given ("rows": table on a terminal,
    tsv on a pipe); `own`: filters whose flags the command declares itself,
    with another meaning (dyad-years: --from/--to are the panel's years)."""

    def decorate(fn):
        COMMANDS[name] = Declared(name, fn, rows, document, dict(keys=keys, default=default, filters=filters,
                                                                 exit_status=exit_status, own_filters=own))
        return fn

    return decorate


def formats_for(command: str) -> tuple[str, ...]:
    return COMMANDS[command].formats()


def _param(name: str, annotation, default=None) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


def completer(kind: str):
    """A Typer autocompletion callback offering `kind` values (completion.py)."""

    def complete(ctx: typer.Context, incomplete: str):
        from ..completion import candidates  # noqa: PLC0415
        from ..render.escape import line  # noqa: PLC0415 - what the shell shows is data: escaped

        data = ctx.params.get("data") or (ctx.parent.params.get("data") if ctx.parent else None)
        return [(line(value), line(help_text)) for value, help_text in candidates(kind, incomplete, data)]

    return complete


def _filter_params(command: str, own: tuple[str, ...] = ()) -> list[inspect.Parameter]:
    params = []
    for f in FILTERS:
        if f.name in own:
            continue
        o = FILTER_OPTIONS[f.name]
        kind = Optional[List[str]] if f.many else Optional[str]
        params.append(_param(f"filter_{f.name}", Annotated[kind, typer.Option(
            *o.flags, metavar=o.metavar, help=o.help, hidden=command in o.refused,
            autocompletion=completer(f.complete) if f.complete else None)]))
    return params


def _format(declared: Declared, given: str | None, default: str, terminal: Terminal) -> str:
    if given is None:
        if default == "rows":
            return "table" if terminal.tty else "tsv"
        return default
    f = given.strip().lower()
    allowed = declared.formats()
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


def _typer_callback(declared: Declared, *, keys: tuple[str, ...], default: str, filters: bool, exit_status: bool,
                    own_filters: tuple[str, ...] = ()):
    """The command's function wrapped for Typer: its own parameters plus the
    shared options, gathered into a Request before it runs."""
    name, fn = declared.name, declared.fn
    own = list(inspect.signature(fn, eval_str=True).parameters.values())[1:]
    shown_default = "table on a terminal, tsv with a header when piped" if default == "rows" else default
    params = [inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)]
    params += [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own]
    if filters:
        params += _filter_params(name, own_filters)
    if declared.formats():
        params.append(_param("fmt", Annotated[Optional[str], typer.Option(
            "--format", "-f", metavar="FORMAT", help=f"{', '.join(declared.formats())}. Default: {shown_default}.")]))
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
        terminal = top.get("terminal") or Terminal.of(sys.stdout)
        data, as_of = given.pop("data"), given.pop("as_of")
        fmt = _format(declared, given.pop("fmt"), default, terminal) if declared.formats() else None
        as_of = as_of if as_of is not None else top.get("as_of")
        req = Request(
            command=name,
            data=data if data is not None else top.get("data"),
            as_of=_dt.date.today() if as_of is None else inputs.day("as_of", as_of),
            filters=filters_from({f.name: given.pop(f"filter_{f.name}") for f in FILTERS if f.name not in own_filters},
                                 name)
            if filters else None,
            fmt=fmt,
            fields=_fields(fmt, given.pop("fields", None), keys),
            exit_status=given.pop("exit_status", False),
            terminal=terminal,
        )
        return fn(req, **given)

    run.__signature__ = inspect.Signature(params)
    run.__doc__, run.__name__ = fn.__doc__, fn.__name__
    return run


# -- the request ----------------------------------------------------------------------

class Request:
    """What one command was asked: the dataset, the day, the filters, how to
    print and where. Built by `command()` from the shared options; `answer`
    runs the library once, `emit` writes what it returned."""

    __slots__ = ("command", "data", "as_of", "filters", "format", "fields", "exit_status", "terminal")

    def __init__(self, command: str, data: str | None, as_of: _dt.date, filters: Filters | None,
                 fmt: str | None, fields: list[str] | None, exit_status: bool, terminal: Terminal):
        self.command, self.data, self.as_of, self.filters = command, data, as_of, filters
        self.format, self.fields, self.exit_status, self.terminal = fmt, fields, exit_status, terminal

    def answer(self, question):
        """question(index) on the loaded dataset (see dataset.with_index)."""
        from ..dataset import with_index  # noqa: PLC0415

        return with_index(self.data, question)

    def emit(self, rows: list[dict] | None = None, table: list[str] = (), tsv: list[str] | None = None,
             empty_note: str = "nothing matched", document=None, output: str | None = None) -> None:
        """Render the answer in the requested format: the `document` where the
        format writes that kind of document, else the `rows` (with `table`
        columns for tables and Markdown, `tsv` for the other tabular formats,
        or the columns --fields picked). Written to stdout, or whole to the
        file `output`. Nothing matched: the note on stderr for formats that
        print nothing then, and exit 1 with -e."""
        fmt = FORMATS[self.format]
        declared = COMMANDS[self.command]
        if document is not None and document.kind in fmt.documents:
            doc = document
        else:
            rows = rows if rows is not None else document.rows
            columns = self.fields or (list(table) if self.format in ("table", "markdown") else list(tsv or table))
            if self.fields and not fmt.tabular:
                rows = [{k: r.get(k) for k in self.fields} for r in rows]
            doc = Rows(declared.rows, rows, columns, self.as_of)
        if output is None and fmt.says_nothing(doc):
            sys.stderr.write(f"kdefense: {self._nothing(empty_note)}\n")
        else:
            self.write(fmt.render(doc, self.terminal if output is None else Terminal()), output)
        if self.exit_status and getattr(doc, "empty", False):
            raise Exit(ExitCode.NO_MATCH)

    def _nothing(self, note: str) -> str:
        """What to say when nothing matched: a real partner with nothing on
        record is named (`Qatar: nothing on record`)."""
        absent = self.filters.absent if self.filters is not None else []
        if not absent:
            return note
        said = f"{', '.join(absent)}: nothing on record"
        return said if len(absent) == len(self.filters.values["partner"]) else f"{note} ({said})"

    def write(self, data: str | bytes, output: str | None = None, what: str = "") -> None:
        """`data` to stdout, or whole to the file `output` (then a line on stderr saying so)."""
        if output is None:
            try:
                if isinstance(data, bytes):
                    sys.stdout.flush()
                    sys.stdout.buffer.write(data)
                else:
                    sys.stdout.write(data)
            except BrokenPipeError:
                raise
            except OSError as exc:  # a full or vanished device: one line, exit 2
                raise CannotWrite("standard output", exc.strerror or str(exc)) from None
            return
        from ..files import write_whole  # noqa: PLC0415

        write_whole(output, data.encode("utf-8") if isinstance(data, str) else data)
        from ..render.escape import line  # noqa: PLC0415

        sys.stderr.write(f"kdefense: wrote {line(output)}{what}\n")
