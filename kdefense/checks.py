"""Check a parsed dataset document and turn it into records.

`build(doc, path)` returns `(dataset_or_None, problems)`. Every problem carries
`path:line:column`, what is wrong and what is expected; all are collected, so
`kdefense validate` can list them at once.

Which keys a mapping may hold, and of what kind each is, comes from the
record classes' `FIELDS` (models.py): a key that is not declared is an error
with the closest declared key suggested, so a misspelt key can never be
silently ignored. This module adds the checks that tie fields together.

`warnings(dataset)` lists what is valid but worth a maintainer's look (a
confirmation after a computed term end: a renewal is missing from the record).
"""

from __future__ import annotations

import re

from .dates import PartialDate, surely_before
from .errors import Problem
from .field_reader import FieldReader
from .models import TOP_LEVEL_KEYS, Agreement, Dataset, Event, Partner, Related, Source, Term, TypeDef
from .strict_yaml import Map, Seq, key_mark_place, value_place
from .strict_yaml import line_column as _at
from .suggest import Suggester

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO_RE = re.compile(r"^[A-Z]{2,3}$")
# A well-formed http(s) URL: no spaces, angle brackets, quotes, backquotes, backslashes or control
# characters (any of them could break out of a Markdown autolink or an HTML attribute).
URL_RE = re.compile(r"^https?://[^\s<>\"'`\\\x00-\x1f\x7f-\x9f]+$", re.I)



def build(doc, path: str) -> tuple[Dataset | None, list[Problem]]:
    c = FieldReader(path)
    if not isinstance(doc, Map):
        c.add((1, 1), "the dataset must be a mapping with 'schema', 'partners', 'types' and 'agreements'")
        return None, c.problems
    c.keys(doc, TOP_LEVEL_KEYS, "dataset")
    schema = doc.get("schema")
    if schema != 1:
        c.add(value_place(doc, "schema"), f"'schema' must be 1 (this version of kdefense reads schema 1), not {schema!r}")

    partners = _partners(c, doc)
    types = _types(c, doc)
    agreements = _agreements(c, doc, partners, types)
    if c.problems:
        return None, c.problems
    return Dataset(path=path, partners=partners, types=types, agreements=agreements), []


def _keyed(c: FieldReader, doc: Map, section: str, what: str, example: str):
    """(id, body, where, mapping) for each entry of a keyed section
    (partners, types) whose id is well formed; a bad id is a problem."""
    m = c.mapping(doc, section, "dataset", required=True)
    for key, body in (m or {}).items():
        if not isinstance(key, str) or not ID_RE.match(key):
            c.add(key_mark_place(m, key), f"{what} id {key!r} must be lowercase letters, digits and hyphens (e.g. {example})")
            continue
        yield key, body, f"{what} '{key}'", m


def _partners(c: FieldReader, doc: Map) -> dict[str, Partner]:
    out: dict[str, Partner] = {}
    for pid, body, where, m in _keyed(c, doc, "partners", "partner", "south-korea"):
        if not isinstance(body, Map):
            c.add(value_place(m, pid), f"{where}: must be a mapping with 'name', 'iso' and 'aliases'")
            continue
        v = c.read(body, Partner, where)
        for code in v["iso"]:
            if not ISO_RE.match(code):
                c.add(value_place(body, "iso"), f"{where}: ISO code {code!r} must be 2 or 3 capital letters (e.g. RU, RUS)")
        out[pid] = Partner(id=pid, **{**v, "name": v["name"] or pid})
    return out


def _types(c: FieldReader, doc: Map) -> dict[str, TypeDef]:
    out: dict[str, TypeDef] = {}
    for tid, body, where, m in _keyed(c, doc, "types", "type", "military-technical"):
        if isinstance(body, Map):
            v = c.read(body, TypeDef, where)
            if v["description"] is not None:
                out[tid] = TypeDef(id=tid, **v)
            continue
        if not isinstance(body, str) or not body.strip():
            c.add(value_place(m, tid), f"{where}: needs a one-line description (text, or a mapping with 'description' and 'one_off')")
            continue
        out[tid] = TypeDef(id=tid, description=body)
    return out


def _agreements(c: FieldReader, doc: Map, partners: dict, types: dict) -> list[Agreement]:
    seq = c.sequence(doc, "agreements", "dataset", required=True)
    out: list[Agreement] = []
    first_seen: dict[str, int] = {}
    related_refs: list[tuple[Agreement, Related, tuple]] = []
    for i in range(len(seq or ())):
        # Take each item out of the parsed tree as it becomes a record, so the
        # tree and the records are never both held whole (peak memory).
        body, seq[i] = seq[i], None
        place = seq.item_places[i]
        if not isinstance(body, Map):
            c.add(place, f"agreement {i + 1}: must be a mapping with at least id, partner, title, type, signed, sources")
            continue
        before = len(c.problems)
        rec = _agreement(c, body, i, partners, types, related_refs)
        if rec.id in first_seen:
            c.add(value_place(body, "id"), f"agreement '{rec.id}': duplicate id (first used at line {first_seen[rec.id]}); ids must be unique")
        else:
            first_seen[rec.id] = rec.line
        if len(c.problems) == before:
            out.append(rec)
    ids = Suggester(first_seen)
    for rec, rel, rplace in related_refs:
        if rel.id == rec.id:
            c.add(rplace, f"agreement '{rec.id}': 'related' points to itself")
        elif rel.id not in first_seen:
            c.add(rplace, f"agreement '{rec.id}': related id '{rel.id}' does not exist{_hint(ids.close(rel.id))}")
    return out


def _hint(near: list[str]) -> str:
    return f" (did you mean: {', '.join(near)}?)" if near else ""


def _agreement(c: FieldReader, m: Map, i: int, partners, types, related_refs) -> Agreement:
    named = m.get("id")
    where = f"agreement '{named}'" if isinstance(named, str) and named.strip() else f"agreement {i + 1}"
    v = c.read(m, Agreement, where)
    aid = v["id"]
    if aid is not None and not ID_RE.match(aid):
        c.add(value_place(m, "id"), f"{where}: id {aid!r} must be lowercase letters, digits and hyphens (e.g. kw-ru-2023-military-technical)")
    _references(c, m, v, where, partners, types)
    partner, type_, signed = v["partner"], v["type"], v["signed"]
    _signature(c, m, v, where)
    sources = _sources(c, v["sources"], where)
    rec = Agreement(**{
        **v,
        "id": aid or f"#{i + 1}", "partner": partner or "", "title": v["title"] or "", "type": type_ or "",
        "signed": signed if signed is not None or v["signed_before"] is not None else PartialDate(1),
        "term": _term(c, v["term"], where, signed or v["in_force"]), "sources": sources,
        "events": _events(c, v["events"], where, signed, len(sources)),
        "related": [],
        "line": _at(m.place)[0],
    })
    _related(c, v["related"], rec, where, related_refs)
    return rec


def _references(c: FieldReader, m: Map, v: dict, where: str, partners, types) -> None:
    """The partner and type exist; entry into force does not come before signature."""
    partner, type_, signed, in_force = v["partner"], v["type"], v["signed"], v["in_force"]
    if partner is not None and partner not in partners:
        c.add(value_place(m, "partner"), f"{where}: unknown partner '{partner}'; add it under 'partners'{_hint(Suggester(partners).close(partner))}")
    if type_ is not None and type_ not in types:
        c.add(value_place(m, "type"), f"{where}: unknown type '{type_}'; add it under 'types'{_hint(Suggester(types).close(type_))}")
    if signed and in_force and surely_before(in_force, signed):
        c.add(value_place(m, "in_force"), f"{where}: in_force {in_force} comes before signed {signed}")


def _signature(c: FieldReader, m: Map, v: dict, where: str) -> None:
    """A signature date, or (for an instrument known only from a later
    report) `signed: null` with `signed_before`: one of the two."""
    if m.get("signed") is None and m.get("signed_before") is None:  # (a bad date is reported where it stands)
        c.add(value_place(m, "signed"), f"{where}: 'signed' is required (YYYY, YYYY-MM or YYYY-MM-DD; or null with "
                                        "'signed_before' for an instrument known only from a later report)")
    elif m.get("signed") is not None and m.get("signed_before") is not None:
        c.add(value_place(m, "signed_before"), f"{where}: give 'signed' or 'signed_before', not both")


def _mappings(c: FieldReader, seq: Seq | None, where: str, noun: str, shape: str):
    """(item, its name in messages) for each mapping of the list `seq`;
    an item that is not a mapping is reported ("must be a mapping `shape`")
    and skipped."""
    for j, item in enumerate(seq or ()):
        w = f"{where}: {noun} {j + 1}"
        if isinstance(item, Map):
            yield item, w
        else:
            c.add(seq.item_places[j], f"{w}: must be a mapping {shape}")


def _related(c: FieldReader, rel_seq, rec: Agreement, where: str, related_refs: list) -> None:
    """The record's related items; their ids are checked once every record is read."""
    for item, w in _mappings(c, rel_seq, where, "related item", "{id, relation}"):
        r = c.read(item, Related, w)
        if r["id"]:
            rel = Related(r["id"], r["relation"] or "related")
            rec.related.append(rel)
            related_refs.append((rec, rel, value_place(item, "id")))


def _term(c: FieldReader, t: Map | None, where: str, start) -> Term:
    if t is None:
        return Term()
    w = f"{where}: term"
    term = Term(**c.read(t, Term, w))
    if term.notice_months and term.notice_days:
        c.add(value_place(t, "notice_days"), f"{w}: give 'notice_months' or 'notice_days', not both")
    _term_end(c, t, term, w, start)
    if term.renewal == "automatic":
        if not term.renewal_years:
            c.add(value_place(t, "renewal"), f"{w}: automatic renewal needs 'renewal_years' (the length of each renewed term)")
        if not term.fixed:
            c.add(value_place(t, "renewal"), f"{w}: automatic renewal needs the first term's length ('years', 'months' or 'days') or its end ('until')")
    elif term.renewal_years:
        c.add(value_place(t, "renewal_years"), f"{w}: 'renewal_years' only applies with renewal: automatic")
    if term.renewal in ("none", "by-agreement") and not term.fixed:
        c.add(value_place(t, "renewal"), f"{w}: renewal '{term.renewal}' needs the term's length ('years', 'months' or 'days') or its end ('until')")
    if term.duration and term.notice:
        probe = PartialDate(2000, 1, 1)  # compare the two spans from a fixed day
        if not surely_before(probe.shift(term.notice), probe.shift(term.duration)):
            c.add(value_place(t, "notice_months" if term.notice_months else "notice_days"), f"{w}: the notice period is not shorter than the term")
    return term


def _term_end(c: FieldReader, t: Map, term: Term, w: str, start) -> None:
    """A term states a length or an end date (`until`), not both; an
    indefinite one neither; an end comes after the start."""
    if term.until is not None and term.duration:
        c.add(value_place(t, "until"), f"{w}: give the term's length (years/months/days) or its end ('until'), not both")
    if term.renewal == "indefinite" and term.fixed:
        c.add(value_place(t, "years" if term.duration else "until"), f"{w}: an indefinite agreement has no fixed term; remove years/months/days/until or change 'renewal'")
    if term.until is not None and start is not None and not surely_before(start, term.until):
        c.add(value_place(t, "until"), f"{w}: 'until' {term.until} must come after the start of the agreement ({start})")


def _sources(c: FieldReader, seq: Seq | None, where: str) -> list[Source]:
    out: list[Source] = []
    if seq is not None and not seq:
        c.add(seq.place, f"{where}: 'sources' needs at least one source (url, or publisher and date)")
    for item, w in _mappings(c, seq, where, "source", "{title, publisher, url, date}"):
        src = Source(**c.read(item, Source, w))
        if src.url is not None and not URL_RE.match(src.url):
            c.add(value_place(item, "url"), f"{w}: url must be a well-formed http:// or https:// address (no spaces, "
                                            "<, >, quotes, backslashes or control characters)")
        if not src.url and not (src.publisher and src.date):
            c.add(item.place, f"{w}: needs a url, or a publisher and a date")
        out.append(src)
    return out


def _events(c: FieldReader, seq: Seq | None, where: str, signed, n_sources: int) -> list[Event]:
    out: list[Event] = []
    prev = None
    for item, w in _mappings(c, seq, where, "event", "with at least 'date' and 'kind'"):
        v = c.read(item, Event, w)
        src = _source_index(c, item, v["source"], n_sources, w)
        ev = Event(**{**v, "date": v["date"] or PartialDate(1), "kind": v["kind"] or "amended", "source": src})
        _event_fields(c, item, ev, v["kind"], w)
        _event_dates(c, item, v["date"], ev.until, signed, prev, w)
        prev = v["date"] or prev
        out.append(ev)
    return out


def _source_index(c: FieldReader, item: Map, src, n_sources: int, w: str) -> int | None:
    """An event's `source`: an index into the record's sources, or None."""
    if src is not None and (isinstance(src, bool) or not isinstance(src, int) or not 0 <= src < n_sources):
        c.add(value_place(item, "source"), f"{w}: 'source' must be an index into this record's sources (0 to {n_sources - 1}), not {src!r}")
        return None
    return src


def _event_fields(c: FieldReader, item: Map, ev: Event, kind: str | None, w: str) -> None:
    """Fields that go with some kinds only: until/years with renewals and
    extensions, a source with a confirmation."""
    if (ev.until or ev.years) and kind not in ("renewed", "extended"):
        c.add(item.place, f"{w}: 'until' and 'years' only apply to renewed or extended events")
    if ev.until and ev.years:
        c.add(value_place(item, "years"), f"{w}: give 'until' or 'years', not both")
    if kind == "confirmed" and ev.source is None:
        c.add(item.place, f"{w}: a 'confirmed' event needs 'source' (the source that shows the agreement operating)")
    if kind == "purpose-ended" and ev.source is None:
        c.add(item.place, f"{w}: a 'purpose-ended' event needs 'source' (the source that shows what it served has ended)")
    if ev.party is not None and kind != "ratified":
        c.add(value_place(item, "party"), f"{w}: 'party' only applies to ratified events (whose approval it is)")


def _event_dates(c: FieldReader, item: Map, date, until, signed, prev, w: str) -> None:
    """An event comes after the signature and the event before it; `until` after the event."""
    if date and signed and surely_before(date, signed):
        c.add(value_place(item, "date"), f"{w}: {date} comes before the signature ({signed}); events are steps after signature")
    if date and prev and surely_before(date, prev):
        c.add(value_place(item, "date"), f"{w}: {date} comes before the previous event ({prev}); list events in date order")
    if until and date and not surely_before(date, until):
        c.add(value_place(item, "until"), f"{w}: 'until' {until} must come after the event's date {date}")


class Checked:
    """What checking a dataset file found: `problems` (it is invalid when
    there is any), `warnings` (valid, worth a maintainer's look) and, when
    valid, how many agreements, partners and types it holds."""

    __slots__ = ("path", "problems", "warnings", "agreements", "partners", "types")
    kind = "checked"
    empty = False

    def __init__(self, path: str, problems: list[Problem], warnings: list[Problem], agreements: int = 0,
                 partners: int = 0, types: int = 0):
        self.path, self.problems, self.warnings = path, problems, warnings
        self.agreements, self.partners, self.types = agreements, partners, types

    @property
    def valid(self) -> bool:
        return not self.problems


def warnings(dataset: Dataset) -> list[Problem]:
    """Valid, but worth a maintainer's look: records whose status would
    change if a stated rule applied.

    - A `confirmed` event after the record's last computed term end (a
      renewal is missing from the record), or after its end by a recorded
      termination or a later record (a contradiction).
    - A plan or programme whose title names a year, with no stated end
      (`term: {until: ...}`): a plan "for 2019" ends with 2019.
    - A record whose title says it renews, extends or amends another, with no
      relation saying which (`renews`, `extends`, `amends`, `supersedes`).
    - A record `part-of` another that has ended, with no end of its own.
    - Notes that cite `source N` where the record has no source N (notes
      number a record's sources from 1, as `show` lists them).
    """
    from .index import Index  # noqa: PLC0415
    from .status import confirmations_after_end  # noqa: PLC0415

    index = Index(dataset)
    out = []

    def warn(a, message: str) -> None:
        out.append(Problem(dataset.path, a.line, 0, f"warning: agreement '{a.id}': {message}"))

    for a in dataset.agreements:
        for ev, end in confirmations_after_end(a, index.closing(a)):
            if end.kind in ("terminated", "superseded"):
                what = f"contradicts its recorded {end.kind} event of {end.date}"
            else:
                what = f"comes after its last term end on record ({end.date}): a renewal is missing from the record"
            warn(a, f"the 'confirmed' event of {ev.date} {what}")
        for message in _rule_warnings(index, a) + _note_references(a):
            warn(a, message)
    return out


_SOURCE_IN_NOTE = re.compile(r"\bsource (\d+)\b")


def _note_references(a: Agreement) -> list[str]:
    """`source N` in the record's notes and event notes that names no source of it."""
    texts = [a.notes or "", *(e.note or "" for e in a.events)]
    cited = sorted({int(n) for t in texts for n in _SOURCE_IN_NOTE.findall(t)})
    return [f"its notes cite source {n}, but its sources are numbered 1 to {len(a.sources)} (as 'show' lists them)"
            for n in cited if not 1 <= n <= len(a.sources)]


_YEAR_IN_TITLE = re.compile(r"\b(?:for|of)?\s*((?:19|20)\d\d)\b")
_PLAN_WORDS = re.compile(r"\b(plan|programme|program)\b", re.I)
_CHAIN_WORDS = re.compile(r"^renewed (?!by\b)|\b(renewal of|renewing|extension of|extending|amending|amendment (?:to|of))\b", re.I)
_CHAIN_RELATIONS = ("renews", "extends", "amends", "supersedes")


def _rule_warnings(index, a: Agreement) -> list[str]:
    """The stated rules that a record does not yet follow (see warnings())."""
    out = []
    years = _YEAR_IN_TITLE.findall(a.title)
    if _PLAN_WORDS.search(a.title) and years and a.term.until is None and not a.term.fixed:
        out.append(f"its title names the year {years[-1]} but its term has no stated end: a plan for that year "
                   f"would have term: {{until: {years[-1]}-12-31, renewal: none}}")
    if _CHAIN_WORDS.search(a.title) and not any(r.relation in _CHAIN_RELATIONS for r in a.related):
        out.append("its title says it renews, extends or amends another instrument, but no relation "
                   f"({', '.join(_CHAIN_RELATIONS)}) says which")
    ends_own = any(e.kind in ("terminated", "superseded", "purpose-ended") for e in a.events) or index.closing(a)
    for r in a.related:
        if r.relation == "part-of" and index.has_id(r.id) and not ends_own:
            parent = index.get(r.id)
            if any(e.kind in ("terminated", "superseded") for e in parent.events) or index.closing(parent):
                out.append(f"it is part of '{r.id}', which has ended, but no end of its own is on record")
    return out
