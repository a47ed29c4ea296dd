"""The commands about the dataset itself: export and validate."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from .guard import Exit, ExitCode, UsageError, advised
from .options import Request, command


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
    from .. import sqlite_export  # noqa: PLC0415
    from ..render.escape import line  # noqa: PLC0415

    if not sqlite.strip():
        raise UsageError("--sqlite is empty; give the path of the database file to write")
    counts = req.answer(lambda index: sqlite_export.write(index, sqlite, req.as_of, force=force))
    summary = ", ".join(f"{n} {table}" for table, n in counts.items())
    sys.stderr.write(f"kdefense: wrote {line(sqlite)} as of {req.as_of}: {summary}\n")


@command("validate", rows="problems", document="checked", default="text")
def validate(req: Request, path: Annotated[Optional[str], typer.Argument(
        metavar="[PATH]", help="Dataset file to check. Default: --data, $KDEFENSE_DATA, else the bundled dataset.")] = None
             ) -> None:
    """Check a dataset file; list every problem as path:line:column: message (exit 3), then warnings."""
    from ..dataset import check  # noqa: PLC0415

    checked = check(path if path is not None else req.data)
    checked.problems = [advised(p) for p in checked.problems]
    req.emit([p.as_dict() for p in checked.problems + checked.warnings], document=checked)
    if not checked.valid:
        n = len(checked.problems)
        sys.stderr.write(f"kdefense: {n} problem{'s' if n != 1 else ''} in {checked.path}\n")
        raise Exit(ExitCode.DATA)
