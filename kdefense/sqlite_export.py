"""The dataset as an SQLite database, for `datasette FILE` or `sqlite3 FILE`.

Tables: partners, types, agreements (the dataset's fields plus status,
status_basis, last_confirmed, term_end, notice_by and estimated as of
--as-of), events, sources, related, and term_ends (every term end from the
first term to --as-of + 50 years, with its kind, notice date and whether it is
projected), with foreign keys, indexes on partner, type, signed and status,
and a full-text index (FTS5) over titles, summaries and notes. The table
`kdefense_export` says what wrote the file, from which dataset, as of when.

The file is written whole (a temporary file renamed into place). An existing
file that is not a kdefense export is never overwritten unless `force`.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import sqlite3

from . import __version__
from .errors import WouldOverwrite
from .files import atomic_path
from .index import Index
from .query import state_of

MARKER_TABLE = "kdefense_export"
PROJECTION_YEARS = 50

SCHEMA = """
CREATE TABLE kdefense_export (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE partners (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT, iso TEXT, cow INTEGER, aliases TEXT
);
CREATE TABLE types (id TEXT PRIMARY KEY, description TEXT NOT NULL, one_off INTEGER NOT NULL);
CREATE TABLE agreements (
  id TEXT PRIMARY KEY,
  partner TEXT NOT NULL REFERENCES partners(id),
  title TEXT NOT NULL, title_ar TEXT,
  type TEXT NOT NULL REFERENCES types(id),
  signed TEXT, signed_before TEXT, place TEXT, in_force TEXT, in_force_by TEXT,
  term_years INTEGER, term_months INTEGER, term_days INTEGER, term_until TEXT, renewal TEXT, renewal_years INTEGER,
  notice_months INTEGER, notice_days INTEGER, xref TEXT,
  summary TEXT, confidence TEXT, notes TEXT,
  status TEXT, status_basis TEXT, last_confirmed TEXT, last_evidence TEXT, term_end TEXT, notice_by TEXT,
  estimated INTEGER, as_of TEXT NOT NULL
);
CREATE INDEX agreements_partner ON agreements(partner);
CREATE INDEX agreements_type ON agreements(type);
CREATE INDEX agreements_signed ON agreements(signed);
CREATE INDEX agreements_status ON agreements(status);
CREATE TABLE sources (
  agreement_id TEXT NOT NULL REFERENCES agreements(id), number INTEGER NOT NULL,
  title TEXT, publisher TEXT, url TEXT, date TEXT,
  PRIMARY KEY (agreement_id, number)
);
CREATE TABLE events (
  agreement_id TEXT NOT NULL REFERENCES agreements(id), number INTEGER NOT NULL,
  date TEXT NOT NULL, kind TEXT NOT NULL, party TEXT, instrument TEXT, instrument_number TEXT, until TEXT,
  years INTEGER,
  note TEXT, source_number INTEGER,
  PRIMARY KEY (agreement_id, number),
  FOREIGN KEY (agreement_id, source_number) REFERENCES sources(agreement_id, number)
);
CREATE INDEX events_date ON events(date);
CREATE TABLE related (
  agreement_id TEXT NOT NULL REFERENCES agreements(id),
  related_id TEXT NOT NULL REFERENCES agreements(id),
  relation TEXT NOT NULL,
  PRIMARY KEY (agreement_id, related_id, relation)
);
CREATE TABLE term_ends (
  agreement_id TEXT NOT NULL REFERENCES agreements(id), term_number INTEGER,
  date TEXT NOT NULL, year INTEGER NOT NULL, kind TEXT NOT NULL, notice_by TEXT,
  estimated INTEGER NOT NULL, projected INTEGER NOT NULL
);
CREATE INDEX term_ends_year ON term_ends(year);
CREATE INDEX term_ends_agreement ON term_ends(agreement_id);
"""
FTS = """
CREATE VIRTUAL TABLE agreements_fts USING fts5(id UNINDEXED, title, title_ar, summary, notes);
"""


def _d(value) -> str | None:
    return None if value is None else str(value)


def is_export(path: str) -> bool:
    """True when `path` is an SQLite file written by kdefense export."""
    try:
        with open(path, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return False
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute(f"SELECT value FROM {MARKER_TABLE} WHERE key = 'format'").fetchone()
        finally:
            con.close()
        return row is not None and row[0] == "kdefense-export-1"
    except (OSError, sqlite3.Error):
        return False


def write(index: Index, path: str, as_of: _dt.date, force: bool = False) -> dict:
    """Export the dataset to `path`; returns row counts per table."""
    if os.path.isdir(path):
        raise WouldOverwrite(path, "a directory")
    if os.path.exists(path) and not force and not is_export(path):
        raise WouldOverwrite(path, "not a kdefense export")
    with atomic_path(path) as tmp:
        con = sqlite3.connect(tmp)
        try:
            counts = _fill(con, index, as_of)
            con.commit()
        finally:
            con.close()
    return counts


def _fill(con: sqlite3.Connection, index: Index, as_of: _dt.date) -> dict:
    con.execute("PRAGMA foreign_keys = ON")
    con.executescript(SCHEMA)
    try:
        con.executescript(FTS)
        fts = True
    except sqlite3.OperationalError:  # an SQLite built without FTS5
        fts = False
    ds = index.dataset
    meta = {"format": "kdefense-export-1", "kdefense_version": __version__, "dataset": ds.path,
            "as_of": str(as_of), "full_text": "agreements_fts" if fts else "none"}
    con.executemany(f"INSERT INTO {MARKER_TABLE} VALUES (?, ?)", meta.items())
    con.executemany("INSERT INTO partners VALUES (?, ?, ?, ?, ?, ?)",
                    [(p.id, p.name, p.kind, json.dumps(p.iso), p.cow, json.dumps(p.aliases, ensure_ascii=False))
                     for p in ds.partners.values()])
    con.executemany("INSERT INTO types VALUES (?, ?, ?)", [(t.id, t.description, int(t.one_off)) for t in ds.types.values()])
    horizon = _dt.date(min(9999, as_of.year + PROJECTION_YEARS), 12, 31)
    counts = {"agreements": 0, "events": 0, "sources": 0, "related": 0, "term_ends": 0}
    for a in ds.agreements:
        st = state_of(index, a, as_of)
        t = a.term
        con.execute("INSERT INTO agreements VALUES (" + ", ".join("?" * 30) + ")", (
            a.id, a.partner, a.title, a.title_ar, a.type, _d(a.signed), _d(a.signed_before), a.place, _d(a.in_force),
            a.in_force_by, t.years, t.months, t.days, _d(t.until), t.renewal, t.renewal_years, t.notice_months,
            t.notice_days, json.dumps(a.xref) if a.xref else None,
            a.summary, a.confidence, a.notes,
            st.status, st.basis, _d(st.last_confirmed.date) if st.last_confirmed else None, _d(st.last_evidence),
            _d(st.term_end), _d(st.notice_by), int(st.estimated), str(as_of)))
        counts["agreements"] += 1
        for n, s in enumerate(a.sources, 1):
            con.execute("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?)", (a.id, n, s.title, s.publisher, s.url, _d(s.date)))
            counts["sources"] += 1
        for n, e in enumerate(a.events, 1):
            con.execute("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (
                a.id, n, str(e.date), e.kind, e.party, e.instrument, e.number, _d(e.until), e.years, e.note,
                None if e.source is None else e.source + 1))
            counts["events"] += 1
        for end in index.ends(a):
            if end.date.earliest() > horizon:
                break
            con.execute("INSERT INTO term_ends VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (
                a.id, end.number, str(end.date), end.date.year, end.kind, _d(end.notice_by), int(end.estimated),
                int(end.projected(as_of))))
            counts["term_ends"] += 1
        if fts:
            con.execute("INSERT INTO agreements_fts VALUES (?, ?, ?, ?, ?)", (a.id, a.title, a.title_ar, a.summary, a.notes))
    for a in ds.agreements:  # after every agreement exists: related ids are foreign keys
        for r in a.related:
            con.execute("INSERT OR IGNORE INTO related VALUES (?, ?, ?)", (a.id, r.id, r.relation))
            counts["related"] += 1
    return counts
