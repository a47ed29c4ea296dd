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

from .dates import DateError, PartialDate, surely_before
from .errors import Problem
from .models import TOP_LEVEL_KEYS, Agreement, Dataset, Event, Partner, Related, Source, Term, TypeDef
from .strict_yaml import Map, Seq, key_mark_place, value_place
from .strict_yaml import line_column as _at
from .suggest import Suggester, close

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO_RE = re.compile(r"^[A-Z]{2,3}$")
URL_RE = re.compile(r"^https?://[^\s]+$", re.I)
MAX_COUNT = 1000


class _Checker:
    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []
        self.key_guesses = 50  # "did you mean" for the first unknown keys only (cheap on huge broken files)

    def add(self, place, message: str) -> None:
        line, col = _at(place)
        self.problems.append(Problem(self.path, line, col, message))

    # -- a mapping read against its declaration -------------------------
    def keys(self, m: Map, allowed: tuple[str, ...], where: str) -> None:
        """Every key of `m` must be one of `allowed`."""
        known = _KEYSETS.get(allowed)
        if known is None:
            known = _KEYSETS[allowed] = frozenset(allowed)
        for key in m:
            if key in known:
                continue
            near = close(str(key), allowed, n=1) if self.key_guesses > 0 else []
            self.key_guesses -= 1
            hint = f"; did you mean '{near[0]}'?" if near else f"; expected one of: {', '.join(allowed)}"
            self.add(key_mark_place(m, key), f"{where}: unknown key '{key}'{hint}")

    def read(self, m: Map, cls, where: str) -> dict:
        """Check the keys of `m` against `cls.FIELDS` and read each declared
        key by its kind. Nested records (`record`/`records`) come back as the
        raw Map/Seq for the caller, which knows their context."""
        self.keys(m, cls.KEYS, where)
        out = {}
        for name, get, args, required, absent in _plan(cls):
            if required or name in m:
                out[name] = get(self, m, name, where, *args)
            else:  # left out: no reader to call (most optional keys are absent from most records)
                out[name] = [] if absent is list else absent
        return out

    # -- typed getters: report and return None on a wrong type -------
    def raw(self, m: Map, key: str, where: str):
        return m.get(key)

    def given(self, m, key: str, where: str, required: bool, expected: str):
        """The value of `key`, None when it is left out (a problem if it is
        required; `expected` says what is wanted)."""
        value = m.get(key) if isinstance(m, Map) else None
        if value is None and required:
            self.add(value_place(m, key), f"{where}: '{key}' is required ({expected})")
        return value

    def wrong(self, m: Map, key: str, where: str, what: str, value) -> None:
        self.add(value_place(m, key), f"{where}: '{key}' must be {what}, not {_kind(value)}")

    def text(self, m: Map, key: str, where: str, required: bool = False) -> str | None:
        value = self.given(m, key, where, required, "text")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            return self.wrong(m, key, where, "text", value)
        value = str(value)
        if required and not value.strip():
            self.add(value_place(m, key), f"{where}: '{key}' must not be empty")
            return None
        return value

    def date(self, m: Map, key: str, where: str, required: bool = False) -> PartialDate | None:
        value = self.given(m, key, where, required, "YYYY, YYYY-MM or YYYY-MM-DD")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            return self.wrong(m, key, where, "a date (YYYY, YYYY-MM or YYYY-MM-DD)", value)
        try:
            return PartialDate.parse_iso(str(value))
        except DateError as exc:
            self.add(value_place(m, key), f"{where}: '{key}': {exc}")
            return None

    def count(self, m: Map, key: str, where: str) -> int | None:
        value = m.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            self.add(value_place(m, key), f"{where}: '{key}' must be a positive whole number, not {value!r}")
            return None
        if value > MAX_COUNT:
            self.add(value_place(m, key), f"{where}: '{key}' = {value} is implausibly large")
            return None
        return value

    def choice(self, m: Map, key: str, where: str, allowed, required: bool = False):
        value = self.given(m, key, where, required, f"one of: {', '.join(allowed)}")
        if value is not None and value not in allowed:
            self.add(value_place(m, key), f"{where}: '{key}' is {value!r}; expected one of: {', '.join(allowed)}")
            return None
        return value

    def flag(self, m: Map, key: str, where: str) -> bool:
        value = m.get(key)
        if value is not None and not isinstance(value, bool):
            self.wrong(m, key, where, "true or false", value)
            return False
        return bool(value)

    def mapping(self, parent, key, where: str, required: bool = False) -> Map | None:
        value = self.given(parent, key, where, required, "a mapping")
        if value is not None and not isinstance(value, Map):
            return self.wrong(parent, key, where, "a mapping", value)
        return value

    def sequence(self, m: Map, key: str, where: str, required: bool = False) -> Seq | None:
        value = self.given(m, key, where, required, "a list")
        if value is not None and not isinstance(value, Seq):
            return self.wrong(m, key, where, "a list", value)
        return value

    def text_list(self, m: Map, key: str, where: str) -> list[str]:
        seq = self.sequence(m, key, where)
        out: list[str] = []
        for i, item in enumerate(seq or ()):
            if isinstance(item, bool) or not isinstance(item, (str, int)):
                self.add(seq.item_places[i], f"{where}: '{key}' item {i + 1} must be text, not {_kind(item)}")
            else:
                out.append(str(item))
        return out


_READERS = {  # a field's kind -> how _Checker reads it, and with what beyond (m, name, where)
    "text": lambda f: (_Checker.text, (f.required,)),
    "id": lambda f: (_Checker.text, (f.required,)),
    "date": lambda f: (_Checker.date, (f.required,)),
    "count": lambda f: (_Checker.count, ()),
    "choice": lambda f: (_Checker.choice, (f.choices, f.required)),
    "texts": lambda f: (_Checker.text_list, ()),
    "flag": lambda f: (_Checker.flag, ()),
    "record": lambda f: (_Checker.mapping, (f.required,)),
    "records": lambda f: (_Checker.sequence, (f.required,)),
    "index": lambda f: (_Checker.raw, ()),  # checked by the caller, which knows the range
}
_PLANS: dict[type, list] = {}
_KEYSETS: dict[tuple, frozenset] = {}  # declared keys as sets, for the per-mapping check


def _plan(cls) -> list:
    """(name, reader, extra arguments, required, value when left out) for each
    of `cls`'s dataset keys, made once per class."""
    plan = _PLANS.get(cls)
    if plan is None:
        absent = {"texts": list, "flag": False}
        plan = _PLANS[cls] = [(f.name, *_READERS[f.kind](f), f.required, absent.get(f.kind))
                              for f in cls.FIELDS if f.kind != "key"]
    return plan


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


def _keyed(c: _Checker, doc: Map, section: str, what: str, example: str):
    """(id, body, where, mapping) for each entry of a keyed section
    (partners, types) whose id is well formed; a bad id is a problem."""
    m = c.mapping(doc, section, "dataset", required=True)
    for key, body in (m or {}).items():
        if not isinstance(key, str) or not ID_RE.match(key):
            c.add(key_mark_place(m, key), f"{what} id {key!r} must be lowercase letters, digits and hyphens (e.g. {example})")
            continue
        yield key, body, f"{what} '{key}'", m


def _partners(c: _Checker, doc: Map) -> dict[str, Partner]:
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


def _types(c: _Checker, doc: Map) -> dict[str, TypeDef]:
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


def _agreements(c: _Checker, doc: Map, partners: dict, types: dict) -> list[Agreement]:
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


def _agreement(c: _Checker, m: Map, i: int, partners, types, related_refs) -> Agreement:
    named = m.get("id")
    where = f"agreement '{named}'" if isinstance(named, str) and named.strip() else f"agreement {i + 1}"
    v = c.read(m, Agreement, where)
    aid = v["id"]
    if aid is not None and not ID_RE.match(aid):
        c.add(value_place(m, "id"), f"{where}: id {aid!r} must be lowercase letters, digits and hyphens (e.g. kw-ru-2023-military-technical)")
    partner, type_, signed, in_force = v["partner"], v["type"], v["signed"], v["in_force"]
    if partner is not None and partner not in partners:
        c.add(value_place(m, "partner"), f"{where}: unknown partner '{partner}'; add it under 'partners'{_hint(Suggester(partners).close(partner))}")
    if type_ is not None and type_ not in types:
        c.add(value_place(m, "type"), f"{where}: unknown type '{type_}'; add it under 'types'{_hint(Suggester(types).close(type_))}")
    if signed and in_force and surely_before(in_force, signed):
        c.add(value_place(m, "in_force"), f"{where}: in_force {in_force} comes before signed {signed}")
    sources = _sources(c, v["sources"], where)
    rec = Agreement(**{
        **v,
        "id": aid or f"#{i + 1}", "partner": partner or "", "title": v["title"] or "", "type": type_ or "",
        "signed": signed or PartialDate(1),
        "term": _term(c, v["term"], where), "sources": sources,
        "events": _events(c, v["events"], where, signed, len(sources)),
        "related": [],
        "line": _at(m.place)[0],
    })
    rel_seq = v["related"]
    for j, item in enumerate(rel_seq or ()):
        w = f"{where}: related item {j + 1}"
        if not isinstance(item, Map):
            c.add(rel_seq.item_places[j], f"{w} must be a mapping {{id, relation}}")
            continue
        r = c.read(item, Related, w)
        if r["id"]:
            rel = Related(r["id"], r["relation"] or "related")
            rec.related.append(rel)
            related_refs.append((rec, rel, value_place(item, "id")))
    return rec


def _term(c: _Checker, t: Map | None, where: str) -> Term:
    if t is None:
        return Term()
    w = f"{where}: term"
    term = Term(**c.read(t, Term, w))
    if term.notice_months and term.notice_days:
        c.add(value_place(t, "notice_days"), f"{w}: give 'notice_months' or 'notice_days', not both")
    if term.renewal == "indefinite" and term.duration:
        c.add(value_place(t, "years"), f"{w}: an indefinite agreement has no fixed term; remove years/months/days or change 'renewal'")
    if term.renewal == "automatic":
        if not term.renewal_years:
            c.add(value_place(t, "renewal"), f"{w}: automatic renewal needs 'renewal_years' (the length of each renewed term)")
        if not term.duration:
            c.add(value_place(t, "renewal"), f"{w}: automatic renewal needs the first term's length ('years', 'months' or 'days')")
    elif term.renewal_years:
        c.add(value_place(t, "renewal_years"), f"{w}: 'renewal_years' only applies with renewal: automatic")
    if term.renewal in ("none", "by-agreement") and not term.duration:
        c.add(value_place(t, "renewal"), f"{w}: renewal '{term.renewal}' needs the term's length ('years', 'months' or 'days')")
    if term.duration and term.notice:
        probe = PartialDate(2000, 1, 1)  # compare the two spans from a fixed day
        if not surely_before(probe.shift(term.notice), probe.shift(term.duration)):
            c.add(value_place(t, "notice_months" if term.notice_months else "notice_days"), f"{w}: the notice period is not shorter than the term")
    return term


def _sources(c: _Checker, seq: Seq | None, where: str) -> list[Source]:
    out: list[Source] = []
    if seq is not None and not seq:
        c.add(seq.place, f"{where}: 'sources' needs at least one source (url, or publisher and date)")
    for j, item in enumerate(seq or ()):
        w = f"{where}: source {j + 1}"
        if not isinstance(item, Map):
            c.add(seq.item_places[j], f"{w}: must be a mapping {{title, publisher, url, date}}")
            continue
        src = Source(**c.read(item, Source, w))
        if src.url is not None and not URL_RE.match(src.url):
            c.add(value_place(item, "url"), f"{w}: url must start with http:// or https:// and contain no spaces")
        if not src.url and not (src.publisher and src.date):
            c.add(item.place, f"{w}: needs a url, or a publisher and a date")
        out.append(src)
    return out


def _events(c: _Checker, seq: Seq | None, where: str, signed, n_sources: int) -> list[Event]:
    out: list[Event] = []
    prev = None
    for j, item in enumerate(seq or ()):
        w = f"{where}: event {j + 1}"
        if not isinstance(item, Map):
            c.add(seq.item_places[j], f"{w}: must be a mapping with at least 'date' and 'kind'")
            continue
        v = c.read(item, Event, w)
        src = _source_index(c, item, v["source"], n_sources, w)
        ev = Event(**{**v, "date": v["date"] or PartialDate(1), "kind": v["kind"] or "amended", "source": src})
        _event_fields(c, item, ev, v["kind"], w)
        _event_dates(c, item, v["date"], ev.until, signed, prev, w)
        prev = v["date"] or prev
        out.append(ev)
    return out


def _source_index(c: _Checker, item: Map, src, n_sources: int, w: str) -> int | None:
    """An event's `source`: an index into the record's sources, or None."""
    if src is not None and (isinstance(src, bool) or not isinstance(src, int) or not 0 <= src < n_sources):
        c.add(value_place(item, "source"), f"{w}: 'source' must be an index into this record's sources (0 to {n_sources - 1}), not {src!r}")
        return None
    return src


def _event_fields(c: _Checker, item: Map, ev: Event, kind: str | None, w: str) -> None:
    """Fields that go with some kinds only: until/years with renewals and
    extensions, a source with a confirmation."""
    if (ev.until or ev.years) and kind not in ("renewed", "extended"):
        c.add(item.place, f"{w}: 'until' and 'years' only apply to renewed or extended events")
    if ev.until and ev.years:
        c.add(value_place(item, "years"), f"{w}: give 'until' or 'years', not both")
    if kind == "confirmed" and ev.source is None:
        c.add(item.place, f"{w}: a 'confirmed' event needs 'source' (the source that shows the agreement operating)")


def _event_dates(c: _Checker, item: Map, date, until, signed, prev, w: str) -> None:
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
    """Valid, but worth a look: a `confirmed` event after the record's last
    computed term end means a renewal is missing from the record; one after a
    recorded termination contradicts it."""
    from .status import confirmations_after_end  # noqa: PLC0415

    out = []
    for a in dataset.agreements:
        for ev, end in confirmations_after_end(a):
            if end.kind in ("terminated", "superseded"):
                what = f"contradicts its recorded {end.kind} event of {end.date}"
            else:
                what = f"comes after its last term end on record ({end.date}): a renewal is missing from the record"
            out.append(Problem(dataset.path, a.line, 0,
                               f"warning: agreement '{a.id}': the 'confirmed' event of {ev.date} {what}"))
    return out
