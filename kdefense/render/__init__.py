"""Renderers, one module per kind of output, and the one table of formats.

`FORMATS` says, for every output format: what it is (for help texts and the
README), whether it is tabular (columns; `--fields` picks them), whether it
honours `--fields` at all, which commands allow it, and which function writes
it (by name, imported only when used). A new format is one `Format` here and
its writer in the module named after it; the CLI's `--format` help, its
allowed values and the README's table of formats all come from this table.
"""

from __future__ import annotations

import importlib
import sys

# Commands whose output is rows; those whose rows carry an agreement id.
ROW_COMMANDS = ("list", "show", "expiring", "deadlines", "partners", "types", "timeline", "stats")
ID_COMMANDS = ("list", "show", "expiring", "deadlines", "partners", "types", "timeline")


class Output:
    """What a writer needs besides the rows: the command, the columns to show
    (tabular formats), the as-of day, where to write, and what to say when
    nothing matched."""

    __slots__ = ("command", "columns", "as_of", "out", "empty_note", "extra")

    def __init__(self, command: str, columns: list[str], as_of, out=None, empty_note: str = "nothing matched",
                 extra: dict | None = None):
        self.command, self.columns, self.as_of = command, columns, as_of
        self.out = out or sys.stdout
        self.empty_note = empty_note
        self.extra = extra or {}


class Format:
    """One output format. `writer` and `documents` values are "module:function"
    names under kdefense.render; a writer takes (rows, Output) and writes.
    `documents` gives a command its own writer in this format (a whole
    document, such as `show`'s text), instead of the row writer."""

    __slots__ = ("name", "summary", "tabular", "fields", "commands", "writer", "documents", "quiet_empty")

    def __init__(self, name: str, summary: str, *, commands: tuple[str, ...], writer: str | None = None,
                 tabular: bool = False, fields: bool = False, documents: dict[str, str] | None = None,
                 quiet_empty: bool = False):
        self.name, self.summary, self.commands = name, summary, commands
        self.writer, self.tabular, self.fields = writer, tabular, fields
        self.documents = documents or {}
        self.quiet_empty = quiet_empty  # print nothing and say "nothing matched" on stderr when empty

    def write(self, rows: list[dict], output: Output) -> None:
        if self.quiet_empty and not rows and output.command not in self.documents:
            sys.stderr.write(f"kdefense: {output.empty_note}\n")
            return
        _resolve(self.documents.get(output.command) or self.writer)(rows, output)


def _resolve(name: str):
    module, func = name.split(":")
    return getattr(importlib.import_module(f"kdefense.render.{module}"), func)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("table", "default on a terminal: a table that fits the terminal's width (long titles wrap or are "
           "shortened, columns that do not fit are dropped and named below the table). Written to a pipe or "
           "file it is plain aligned text, no colour, nothing cut short",
           commands=ROW_COMMANDS, writer="table:write", tabular=True, fields=True, quiet_empty=True),
    Format("json", "one array (also for `show`); `[]` when nothing matched; indented on a terminal, compact "
           "when piped", commands=ROW_COMMANDS + ("validate",), writer="machine:write_json", fields=True),
    Format("jsonl", "one object per line", commands=ROW_COMMANDS + ("validate",), writer="machine:write_jsonl",
           fields=True),
    Format("tsv", "default when piped; header line; tabs, newlines and backslashes inside values are written "
           "`\\t`, `\\n`, `\\\\` so each row stays one line",
           commands=ROW_COMMANDS, writer="machine:write_tsv", tabular=True, fields=True),
    Format("csv", "RFC 4180 quoting", commands=ROW_COMMANDS, writer="machine:write_csv", tabular=True, fields=True),
    Format("yaml", "a list of mappings", commands=ROW_COMMANDS, writer="machine:write_yaml", fields=True),
    Format("markdown", "a pipe table for reports (`report`: the whole briefing in Markdown)",
           commands=ROW_COMMANDS + ("report",), writer="machine:write_markdown", tabular=True, fields=True,
           documents={"report": "report:write_markdown"}, quiet_empty=True),
    Format("ids", "one id per line, for `xargs`", commands=ID_COMMANDS, writer="machine:write_ids"),
    Format("text", "human text: the default of `show`, `timeline`, `validate` and `chart`",
           commands=("show", "timeline", "validate", "chart"),
           documents={"show": "text:write_show", "timeline": "text:write_timeline",
                      "validate": "text:write_problems", "chart": "chart:write_terminal"}),
    Format("ics", "`deadlines` only: an iCalendar file, one all-day event per deadline",
           commands=("deadlines",), writer="ics:write"),
    Format("html", "`report` only: the briefing as one standalone page, with the chart",
           commands=("report",), documents={"report": "report:write_html"}),
)}


def formats_for(command: str) -> tuple[str, ...]:
    return tuple(name for name, f in FORMATS.items() if command in f.commands)


def format_help(command: str, default: str) -> str:
    return f"{', '.join(formats_for(command))}. Default: {default}."


def formats_table() -> str:
    """The README's table of formats, from FORMATS."""
    lines = ["| format | commands | notes |", "| --- | --- | --- |"]
    for f in FORMATS.values():
        commands = "all that print rows" if set(ROW_COMMANDS) <= set(f.commands) else ", ".join(
            f"`{c}`" for c in f.commands)
        if set(ROW_COMMANDS) <= set(f.commands) and len(f.commands) > len(ROW_COMMANDS):
            commands += ", " + ", ".join(f"`{c}`" for c in f.commands if c not in ROW_COMMANDS)
        if f.commands == ID_COMMANDS:
            commands = "all whose rows have an id"
        lines.append(f"| `{f.name}` | {commands} | {f.summary} |")
    return "\n".join(lines) + "\n"


def is_tty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
