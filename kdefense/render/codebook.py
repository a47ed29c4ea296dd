"""The codebook (docs/codebook.md): every table and column of the exports
(the SQLite database and the data package), its type and what it means, and
the allowed values of the dataset's choices, from the one declaration in
tables.py and models.py. Regenerate it with

    python -m kdefense.render.codebook > docs/codebook.md

(a test keeps the file and the declarations the same).
"""

from __future__ import annotations

from ..models import CONFIDENCE, EVENT_KINDS, IN_FORCE_BY, PARTIES, PARTNER_KINDS, RELATIONS, RENEWALS
from ..status import BASES, STATUSES
from ..tables import TABLES
from .markdown import escape

VALUES = {  # (table, column): its allowed values; "*" for the column in any table
    ("*", "status"): STATUSES, ("*", "status_basis"): BASES, ("*", "renewal"): RENEWALS,
    ("*", "in_force_by"): IN_FORCE_BY, ("*", "confidence"): CONFIDENCE, ("*", "party"): PARTIES,
    ("*", "relation"): RELATIONS, ("events", "kind"): EVENT_KINDS, ("partners", "kind"): PARTNER_KINDS,
    ("term_ends", "kind"): ("renewal", "term-end", "terminated", "superseded"),
    ("*", "precision"): ("year", "month", "day"),
}


def _values(table: str, column: str) -> tuple:
    key = "precision" if column.endswith("_precision") else column
    return VALUES.get((table, key)) or VALUES.get(("*", key)) or ()


def codebook() -> str:
    out = ["# kdefense codebook", "",
           "Every table of `kdefense export --sqlite` and every resource of `kdefense export --datapackage`, "
           "column by column. Dates are ISO text at the precision a source gives (`1993`, `1993-08`, "
           "`1993-08-15`); each has a `_precision` (year, month or day) and a `_first_day` (the first day of its "
           "period, for sorting: not a more precise date). Statuses and terms are computed as of the export's "
           "`as_of` day. Generated from kdefense/tables.py; do not edit by hand.", ""]
    for t in TABLES:
        out += [f"## {t.name}: {escape(t.title)}", "", escape(t.doc), ""]
        if t.primary_key:
            out += [f"Primary key: {', '.join(f'`{k}`' for k in t.primary_key)}.", ""]
        out += ["| column | type | required | meaning | values |", "| --- | --- | --- | --- | --- |"]
        for c in t.columns:
            shown = ", ".join(f"`{v}`" for v in _values(t.name, c.name))
            out.append(f"| `{c.name}` | {c.type} | {'yes' if c.required else ''} | {escape(c.doc)} | {shown} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(codebook())
