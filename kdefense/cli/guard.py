"""One place where every outcome of a command becomes a message and an exit
code: the library's exceptions (which carry facts) are worded here, in the
command line's terms, and mapped to the README's exit codes.

Modelled on httpie's core.py: the command runs inside `guarded()`, and
nothing escapes it but an exit code.
"""

from __future__ import annotations

import enum
import os
import sys

import typer

# Typer 0.28 vendors click as a private module and exports none of its
# exception classes; catching them is how every usage error becomes one line
# and exit code 2. The pin `typer>=0.28,<0.29` in pyproject.toml keeps this
# import valid; this is the only place kdefense reaches into Typer's privates.
from typer._click import exceptions as click_exc

from ..errors import BadValue, CannotWrite, DataError, MissingExtra, NotFound, Problem, WouldOverwrite

DEBUG_VAR = "KDEFENSE_DEBUG"


class ExitCode(enum.IntEnum):
    """The exit codes (README, "Exit codes")."""

    OK = 0
    NO_MATCH = 1  # nothing matched, with -e/--exit-status
    USAGE = 2  # bad arguments: unknown option, field, partner, type or id; bad date or span
    DATA = 3  # the dataset cannot be read or is invalid
    INTERNAL = 4  # a bug
    INTERRUPTED = 130  # Ctrl-C


class UsageError(Exception):
    """The command line was used wrongly (a combination of options, a field
    that does not exist...): one line, exit 2."""


class Terminated(BaseException):  # noqa: N818 - a signal, not an error
    """SIGTERM or SIGHUP arrived: unwind (temporary files are removed on the
    way out, as on Ctrl-C) and exit with 128 + the signal's number."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def on_signals() -> None:
    """Turn SIGTERM and SIGHUP into Terminated, so that they unwind like Ctrl-C."""
    import signal  # noqa: PLC0415

    def stop(signum, frame):
        raise Terminated(signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)


class Exit(Exception):  # noqa: N818 - it is not an error: a command's way to end with a code
    """End the command with `code` (after its output)."""

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


# How a value named by the library (BadValue.what) is written on the command line.
FLAGS = {"as_of": "--as-of", "data": "--data", "date_from": "--from", "date_to": "--to", "year": "--year",
         "status": "--status", "sort": "--sort", "within": "--within", "before": "--before", "when": "YEAR",
         "horizon": "--horizon", "since": "--since", "partner": "--partner", "type": "--type",
         "evidence_since": "--evidence-since"}
# Where to look up what exists, by the kind of thing NotFound names.
SEE = {"partner": "kdefense partners", "type": "kdefense types", "agreement id": "kdefense list --format ids"}
# Advice for problems of a known kind.
ADVICE = {"missing-file": "give --data PATH or set KDEFENSE_DATA", "directory": "give the path of a .yaml file"}


def advised(p: Problem) -> Problem:
    """A dataset problem as the command line shows it: with advice where there is some."""
    advice = ADVICE.get(p.code or "")
    return Problem(p.path, p.line, p.column, f"{p.message} ({advice})", p.code) if advice else p


def worded(exc: Exception) -> tuple[str, int]:
    """(message, exit code) for a library exception."""
    if isinstance(exc, NotFound):
        see = SEE.get(exc.kind)
        return f"{exc}" + (f" (see '{see}')" if see else ""), ExitCode.USAGE
    if isinstance(exc, BadValue):
        if exc.what == "date range":
            lo, hi = exc.given
            return f"--from {lo} is after --to {hi}; nothing can match (swap them?)", ExitCode.USAGE
        flag = FLAGS.get(exc.what)
        return (f"{flag}: {exc.reason}" if flag else exc.reason), ExitCode.USAGE
    if isinstance(exc, DataError):
        more = len(exc.problems) - 1
        first = str(advised(exc.problems[0])) if exc.problems else "invalid dataset"
        return first + (f" (and {more} more; run 'kdefense validate')" if more > 0 else ""), ExitCode.DATA
    if isinstance(exc, WouldOverwrite):
        if exc.what == "a directory":
            return f"{exc.path!r} is a directory; give the path of a file to write", ExitCode.USAGE
        return f"{exc.path!r} exists and is {exc.what}; refusing to overwrite it (use --force)", ExitCode.USAGE
    if isinstance(exc, MissingExtra):
        return (f"{exc.feature} need {exc.package}: pip install 'kdefense[{exc.extra}]' (or pip install "
                f"{exc.package})"), ExitCode.USAGE
    if isinstance(exc, CannotWrite):
        return f"cannot write {exc.path}: {exc.reason}", ExitCode.USAGE  # exit 2, as grep and ls on an error
    return f"{type(exc).__name__}: {exc}", ExitCode.INTERNAL


def say(message: str) -> None:
    """One line on stderr, `kdefense: error: ...`; data in it is escaped.
    Nothing while completing (a Tab must never print into the shell)."""
    if os.environ.get("_KDEFENSE_COMPLETE"):
        return
    from ..render.escape import line  # noqa: PLC0415 - messages quote data: never raw to the terminal

    sys.stderr.write(f"kdefense: error: {line(message)}\n")


def _writable_streams() -> None:
    """A terminal or pipe whose encoding cannot take a character (LC_ALL=C,
    PYTHONIOENCODING=ascii) gets it as a backslash escape, never a crash."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):  # not a text file we own (test runners)
            pass


def _quiet_stdout() -> None:
    """After a closed pipe (`kdefense list | head`): send the rest to /dev/null
    so that the interpreter's final flush does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _traceback_if_debugging() -> None:
    if os.environ.get(DEBUG_VAR) == "1":
        import traceback  # noqa: PLC0415

        traceback.print_exc()


def flush_stdout() -> None:
    """Flush standard output; a device that refuses it (full, gone) is a CannotWrite."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _quiet_stdout()
        raise CannotWrite("standard output", exc.strerror or str(exc)) from None


def guarded(run) -> int:
    """Run `run()` and return the exit code for whatever happened."""
    _writable_streams()
    try:
        rv = run()
        flush_stdout()
        return rv if isinstance(rv, int) else ExitCode.OK
    except Exit as exc:
        flush_stdout()
        return exc.code
    except SystemExit as exc:  # shell completion and the like exit on their own
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except click_exc.NoArgsIsHelpError as exc:
        sys.stdout.write(exc.ctx.get_help() + "\n")
        return ExitCode.OK
    except click_exc.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx is not None else "kdefense"
        say(f"{exc.format_message()} (see '{where} --help')")
        return ExitCode.USAGE
    except typer.Exit as exc:  # completion and --help end this way
        return exc.exit_code
    except typer.Abort:
        sys.stderr.write("\n")
        return ExitCode.INTERRUPTED
    except click_exc.ClickException as exc:
        say(exc.format_message())
        return exc.exit_code
    except UsageError as exc:
        say(str(exc))
        return ExitCode.USAGE
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return ExitCode.INTERRUPTED
    except Terminated as exc:
        return 128 + exc.signum
    except BrokenPipeError:
        _quiet_stdout()
        return ExitCode.OK
    except Exception as exc:  # noqa: BLE001 - the library's errors are worded; anything else is a bug
        if isinstance(exc, CannotWrite) and exc.path == "standard output":
            _quiet_stdout()
        message, code = worded(exc)
        _traceback_if_debugging()
        if code == ExitCode.INTERNAL:
            message = (f"internal error: {message}. This is a bug in kdefense; please report it with the command "
                       f"you ran and the output of the same command with {DEBUG_VAR}=1.")
        say(message)
        return code
