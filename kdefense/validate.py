"""Check a parsed dataset document and turn it into records.

`build(doc, path)` returns `(dataset_or_None, problems)`. Every problem carries
`path:line:column`, what is wrong and what is expected; all are collected, so
`kdefense validate` can list them at once.
"""

from __future__ import annotations

import re

from .dates import DateError, PartialDate, surely_before
from .errors import Problem
from .models import (
    CONFIDENCE,
    EVENT_KINDS,
    PARTNER_KINDS,
    RELATIONS,
    RENEWALS,
    Agreement,
    Dataset,
    Event,
    Partner,
    Related,
    Source,
    Term,
)
from .yamlsafe import Map, Seq, key_mark_position, key_position
from .yamlsafe import where as _at

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO_RE = re.compile(r"^[A-Z]{2,3}$")
URL_RE = re.compile(r"^https?://[^\s]+$", re.I)


class _Checker:
    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []

    def add(self, pos, message: str) -> None:
        line, col = _at(pos)
        self.problems.append(Problem(self.path, line, col, message))

    # -- typed getters: report and return None on a wrong type -------
    def text(self, m: Map, key: str, where: str, required: bool = False) -> str | None:
        value = m.get(key)
        if value is None:
            if required:
                self.add(key_position(m, key), f"{where}: '{key}' is required (text)")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.add(key_position(m, key), f"{where}: '{key}' must be text, not {_kind(value)}")
            return None
        value = str(value)
        if required and not value.strip():
            self.add(key_position(m, key), f"{where}: '{key}' must not be empty")
            return None
        return value

    def date(self, m: Map, key: str, where: str, required: bool = False) -> PartialDate | None:
        value = m.get(key)
        if value is None:
            if required:
                self.add(key_position(m, key), f"{where}: '{key}' is required (YYYY, YYYY-MM or YYYY-MM-DD)")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.add(key_position(m, key), f"{where}: '{key}' must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not {_kind(value)}")
            return None
        try:
            return PartialDate.parse_iso(str(value))
        except DateError as exc:
            self.add(key_position(m, key), f"{where}: '{key}': {exc}")
            return None

    def posint(self, m: Map, key: str, where: str) -> int | None:
        value = m.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            self.add(key_position(m, key), f"{where}: '{key}' must be a positive whole number, not {value!r}")
            return None
        if value > 1000:
            self.add(key_position(m, key), f"{where}: '{key}' = {value} is implausibly large")
            return None
        return value

    def choice(self, m: Map, key: str, where: str, allowed, required: bool = False, default=None):
        value = m.get(key)
        if value is None:
            if required:
                self.add(key_position(m, key), f"{where}: '{key}' is required (one of: {', '.join(allowed)})")
            return default
        if value not in allowed:
            self.add(key_position(m, key), f"{where}: '{key}' is {value!r}; expected one of: {', '.join(allowed)}")
            return default
        return value

    def mapping(self, parent, key, where: str, required: bool = False) -> Map | None:
        value = parent.get(key) if isinstance(parent, Map) else None
        if value is None:
            if required:
                self.add(key_position(parent, key), f"{where}: '{key}' is required (a mapping)")
            return None
        if not isinstance(value, Map):
            self.add(key_position(parent, key), f"{where}: '{key}' must be a mapping, not {_kind(value)}")
            return None
        return value

    def sequence(self, m: Map, key: str, where: str, required: bool = False) -> Seq | None:
        value = m.get(key)
        if value is None:
            if required:
                self.add(key_position(m, key), f"{where}: '{key}' is required (a list)")
            return None
        if not isinstance(value, Seq):
            self.add(key_position(m, key), f"{where}: '{key}' must be a list, not {_kind(value)}")
            return None
        return value

    def text_list(self, m: Map, key: str, where: str) -> list[str]:
        seq = self.sequence(m, key, where)
        out: list[str] = []
        for i, item in enumerate(seq or ()):
            if isinstance(item, bool) or not isinstance(item, (str, int)):
                self.add(seq.item_pos[i], f"{where}: '{key}' item {i + 1} must be text, not {_kind(item)}")
            else:
                out.append(str(item))
        return out


def _kind(value) -> str:
    if isinstance(value, Map):
        return "a mapping"
    if isinstance(value, Seq):
        return "a list"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the number {value}"
    return f"{value!r}"


def build(doc, path: str) -> tuple[Dataset | None, list[Problem]]:
    c = _Checker(path)
    if not isinstance(doc, Map):
        c.add((1, 1), "the dataset must be a mapping with 'schema', 'partners', 'types' and 'agreements'")
        return None, c.problems
    schema = doc.get("schema")
    if schema != 1:
        c.add(key_position(doc, "schema"), f"'schema' must be 1 (this version of kdefense reads schema 1), not {schema!r}")

    partners = _partners(c, doc)
    types = _types(c, doc)
    agreements = _agreements(c, doc, partners, types)
    if c.problems:
        return None, c.problems
    return Dataset(path=path, partners=partners, types=types, agreements=agreements), []


def _partners(c: _Checker, doc: Map) -> dict[str, Partner]:
    out: dict[str, Partner] = {}
    m = c.mapping(doc, "partners", "dataset", required=True)
    for pid, body in (m or {}).items():
        pos = key_position(m, pid)
        where = f"partner '{pid}'"
        if not isinstance(pid, str) or not ID_RE.match(pid):
            c.add(key_mark_position(m, pid), f"partner id {pid!r} must be lowercase letters, digits and hyphens (e.g. south-korea)")
            continue
        if not isinstance(body, Map):
            c.add(pos, f"{where}: must be a mapping with 'name', 'iso' and 'aliases'")
            continue
        name = c.text(body, "name", where, required=True)
        kind = c.choice(body, "kind", where, PARTNER_KINDS)
        iso = c.text_list(body, "iso", where)
        for code in iso:
            if not ISO_RE.match(code):
                c.add(key_position(body, "iso"), f"{where}: ISO code {code!r} must be 2 or 3 capital letters (e.g. RU, RUS)")
        aliases = c.text_list(body, "aliases", where)
        out[pid] = Partner(id=pid, name=name or pid, kind=kind, iso=iso, aliases=aliases)
    return out


def _types(c: _Checker, doc: Map) -> dict[str, str]:
    out: dict[str, str] = {}
    m = c.mapping(doc, "types", "dataset", required=True)
    for tid, desc in (m or {}).items():
        if not isinstance(tid, str) or not ID_RE.match(tid):
            c.add(key_mark_position(m, tid), f"type id {tid!r} must be lowercase letters, digits and hyphens (e.g. military-technical)")
            continue
        if not isinstance(desc, str) or not desc.strip():
            c.add(key_position(m, tid), f"type '{tid}': needs a one-line description (text)")
            continue
        out[tid] = desc
    return out


def _agreements(c: _Checker, doc: Map, partners: dict, types: dict) -> list[Agreement]:
    seq = c.sequence(doc, "agreements", "dataset", required=True)
    out: list[Agreement] = []
    first_seen: dict[str, int] = {}
    related_refs: list[tuple[Agreement, Related, tuple]] = []
    for i in range(len(seq or ())):
        # Take each item out of the parsed tree as it becomes a record, so the
        # tree and the records are never both held whole (peak memory).
        body, seq[i] = seq[i], None
        pos = seq.item_pos[i]
        if not isinstance(body, Map):
            c.add(pos, f"agreement {i + 1}: must be a mapping with at least id, partner, title, type, signed, sources")
            continue
        before = len(c.problems)
        rec = _agreement(c, body, i, partners, types, related_refs)
        if rec is None:
            continue
        if rec.id in first_seen:
            c.add(key_position(body, "id"), f"agreement '{rec.id}': duplicate id (first used at line {first_seen[rec.id]}); ids must be unique")
        else:
            first_seen[rec.id] = rec.line
        if len(c.problems) == before:
            out.append(rec)
    for rec, rel, rpos in related_refs:
        if rel.id == rec.id:
            c.add(rpos, f"agreement '{rec.id}': 'related' points to itself")
        elif rel.id not in first_seen:
            c.add(rpos, f"agreement '{rec.id}': related id '{rel.id}' does not exist{_close(rel.id, first_seen)}")
    return out


def _close(word: str, choices) -> str:
    import difflib  # noqa: PLC0415 - only on the error path

    near = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    return f" (did you mean: {', '.join(near)}?)" if near else ""


def _agreement(c: _Checker, m: Map, i: int, partners, types, related_refs) -> Agreement | None:
    where = f"agreement {i + 1}"
    aid = c.text(m, "id", where, required=True)
    if aid is not None:
        if not ID_RE.match(aid):
            c.add(key_position(m, "id"), f"{where}: id {aid!r} must be lowercase letters, digits and hyphens (e.g. kw-ru-2023-military-technical)")
        where = f"agreement '{aid}'"
    partner = c.text(m, "partner", where, required=True)
    if partner is not None and partner not in partners:
        c.add(key_position(m, "partner"), f"{where}: unknown partner '{partner}'; add it under 'partners'{_close(partner, partners)}")
    title = c.text(m, "title", where, required=True)
    type_ = c.text(m, "type", where, required=True)
    if type_ is not None and type_ not in types:
        c.add(key_position(m, "type"), f"{where}: unknown type '{type_}'; add it under 'types'{_close(type_, types)}")
    signed = c.date(m, "signed", where, required=True)
    in_force = c.date(m, "in_force", where)
    if signed and in_force and surely_before(in_force, signed):
        c.add(key_position(m, "in_force"), f"{where}: in_force {in_force} comes before signed {signed}")

    term = _term(c, m, where)
    sources = _sources(c, m, where)
    events = _events(c, m, where, signed, len(sources))
    rec = Agreement(
        id=aid or f"#{i + 1}",
        partner=partner or "",
        title=title or "",
        type=type_ or "",
        signed=signed or PartialDate(1),
        title_ar=c.text(m, "title_ar", where),
        place=c.text(m, "place", where),
        in_force=in_force,
        term=term,
        events=events,
        summary=c.text(m, "summary", where),
        sources=sources,
        confidence=c.choice(m, "confidence", where, CONFIDENCE),
        notes=c.text(m, "notes", where),
        line=_at(m.pos)[0],
    )
    rel_seq = c.sequence(m, "related", where)
    for j, item in enumerate(rel_seq or ()):
        rpos = rel_seq.item_pos[j]
        if not isinstance(item, Map):
            c.add(rpos, f"{where}: related item {j + 1} must be a mapping {{id, relation}}")
            continue
        rid = c.text(item, "id", f"{where}: related item {j + 1}", required=True)
        relation = c.choice(item, "relation", f"{where}: related item {j + 1}", RELATIONS, default="related")
        if rid:
            rel = Related(rid, relation)
            rec.related.append(rel)
            related_refs.append((rec, rel, key_position(item, "id")))
    return rec


def _term(c: _Checker, m: Map, where: str) -> Term:
    t = c.mapping(m, "term", where)
    if t is None:
        return Term()
    w = f"{where}: term"
    term = Term(
        years=c.posint(t, "years", w),
        months=c.posint(t, "months", w),
        days=c.posint(t, "days", w),
        renewal=c.choice(t, "renewal", w, RENEWALS, default="unknown"),
        renewal_years=c.posint(t, "renewal_years", w),
        notice_months=c.posint(t, "notice_months", w),
        notice_days=c.posint(t, "notice_days", w),
    )
    if term.notice_months and term.notice_days:
        c.add(key_position(t, "notice_days"), f"{w}: give 'notice_months' or 'notice_days', not both")
    if term.renewal == "indefinite" and term.duration:
        c.add(key_position(t, "years"), f"{w}: an indefinite agreement has no fixed term; remove years/months/days or change 'renewal'")
    if term.renewal == "automatic":
        if not term.renewal_years:
            c.add(key_position(t, "renewal"), f"{w}: automatic renewal needs 'renewal_years' (the length of each renewed term)")
        if not term.duration:
            c.add(key_position(t, "renewal"), f"{w}: automatic renewal needs the first term's length ('years', 'months' or 'days')")
    elif term.renewal_years:
        c.add(key_position(t, "renewal_years"), f"{w}: 'renewal_years' only applies with renewal: automatic")
    if term.renewal in ("none", "by-agreement") and not term.duration:
        c.add(key_position(t, "renewal"), f"{w}: renewal '{term.renewal}' needs the term's length ('years', 'months' or 'days')")
    if term.duration and term.notice:
        probe = PartialDate(2000, 1, 1)  # compare the two spans from a fixed day
        if not surely_before(probe.shift(term.notice), probe.shift(term.duration)):
            c.add(key_position(t, "notice_months" if term.notice_months else "notice_days"), f"{w}: the notice period is not shorter than the term")
    return term


def _sources(c: _Checker, m: Map, where: str) -> list[Source]:
    seq = c.sequence(m, "sources", where, required=True)
    out: list[Source] = []
    if seq is not None and not seq:
        c.add(seq.pos, f"{where}: 'sources' needs at least one source (url, or publisher and date)")
    for j, item in enumerate(seq or ()):
        w = f"{where}: source {j + 1}"
        if not isinstance(item, Map):
            c.add(seq.item_pos[j], f"{w}: must be a mapping {{title, publisher, url, date}}")
            continue
        src = Source(
            title=c.text(item, "title", w),
            publisher=c.text(item, "publisher", w),
            url=c.text(item, "url", w),
            date=c.date(item, "date", w),
        )
        if src.url is not None and not URL_RE.match(src.url):
            c.add(key_position(item, "url"), f"{w}: url must start with http:// or https:// and contain no spaces")
        if not src.url and not (src.publisher and src.date):
            c.add(item.pos, f"{w}: needs a url, or a publisher and a date")
        out.append(src)
    return out


def _events(c: _Checker, m: Map, where: str, signed, n_sources: int) -> list[Event]:
    seq = c.sequence(m, "events", where)
    out: list[Event] = []
    prev = None
    for j, item in enumerate(seq or ()):
        w = f"{where}: event {j + 1}"
        if not isinstance(item, Map):
            c.add(seq.item_pos[j], f"{w}: must be a mapping with at least 'date' and 'kind'")
            continue
        date = c.date(item, "date", w, required=True)
        kind = c.choice(item, "kind", w, EVENT_KINDS, required=True)
        number = c.text(item, "number", w)
        ev = Event(
            date=date or PartialDate(1),
            kind=kind or "amended",
            instrument=c.text(item, "instrument", w),
            number=number,
            until=c.date(item, "until", w),
            years=c.posint(item, "years", w),
            note=c.text(item, "note", w),
        )
        src = item.get("source")
        if src is not None:
            if isinstance(src, bool) or not isinstance(src, int) or not 0 <= src < n_sources:
                c.add(key_position(item, "source"), f"{w}: 'source' must be an index into this record's sources (0 to {n_sources - 1}), not {src!r}")
            else:
                ev.source = src
        if (ev.until or ev.years) and kind not in ("renewed", "extended"):
            c.add(item.pos, f"{w}: 'until' and 'years' only apply to renewed or extended events")
        if ev.until and ev.years:
            c.add(key_position(item, "years"), f"{w}: give 'until' or 'years', not both")
        if date and signed and surely_before(date, signed):
            c.add(key_position(item, "date"), f"{w}: {date} comes before the signature ({signed}); events are steps after signature")
        if date and prev and surely_before(date, prev):
            c.add(key_position(item, "date"), f"{w}: {date} comes before the previous event ({prev}); list events in date order")
        if ev.until and date and not surely_before(date, ev.until):
            c.add(key_position(item, "until"), f"{w}: 'until' {ev.until} must come after the event's date {date}")
        if date:
            prev = date
        out.append(ev)
    return out
