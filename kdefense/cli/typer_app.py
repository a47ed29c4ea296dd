"""Building the Typer application: the group that runs every command inside
the guard, the top-level options, and `main()`, which builds only the command
it is asked for."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer
from typer.core import TyperGroup

from .. import __version__
from ..render import FORMATS, ID_KINDS, ROW_KINDS
from .guard import Exit, guarded, on_signals
from .options import COMMANDS, AsOfOpt, DataOpt, formats_for

# Every command, in the order of `kdefense --help` (and of the README's tables), and the
# module that declares it: starting kdefense imports only the module of the command it runs.
WHERE = {"list": "query_commands", "show": "query_commands", "expiring": "query_commands",
         "deadlines": "query_commands", "partners": "query_commands", "types": "query_commands",
         "chart": "document_commands", "timeline": "query_commands", "report": "document_commands",
         "export": "data_commands", "stats": "query_commands", "dyad-years": "query_commands",
         "validate": "data_commands"}
ORDER = tuple(WHERE)


def declared(names=ORDER) -> dict:
    """The commands `names`, their modules imported (each registers its commands)."""
    import importlib  # noqa: PLC0415

    for module in dict.fromkeys(WHERE[n] for n in names):
        importlib.import_module(f"kdefense.cli.{module}")
    return {n: COMMANDS[n] for n in names}


class KdefenseGroup(TyperGroup):
    """Runs the command inside the guard: every outcome becomes an exit code."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        code = guarded(lambda: super(KdefenseGroup, self).main(
            args=args, prog_name=prog_name or "kdefense", complete_var=complete_var,
            standalone_mode=False, **extra))
        if standalone_mode:
            sys.exit(code)
        return code


def _version(value: bool) -> None:
    if value:
        from ..data_version import recorded  # noqa: PLC0415

        data = recorded()
        sys.stdout.write(f"kdefense {__version__}, data {data.get('version') or 'unversioned'}"
                         + (f" ({data['date']})" if data.get("date") else "") + "\n")
        raise Exit(0)


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
                                          help="Print the program's and the bundled dataset's versions and exit.")] = False,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    ctx.obj = {**(ctx.obj or {}), "data": data, "as_of": as_of}  # keeps a "terminal" a test passed in


def build_app(names=None) -> typer.Typer:
    """A Typer app with the given commands (all by default)."""
    t = typer.Typer(**APP_SETTINGS)
    t.callback()(_main)
    for name, command in declared(names or ORDER).items():
        t.command(name)(command.build())
    return t


def formats_table() -> str:
    """The README's table of formats, from FORMATS and the commands' declarations."""
    declared()
    row_commands = [n for n in ORDER if COMMANDS[n].rows in ROW_KINDS]
    id_commands = [n for n in ORDER if COMMANDS[n].rows in ID_KINDS]
    lines = ["| format | commands | notes |", "| --- | --- | --- |"]
    for f in FORMATS.values():
        users = [n for n in ORDER if f.name in formats_for(n)]
        if users == id_commands:
            commands = "all whose rows have an id"
        elif set(row_commands) <= set(users):
            commands = "all that print rows" + "".join(f", `{c}`" for c in users if c not in row_commands)
        else:
            commands = ", ".join(f"`{c}`" for c in users)
        lines.append(f"| `{f.name}` | {commands} | {f.summary} |")
    return "\n".join(lines) + "\n"


_GLOBAL_VALUE_OPTIONS = ("--data", "--as-of")


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
        return arg if arg in WHERE else None
    return None


def main() -> None:
    """Console script entry point.

    Typer inspects the signature of every registered command before it runs
    one; building the app with just the command asked for keeps that cost to
    one command: `list -p russia` took 76.6 ms against 85.0 ms with the full
    app (median of 20, 2026-11-24), a 10% gain, so it stays. Help,
    completion and anything unclear get the full app.
    """
    on_signals()
    argv = sys.argv[1:]
    if "_KDEFENSE_COMPLETE" in os.environ:
        return complete(argv)
    if argv == ["--version"]:
        name = "types"  # --version is eager: it answers before any command; one small one will do
    else:
        name = command_in(argv)
    build_app([name] if name else None)(args=argv, prog_name="kdefense")


def complete(argv: list[str]) -> None:
    """Shell completion (Tab): never blocks, never fails, never prints an
    error into the shell. A malformed completion environment gets an empty
    offer; anything that goes wrong offers nothing."""
    mode = os.environ.get("_KDEFENSE_COMPLETE", "")
    if mode.startswith("complete_bash") and not (os.environ.get("COMP_CWORD", "").strip().isdigit()
                                                 and "COMP_WORDS" in os.environ):
        sys.exit(0)
    try:
        build_app()(args=argv, prog_name="kdefense")
    except SystemExit as exc:
        sys.exit(exc.code if isinstance(exc.code, int) else 0)
    except BaseException:  # noqa: BLE001 - a Tab must never show an error
        sys.exit(0)
