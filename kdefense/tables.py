"""The dataset as tables: one declaration of every table and column (name,
type, meaning, keys), read by the SQLite export, the Frictionless data
package and the codebook (docs/codebook.md).

A column's meaning comes from the dataset's own field declarations
(models.Field.doc) where it is a dataset field, and from COMPUTED below where
kdefense computes it as of --as-of. Every partial date has two companions,
`<name>_precision` (year, month or day) and `<name>_first_day` (the first day
of its period as a full ISO date, for sorting and date facets: not the date
itself, which keeps the precision its source gave).
"""

from __future__ import annotations

import datetime as _dt
import json

from . import terms
from .dates import DAY, MONTH, PartialDate
from .index import Index
from .models import Agreement, Event, Partner, Source, Term, TypeDef
from .query import state_of

PROJECTION_YEARS = 50  # term_ends: every end from the first term to --as-of + this many years

# What kdefense computes for each agreement as of --as-of (README, "How terms and statuses are computed").
COMPUTED = {
    "status": "Status as of the as-of day: in-force, presumed-in-force, dormant, signed, expired, terminated, "
              "superseded, concluded, unknown.",
    "status_basis": "What the status rests on: term, indefinite, event, confirmed, no-end-on-record, "
                    "purpose-ended, approval-pending, contract, precision, conflict, renewal-unknown.",
    "last_evidence": "The latest dated step on record on or before the as-of day (signature, entry into force, any "
                     "event): how recent the evidence for the status is.",
    "last_confirmed": "The latest date a source shows it operating, on or before the as-of day.",
    "term_end": "End of the current term as of the as-of day (the last one, once ended).",
    "notice_by": "Last day to give notice to stop the next automatic renewal.",
    "estimated": "True where a date above is derived from an assumed start (no known entry into force).",
    "as_of": "The day statuses and terms were computed for.",
}
PRECISIONS = {1: "year", MONTH: "month", DAY: "day"}


class Column:
    """One column: its name, type (string, integer, boolean, date: a partial
    ISO date kept as text), meaning, and where it must hold a value."""

    __slots__ = ("name", "type", "doc", "required")

    def __init__(self, name: str, type_: str, doc: str, required: bool = False):
        self.name, self.type, self.doc, self.required = name, type_, doc, required


class Table:
    """One table: name, title, meaning, columns, primary key, foreign keys
    ({column or columns: (table, column or columns)}) and a function giving
    its rows (tuples in column order) for an index and a day."""

    __slots__ = ("name", "title", "doc", "columns", "primary_key", "foreign_keys", "rows")

    def __init__(self, name: str, title: str, doc: str, columns: list[Column], primary_key: tuple[str, ...],
                 foreign_keys: dict, rows):
        self.name, self.title, self.doc, self.columns = name, title, doc, columns
        self.primary_key, self.foreign_keys, self.rows = primary_key, foreign_keys, rows

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _doc(cls, name: str) -> str:
    return next(f.doc for f in cls.FIELDS if f.name == name)


def _dated(name: str, doc: str, required: bool = False) -> list[Column]:
    """A partial date and its two companions."""
    return [Column(name, "date", doc, required),
            Column(f"{name}_precision", "string", f"Precision of {name}: year, month or day."),
            Column(f"{name}_first_day", "date", f"First day of the period {name} stands for (YYYY-MM-DD), for "
                                                "sorting and facets: not a more precise date.")]


def _date_values(d: PartialDate | None) -> tuple:
    if d is None:
        return (None, None, None)
    return (str(d), PRECISIONS[d.precision], d.earliest().isoformat())


# -- the tables ------------------------------------------------------------------------

def _partner_rows(index: Index, as_of: _dt.date):
    for p in index.dataset.partners.values():
        yield (p.id, p.name, p.kind, "; ".join(p.iso), p.cow, "; ".join(p.aliases))


PARTNERS = Table(
    "partners", "Partners", "Kuwait's partners: states, organisations and groups.",
    [Column("id", "string", _doc(Partner, "id"), True), Column("name", "string", _doc(Partner, "name"), True),
     Column("kind", "string", _doc(Partner, "kind")), Column("iso", "string", _doc(Partner, "iso") + " (; between)"),
     Column("cow", "integer", _doc(Partner, "cow")),
     Column("aliases", "string", _doc(Partner, "aliases") + " (; between)")],
    ("id",), {}, _partner_rows)


TYPES = Table(
    "types", "Agreement types", "The types of agreement.",
    [Column("id", "string", _doc(TypeDef, "id"), True), Column("description", "string", _doc(TypeDef, "description"), True),
     Column("one_off", "boolean", _doc(TypeDef, "one_off"), True)],
    ("id",), {}, lambda index, as_of: ((t.id, t.description, t.one_off) for t in index.dataset.types.values()))


def _agreement_row(index: Index, a: Agreement, as_of: _dt.date) -> tuple:
    st = state_of(index, a, as_of)
    t = a.term
    return (a.id, a.partner, a.title, a.type, *_date_values(a.signed), st.status, st.basis,
            *_date_values(st.last_evidence), *_date_values(st.term_end), *_date_values(st.notice_by), t.renewal,
            st.estimated, *_date_values(st.last_confirmed.date if st.last_confirmed else None),
            *_date_values(a.in_force), a.in_force_by, *_date_values(a.signed_before), a.place, a.title_ar,
            t.years, t.months, t.days, *_date_values(t.until), t.renewal_years, t.notice_months, t.notice_days,
            a.confidence, json.dumps(a.xref, ensure_ascii=False) if a.xref else None, a.summary, a.notes,
            str(as_of))


# Answer columns right after the signature; long text last (a Datasette table reads left to right).
AGREEMENTS = Table(
    "agreements", "Agreements", "Kuwait's defence and security agreements, one row each, with their status, "
                                "its basis and their term computed as of the as-of day.",
    [Column("id", "string", _doc(Agreement, "id"), True), Column("partner", "string", _doc(Agreement, "partner"), True),
     Column("title", "string", _doc(Agreement, "title"), True), Column("type", "string", _doc(Agreement, "type"), True),
     *_dated("signed", _doc(Agreement, "signed")),
     Column("status", "string", COMPUTED["status"]), Column("status_basis", "string", COMPUTED["status_basis"]),
     *_dated("last_evidence", COMPUTED["last_evidence"]), *_dated("term_end", COMPUTED["term_end"]),
     *_dated("notice_by", COMPUTED["notice_by"]), Column("renewal", "string", _doc(Term, "renewal")),
     Column("estimated", "boolean", COMPUTED["estimated"]), *_dated("last_confirmed", COMPUTED["last_confirmed"]),
     *_dated("in_force", _doc(Agreement, "in_force")), Column("in_force_by", "string", _doc(Agreement, "in_force_by")),
     *_dated("signed_before", _doc(Agreement, "signed_before")), Column("place", "string", _doc(Agreement, "place")),
     Column("title_ar", "string", _doc(Agreement, "title_ar")),
     Column("term_years", "integer", _doc(Term, "years")), Column("term_months", "integer", _doc(Term, "months")),
     Column("term_days", "integer", _doc(Term, "days")), *_dated("term_until", _doc(Term, "until")),
     Column("renewal_years", "integer", _doc(Term, "renewal_years")),
     Column("notice_months", "integer", _doc(Term, "notice_months")),
     Column("notice_days", "integer", _doc(Term, "notice_days")),
     Column("confidence", "string", _doc(Agreement, "confidence")),
     Column("xref", "string", _doc(Agreement, "xref") + " A JSON object, e.g. {\"dcad\": \"DCADv1.0-0117\"}."),
     Column("summary", "string", _doc(Agreement, "summary")), Column("notes", "string", _doc(Agreement, "notes")),
     Column("as_of", "date", COMPUTED["as_of"], True)],
    ("id",), {"partner": ("partners", "id"), "type": ("types", "id")},
    lambda index, as_of: (_agreement_row(index, a, as_of) for a in index.dataset.agreements))


def _event_rows(index: Index, as_of: _dt.date):
    for a in index.dataset.agreements:
        for n, e in enumerate(a.events, 1):
            yield (a.id, n, *_date_values(e.date), e.kind, e.party, e.instrument, e.number, *_date_values(e.until),
                   e.years, None if e.source is None else e.source + 1, e.note)


EVENTS = Table(
    "events", "Events", "Dated steps after signature: approvals, renewals, confirmations, ends.",
    [Column("agreement_id", "string", "The agreement.", True), Column("number", "integer", "Its place in the "
                                                                                            "agreement's events.", True),
     *_dated("date", _doc(Event, "date"), True), Column("kind", "string", _doc(Event, "kind"), True),
     Column("party", "string", _doc(Event, "party")), Column("instrument", "string", _doc(Event, "instrument")),
     Column("instrument_number", "string", _doc(Event, "number")), *_dated("until", _doc(Event, "until")),
     Column("years", "integer", _doc(Event, "years")),
     Column("source_number", "integer", "Which of the agreement's sources shows it (1-based, as in sources.number)."),
     Column("note", "string", _doc(Event, "note"))],
    ("agreement_id", "number"), {"agreement_id": ("agreements", "id"),
                                 ("agreement_id", "source_number"): ("sources", ("agreement_id", "number"))},
    _event_rows)


def _source_rows(index: Index, as_of: _dt.date):
    for a in index.dataset.agreements:
        for n, s in enumerate(a.sources, 1):
            yield (a.id, n, s.title, s.publisher, s.url, *_date_values(s.date))


SOURCES = Table(
    "sources", "Sources", "Where every fact comes from, numbered per agreement.",
    [Column("agreement_id", "string", "The agreement.", True), Column("number", "integer", "Its number (1-based).", True),
     Column("title", "string", _doc(Source, "title")), Column("publisher", "string", _doc(Source, "publisher")),
     Column("url", "string", _doc(Source, "url")), *_dated("date", _doc(Source, "date"))],
    ("agreement_id", "number"), {"agreement_id": ("agreements", "id")}, _source_rows)


def _related_rows(index: Index, as_of: _dt.date):
    seen = set()
    for a in index.dataset.agreements:
        for r in a.related:
            if (a.id, r.id, r.relation) not in seen:
                seen.add((a.id, r.id, r.relation))
                yield (a.id, r.id, r.relation)


RELATED = Table(
    "related", "Related agreements", "How agreements relate to each other.",
    [Column("agreement_id", "string", "The agreement.", True), Column("related_id", "string", "The other agreement.", True),
     Column("relation", "string", "How the first relates to the second (see the codebook).", True)],
    ("agreement_id", "related_id", "relation"), {"agreement_id": ("agreements", "id"), "related_id": ("agreements", "id")},
    _related_rows)


def _term_end_rows(index: Index, as_of: _dt.date):
    horizon = _dt.date(min(9999, as_of.year + PROJECTION_YEARS), 12, 31)
    for a in index.dataset.agreements:
        for end in index.ends(a):
            if end.date.earliest() > horizon:
                break
            yield (a.id, end.number, *_date_values(end.date), end.date.year, end.kind, *_date_values(end.notice_by),
                   end.estimated, end.projected(as_of))


TERM_ENDS = Table(
    "term_ends", "Term ends", f"Every term end from the first term to the as-of day plus {PROJECTION_YEARS} years: "
                              "what happens that day and the notice date before it.",
    [Column("agreement_id", "string", "The agreement.", True), Column("term_number", "integer",
                                                                     "Which term ends (1 for the first)."),
     *_dated("date", "The day the term ends.", True), Column("year", "integer", "Its year.", True),
     Column("kind", "string", f"What happens: {terms.RENEWAL} (a new term begins unless notice was given), "
                              f"{terms.TERM_END}, terminated or superseded.", True),
     *_dated("notice_by", COMPUTED["notice_by"]),
     Column("estimated", "boolean", COMPUTED["estimated"], True),
     Column("projected", "boolean", "True where the end lies beyond automatic renewals that have not happened yet "
                                    "as of the as-of day.", True)],
    (), {"agreement_id": ("agreements", "id")}, _term_end_rows)

TABLES = (PARTNERS, TYPES, AGREEMENTS, SOURCES, EVENTS, RELATED, TERM_ENDS)  # referenced tables first
