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
    sqlite: Annotated[Optional[str], typer.Option(
        "--sqlite", metavar="FILE", help="The SQLite database to write (for datasette or sqlite3), with its "
                                         "Datasette metadata beside it (kdefense.db: kdefense.metadata.json).")] = None,
    datapackage: Annotated[Optional[str], typer.Option(
        "--datapackage", metavar="DIR", help="The folder to write a Frictionless Data Package into (CSV files "
                                             "and datapackage.json).")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace FILE (or write into DIR) even if it is not an earlier kdefense export.")] = False,
) -> None:
    """Export the dataset: as SQLite tables (agreements, partners, types, events, sources, related, term_ends,
    and a full-text index) for Datasette or sqlite3, or as a Frictionless Data Package of CSV files; statuses,
    bases, term ends and notice dates computed as of --as-of."""
    from ..render.escape import line  # noqa: PLC0415

    if (sqlite is None) == (datapackage is None):
        raise UsageError("give one of --sqlite FILE and --datapackage DIR")
    target = sqlite if sqlite is not None else datapackage
    if not target.strip():
        raise UsageError(f"{'--sqlite' if sqlite is not None else '--datapackage'} is empty; give the path to write")
    if datapackage is not None:
        from .. import datapackage as package  # noqa: PLC0415

        counts = req.answer(lambda index: package.write(index, datapackage, req.as_of, force=force))
    else:
        counts = req.answer(lambda index: _sqlite(index, sqlite, req.as_of, force))
    summary = ", ".join(f"{n} {table}" for table, n in counts.items())
    sys.stderr.write(f"kdefense: wrote {line(target)} as of {req.as_of}: {summary}\n")


def _sqlite(index, path: str, as_of, force: bool) -> dict:
    """The database, then its Datasette metadata beside it (kept if someone else wrote that file)."""
    import json  # noqa: PLC0415
    import os  # noqa: PLC0415

    from .. import sqlite_export  # noqa: PLC0415
    from ..files import write_whole  # noqa: PLC0415
    from ..render.escape import line  # noqa: PLC0415

    counts = sqlite_export.write(index, path, as_of, force=force)
    stem = os.path.splitext(path)[0]
    meta_path = stem + ".metadata.json"
    try:
        with open(meta_path, encoding="utf-8") as fh:
            ours = json.load(fh).get("source") == "kdefense"
    except FileNotFoundError:
        ours = True
    except (OSError, ValueError, AttributeError):
        ours = False
    if ours:
        meta = sqlite_export.metadata(os.path.basename(stem), index, as_of)
        write_whole(meta_path, (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        sys.stderr.write(f"kdefense: wrote {line(meta_path)} (datasette {line(path)} -m {line(meta_path)})\n")
    else:
        sys.stderr.write(f"kdefense: kept {line(meta_path)}: it was not written by kdefense\n")
    return counts


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
