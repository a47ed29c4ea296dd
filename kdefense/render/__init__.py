"""Renderers, one module per kind of output. `emit` picks one by format name."""

from __future__ import annotations

import sys

TABULAR = ("table", "tsv", "csv", "markdown")
FORMATS = ("table", "json", "jsonl", "csv", "tsv", "yaml", "markdown", "ids")


def emit(rows: list[dict], fmt: str, columns: list[str], *, out=None, title: str | None = None,
         empty_note: str = "nothing matched") -> None:
    """Write rows in `fmt`. `columns` are used by the tabular formats; the
    structured formats get whole rows (already cut to --fields by the caller)."""
    out = out or sys.stdout
    if fmt == "json":
        from .machine import to_json
        out.write(to_json(rows, pretty=is_tty(out)))
    elif fmt == "jsonl":
        from .machine import to_jsonl
        out.write(to_jsonl(rows))
    elif fmt == "yaml":
        from .machine import to_yaml
        out.write(to_yaml(rows))
    elif fmt == "ids":
        from .machine import to_ids
        out.write(to_ids(rows))
    elif fmt == "tsv":
        from .machine import to_tsv
        out.write(to_tsv(rows, columns))
    elif fmt == "csv":
        from .machine import to_csv
        out.write(to_csv(rows, columns))
    elif fmt == "markdown":
        if not rows:
            sys.stderr.write(f"kdefense: {empty_note}\n")
            return
        from .machine import to_markdown
        out.write(to_markdown(rows, columns))
    elif fmt == "table":
        if not rows:
            sys.stderr.write(f"kdefense: {empty_note}\n")
            return
        if out is sys.stdout and is_tty(out):
            out.flush()
            from .table import rich_table
            rich_table(rows, columns, title)
        else:
            from .table import plain
            out.write(plain(rows, columns))
    else:  # pragma: no cover - the CLI checks formats first
        raise ValueError(fmt)


def is_tty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
