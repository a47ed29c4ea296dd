"""The dataset as a Frictionless Data Package: `datapackage.json` (name,
title, version, licences, and a table schema per resource) and one CSV file
per table of tables.TABLES, in a folder.

Partial dates are strings (their precision is their own column, and
`<name>_first_day` is a full date for sorting); ids are the primary and
foreign keys. Each file is written whole; a folder that holds anything but an
earlier kdefense data package is not written into unless `force`.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import os

from . import __version__, data_version
from .errors import CannotWrite, WouldOverwrite
from .files import write_whole
from .index import Index
from .tables import TABLES, Table

PROFILE = "tabular-data-package"
LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
FIELD_TYPES = {"string": "string", "integer": "integer", "boolean": "boolean"}


def _field(column, partial: bool) -> dict:
    kind = "string" if partial else ("date" if column.type == "date" else FIELD_TYPES[column.type])
    field = {"name": column.name, "type": kind, "description": column.doc}
    if column.required:
        field["constraints"] = {"required": True}
    return field


def schema(t: Table) -> dict:
    """The Frictionless table schema of `t`."""
    fields = [_field(c, c.type == "date" and not c.name.endswith("_first_day") and c.name != "as_of")
              for c in t.columns]
    out = {"fields": fields, "missingValues": [""]}
    if t.primary_key:
        out["primaryKey"] = list(t.primary_key)
    fks = []
    for key, (table, target) in t.foreign_keys.items():
        fks.append({"fields": list(key) if isinstance(key, tuple) else key,
                    "reference": {"resource": table, "fields": list(target) if isinstance(target, tuple) else target}})
    if fks:
        out["foreignKeys"] = fks
    return out


def descriptor(index: Index, as_of: _dt.date) -> dict:
    info = data_version.of(index.dataset.path)
    return {
        "profile": PROFILE,
        "name": "kdefense-kuwait-defence-agreements",
        "title": "Kuwait's defence agreements (kdefense)",
        "description": f"Kuwait's defence and security agreements, sourced, with statuses computed as of {as_of}.",
        "version": info["version"] or f"unversioned-{(info['sha256'] or '')[:12]}",
        "licenses": [LICENCE],
        "keywords": ["Kuwait", "defence cooperation agreements", "security agreements"],
        "kdefense": {"kdefense_version": __version__, "dataset_sha256": info["sha256"], "as_of": str(as_of)},
        "resources": [{"name": t.name, "title": t.title, "description": t.doc, "path": f"{t.name}.csv",
                       "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
                       "encoding": "utf-8", "schema": schema(t)} for t in TABLES],
    }


def _csv(t: Table, index: Index, as_of: _dt.date) -> tuple[bytes, int]:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(t.names)
    n = 0
    for row in t.rows(index, as_of):
        w.writerow(["" if v is None else ("true" if v is True else "false" if v is False else v) for v in row])
        n += 1
    return buf.getvalue().encode("utf-8"), n


def _ours(folder: str) -> bool:
    """Is `folder` empty, or an earlier kdefense data package (and nothing else)?"""
    names = set(os.listdir(folder))
    if not names:
        return True
    try:
        with open(os.path.join(folder, "datapackage.json"), encoding="utf-8") as fh:
            earlier = json.load(fh)
    except (OSError, ValueError):
        return False
    mine = {"datapackage.json"} | {f"{t.name}.csv" for t in TABLES}
    return isinstance(earlier, dict) and "kdefense" in earlier and names <= mine


def write(index: Index, folder: str, as_of: _dt.date, force: bool = False) -> dict:
    """Write the data package into `folder` (made if missing); row counts per resource."""
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise WouldOverwrite(folder, "not a folder")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise CannotWrite(folder, exc.strerror or str(exc)) from None
    if not force and not _ours(folder):
        raise WouldOverwrite(folder, "a folder that holds other files")
    counts = {}
    for t in TABLES:
        data, counts[t.name] = _csv(t, index, as_of)
        write_whole(os.path.join(folder, f"{t.name}.csv"), data)
    write_whole(os.path.join(folder, "datapackage.json"),
                (json.dumps(descriptor(index, as_of), ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return counts
