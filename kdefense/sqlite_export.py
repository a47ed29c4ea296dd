"""The dataset as an SQLite database, for `datasette FILE` or `sqlite3 FILE`.

Tables and columns come from tables.TABLES (the one declaration the data
package and the codebook also read): partners, types, agreements (answer
columns first, long text last, every partial date with its precision and
first day), events, sources, related and term_ends, with foreign keys and
indexes. `agreements_fts` is an FTS5 index over titles, summaries and notes
with `agreements` as its external content, so Datasette offers a search box
on the table. `kdefense_export` says what wrote the file: the kdefense and
data versions, the dataset's SHA-256 and the as-of day (never a local path).

`metadata(...)` is the Datasette metadata (titles, descriptions of tables and
columns, facets, the search table) for `datasette FILE -m METADATA`.

The file is written whole (a temporary file renamed into place; a link is
followed). An existing file that is not an earlier kdefense export is never
replaced unless `force`, and never when it is not a regular file.
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
import urllib.parse

from . import __version__, data_version
from .errors import CannotWrite, WouldOverwrite
from .files import atomic_path, kind_of
from .index import Index
from .tables import TABLES, Table

MARKER_TABLE = "kdefense_export"
FORMAT = "kdefense-export-2"
SQL_TYPES = {"string": "TEXT", "date": "TEXT", "integer": "INTEGER", "boolean": "INTEGER"}
INDEXES = {"agreements": ("partner", "type", "signed_first_day", "status", "status_basis"),
           "events": ("date_first_day",), "term_ends": ("year", "agreement_id")}
FTS_COLUMNS = ("title", "title_ar", "summary", "notes")
# Columns whose meaning Datasette lists above a table: the answer columns only (Datasette lists every
# described column before the rows; the codebook, docs/codebook.md, describes them all).
DESCRIBED = ("signed", "status", "status_basis", "last_evidence", "term_end", "notice_by", "kind", "projected")
FACETS = {"agreements": ["partner", "type", "status", "status_basis", "confidence"], "events": ["kind"],
          "term_ends": ["kind", "year"]}


def _create(t: Table) -> str:
    cols = []
    for c in t.columns:
        ref = t.foreign_keys.get(c.name)
        cols.append(f"{c.name} {SQL_TYPES[c.type]}" + (" NOT NULL" if c.required else "")
                    + (f" REFERENCES {ref[0]}({ref[1]})" if ref else ""))
    if t.primary_key:
        cols.append(f"PRIMARY KEY ({', '.join(t.primary_key)})")
    for key, (table, target) in t.foreign_keys.items():
        if isinstance(key, tuple):
            cols.append(f"FOREIGN KEY ({', '.join(key)}) REFERENCES {table}({', '.join(target)})")
    return f"CREATE TABLE {t.name} (\n  " + ",\n  ".join(cols) + "\n)"


def is_export(path: str) -> bool:
    """True when `path` is an SQLite file written by kdefense export. Opens
    exactly that file, read-only: the name is quoted into the URI, so `#`,
    `?` and `%` in it are characters of the name, and nothing is created."""
    try:
        with open(path, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return False
        uri = "file:" + urllib.parse.quote(os.path.abspath(path)) + "?mode=ro"
        con = sqlite3.connect(uri, uri=True)
        try:
            row = con.execute(f"SELECT value FROM {MARKER_TABLE} WHERE key = 'format'").fetchone()
        finally:
            con.close()
        return row is not None and str(row[0]).startswith("kdefense-export-")
    except (OSError, sqlite3.Error):
        return False


def write(index: Index, path: str, as_of: _dt.date, force: bool = False) -> dict:
    """Export the dataset to `path`; returns row counts per table."""
    kind = kind_of(path)
    if kind == "directory":
        raise WouldOverwrite(path, "a directory")
    if kind in ("stream", "other"):
        raise WouldOverwrite(path, "not a regular file (an SQLite database is written whole, as a file)")
    if kind == "file" and not force and not is_export(path):
        raise WouldOverwrite(path, "not a kdefense export")
    try:
        with atomic_path(path) as tmp:
            con = sqlite3.connect(tmp)
            try:
                counts = _fill(con, index, as_of)
                con.commit()
            finally:
                con.close()
    except (OSError, sqlite3.OperationalError) as exc:
        raise CannotWrite(path, getattr(exc, "strerror", None) or str(exc)) from None
    return counts


def about(index: Index, as_of: _dt.date, fts: bool) -> dict:
    """What kdefense_export records: what wrote the file, from which data, as of when."""
    info = data_version.of(index.dataset.path)
    return {"format": FORMAT, "kdefense_version": __version__, "data_version": info["version"] or "unversioned",
            "dataset_sha256": info["sha256"], "as_of": str(as_of), "full_text": "agreements_fts" if fts else "none"}


def _fill(con: sqlite3.Connection, index: Index, as_of: _dt.date) -> dict:
    con.execute("PRAGMA journal_mode = OFF")  # a new file written whole: no journal to leave behind
    con.execute("PRAGMA foreign_keys = ON")
    con.execute(f"CREATE TABLE {MARKER_TABLE} (key TEXT PRIMARY KEY, value TEXT)")
    counts = {}
    for t in TABLES:
        con.execute(_create(t))
        rows = list(t.rows(index, as_of))
        con.executemany(f"INSERT INTO {t.name} VALUES ({', '.join('?' * len(t.columns))})", rows)
        counts[t.name] = len(rows)
        for column in INDEXES.get(t.name, ()):
            con.execute(f"CREATE INDEX {t.name}_{column} ON {t.name}({column})")
    try:
        con.execute(f"CREATE VIRTUAL TABLE agreements_fts USING fts5({', '.join(FTS_COLUMNS)}, "
                    "content='agreements', content_rowid='rowid')")
        con.execute(f"INSERT INTO agreements_fts(rowid, {', '.join(FTS_COLUMNS)}) "
                    f"SELECT rowid, {', '.join(FTS_COLUMNS)} FROM agreements")
        fts = True
    except sqlite3.OperationalError:  # an SQLite built without FTS5
        fts = False
    con.executemany(f"INSERT INTO {MARKER_TABLE} VALUES (?, ?)", about(index, as_of, fts).items())
    return counts


def metadata(database: str, index: Index, as_of: _dt.date) -> dict:
    """Datasette metadata for the export named `database` (its file name
    without .db): what each table and column means, facets, the search."""
    info = about(index, as_of, True)
    tables = {}
    for t in TABLES:
        tables[t.name] = {"title": t.title, "description": t.doc + " Every column is described in the codebook.",
                          "columns": {c.name: c.doc for c in t.columns if c.name in DESCRIBED}}
        if t.name in FACETS:
            tables[t.name]["facets"] = FACETS[t.name]
    tables["agreements"].update({"fts_table": "agreements_fts", "fts_pk": "rowid", "sort_desc": "signed_first_day",
                                 "label_column": "title"})
    tables[MARKER_TABLE] = {"title": "About this export", "description": "What wrote this file, from which data "
                                                                         "version, as of when."}
    tables["agreements_fts"] = {"hidden": True}
    return {
        "title": "Kuwait's defence agreements (kdefense)",
        "description": f"Kuwait's defence and security agreements, data version {info['data_version']}, with "
                       f"statuses computed as of {as_of}. Every record is sourced; a presumed status says what it "
                       "rests on.",
        "license": "CC BY 4.0 (data); MIT (software)",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "source": "kdefense",  # marks the file as ours: a later export may replace it
        "databases": {database: {"tables": tables}},
    }
