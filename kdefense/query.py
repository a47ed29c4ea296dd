"""Queries over the index. Each returns plain rows (dicts) for the renderers.

Filters (filters.py) compose as the README says: repeats of one filter are
OR, different filters are AND.
"""

from __future__ import annotations

import datetime as _dt

from . import inputs, status, terms
from .dates import DateError, PartialDate, Span
from .errors import BadValue
from .filters import Filters
from .index import Index
from .models import Agreement

# Keys computed for each agreement as of --as-of, and where they go among the
# dataset's own keys (Agreement.FIELDS): after `in_force`.
COMPUTED_KEYS = ("status", "status_basis", "last_confirmed", "last_evidence", "term_end", "renewal", "notice_by",
                 "estimated")
LEADING_KEYS = ("id", "partner", "partner_name", "title", "title_ar", "type", "signed", "signed_before", "place",
                "in_force", "in_force_by")
AGREEMENT_KEYS = LEADING_KEYS + COMPUTED_KEYS + tuple(k for k in Agreement.KEYS if k not in LEADING_KEYS)
EXPIRING_KEYS = AGREEMENT_KEYS + ("ends", "projected", "ends_kind", "ends_notice_by", "ends_estimated")
DEADLINE_KEYS = ("id", "partner", "kind", "date", "estimated", "projected", "title", "term_number")
PARTNER_KEYS = ("id", "name", "kind", "iso", "cow", "aliases", "agreements", "in_force", "presumed", "presumed_recent",
                "dormant")
RECENT = Span(years=5)  # evidence newer than this makes a presumption "recent" (partners)
EVIDENCE_AGES = ((Span(years=2), "under 2 years"), (Span(years=5), "2-5 years"), (Span(years=10), "5-10 years"))
TYPE_KEYS = ("id", "description", "agreements")
TIMELINE_KEYS = ("date", "id", "partner", "event", "detail")
STATS_KEYS = ("group", "key", "agreements")
SORT_KEYS = ("signed", "id", "partner", "type", "status", "term_end", "notice_by", "in_force", "title")


def state_of(index: Index, a: Agreement, as_of: _dt.date) -> status.State:
    return status.state(a, as_of, one_off=index.is_one_off(a.type), closing=index.closing(a))


def _candidates(index: Index, f: Filters, within: list[int] | None) -> list[Agreement]:
    """The agreements the indexed filters (partner, type, year) and the
    optional row list `within` all allow, in dataset order."""
    pools = [index.rows(flt.lookup, values) for flt, values in f.active() if flt.lookup]
    if within is not None:
        pools.append(within)
    if not pools:
        return list(index.dataset.agreements)
    pools.sort(key=len)
    chosen = set(pools[0]).intersection(*pools[1:])
    return index.records(sorted(chosen))


def select(index: Index, f: Filters, as_of: _dt.date,
           within: list[int] | None = None) -> list[tuple[Agreement, status.State]]:
    """Agreements matching every filter (and among the rows `within`, when
    given), with their state as of `as_of`."""
    active = [(flt, v) for flt, v in f.active() if flt.keep is not None]
    plain = [(flt.keep, v) for flt, v in active if not flt.needs_state]
    stateful = [(flt.keep, v) for flt, v in active if flt.needs_state]
    out = []
    for a in _candidates(index, f, within):
        if not all(keep(a, None, v) for keep, v in plain):
            continue
        st = state_of(index, a, as_of)
        if not all(keep(a, st, v) for keep, v in stateful):
            continue
        out.append((a, st))
    return out


def _d(d: PartialDate | None) -> str | None:
    return str(d) if d is not None else None


def agreement_row(index: Index, a: Agreement, st: status.State) -> dict:
    """The agreement's dataset fields and its computed state, in AGREEMENT_KEYS order."""
    fields = a.as_dict()
    partner = index.dataset.partners[a.partner]
    computed = {
        "partner_name": partner.name,
        "status": st.status,
        "status_basis": st.basis,
        "last_confirmed": _d(st.last_confirmed.date) if st.last_confirmed else None,
        "last_evidence": _d(st.last_evidence),
        "term_end": _d(st.term_end),
        "renewal": a.term.renewal,
        "notice_by": _d(st.notice_by),
        "estimated": st.estimated,
    }
    return {k: computed[k] if k in computed else fields[k] for k in AGREEMENT_KEYS}


def sort_rows(rows: list[dict], key: str) -> list[dict]:
    if key not in SORT_KEYS:
        raise BadValue("sort", key, f"cannot sort by {key!r}; choose one of: {', '.join(SORT_KEYS)}")

    def k(row):
        v = row.get(key)
        if key == "signed" and v is None:  # known only from a later report: by the date it existed by
            v = row.get("signed_before")
        return (v is None, str(v) if v is not None else "", row["id"])

    return sorted(rows, key=k)


def list_agreements(index: Index, f: Filters, as_of: _dt.date, sort: str = "signed") -> list[dict]:
    rows = [agreement_row(index, a, st) for a, st in select(index, f, as_of)]
    return sort_rows(rows, sort)


def window_within(as_of: _dt.date, span: Span) -> tuple[_dt.date, _dt.date]:
    """From `as_of` to `span` ahead; cut at the calendar's last day."""
    try:
        end = PartialDate.from_date(as_of).shift(span).earliest()
    except DateError:
        end = _dt.date.max
    return as_of, end


def expiring_window(as_of: _dt.date, when=None, within=None, before=None) -> tuple[_dt.date, _dt.date]:
    """The days whose term ends `expiring` lists: a year, month or day
    (`when`), from `as_of` up to `within` ahead or to the day before `before`;
    the next 12 months when none is given. At most one may be given."""
    given = [n for n, v in (("when", when), ("within", within), ("before", before)) if v is not None]
    if len(given) > 1:
        raise BadValue(given[1], locals()[given[1]], f"give only one of {', '.join(given)}")
    if when is not None:
        t = str(when).strip()
        if t.isdigit() and len(t) != 4:
            raise BadValue("when", when, f"year {when!r} is out of range (1000-9999; or give YYYY-MM or a date)")
        d = inputs.date("when", t)
        return d.earliest(), d.latest()
    if before is not None:
        limit = inputs.day("before", before) - _dt.timedelta(days=1)
        if limit < as_of:
            raise BadValue("before", before, f"{before} is not after the as-of day {as_of}")
        return as_of, limit
    return window_within(as_of, inputs.span("within", within if within is not None else "1y"))


def expiring(index: Index, f: Filters, as_of: _dt.date, lo: _dt.date, hi: _dt.date) -> list[dict]:
    """Every term end in [lo, hi], fixed or projected through automatic renewal."""
    found = []
    for a, st in select(index, f, as_of, within=index.ending_rows(lo.year, hi.year)):
        for end in terms.ends_between(a, lo, hi, index.closing(a)):
            row = agreement_row(index, a, st)
            row["ends"] = str(end.date)
            row["projected"] = end.projected(as_of)
            row["ends_kind"] = end.kind
            row["ends_notice_by"] = _d(end.notice_by)
            row["ends_estimated"] = end.estimated
            found.append((end.date.sort_key(), a.id, row))
    found.sort(key=lambda t: t[:2])
    return [row for _, _, row in found]


def deadline_kind(end: terms.End) -> str:
    """`renewal` (a new term begins unless notice was given) or `term-end` (it ends)."""
    return terms.RENEWAL if end.kind == terms.RENEWAL else terms.TERM_END


def deadlines(index: Index, f: Filters, as_of: _dt.date, hi: _dt.date) -> list[dict]:
    """Notice deadlines, renewals and term ends from `as_of` to `hi`."""
    rows = []
    for a, _st in select(index, f, as_of, within=index.ending_rows(as_of.year, hi.year)):
        for end in index.ends(a, skip_before=as_of):
            if end.notice_by is not None and end.notice_by.earliest() > hi:
                break
            if end.date.earliest() > hi and end.notice_by is None:
                break
            base = {"id": a.id, "partner": a.partner, "estimated": end.estimated,
                    "projected": end.projected(as_of), "title": a.title, "term_number": end.number}
            nb = end.notice_by
            if nb is not None and nb.latest() >= as_of and nb.earliest() <= hi:
                rows.append((nb.sort_key(), a.id, 0, {**base, "kind": "notice", "date": str(nb)}))
            if end.date.latest() >= as_of and end.date.earliest() <= hi:
                rows.append((end.date.sort_key(), a.id, 1, {**base, "kind": deadline_kind(end), "date": str(end.date)}))
    rows.sort(key=lambda t: t[:3])
    return [{k: r[k] for k in DEADLINE_KEYS} for *_, r in rows]


def evidence_is_recent(st: status.State, as_of: _dt.date, span: Span = RECENT) -> bool:
    """Is the latest evidence on record within `span` before `as_of`?"""
    return st.last_evidence is not None and st.last_evidence.latest() >= _back(as_of, span)


def _back(as_of: _dt.date, span: Span) -> _dt.date:
    try:
        return PartialDate.from_date(as_of).shift(span, -1).earliest()
    except DateError:
        return _dt.date.min


def evidence_age(st: status.State, as_of: _dt.date) -> str:
    """How old the latest evidence is: under 2 years, 2-5, 5-10, over 10 (or none)."""
    if st.last_evidence is None:
        return "none"
    for span, label in EVIDENCE_AGES:
        if st.last_evidence.latest() >= _back(as_of, span):
            return label
    return "over 10 years"


def partner_rows(index: Index, as_of: _dt.date) -> list[dict]:
    rows = []
    for p in index.dataset.partners.values():
        agreements = index.of_partner(p.id)
        states = [state_of(index, a, as_of) for a in agreements]
        statuses = [st.status for st in states]
        rows.append({
            "id": p.id,
            "name": p.name,
            "kind": p.kind,
            "iso": list(p.iso),
            "cow": p.cow,
            "aliases": list(p.aliases),
            "agreements": len(agreements),
            "in_force": statuses.count("in-force"),
            "presumed": statuses.count("presumed-in-force"),
            "presumed_recent": sum(1 for st in states
                                   if st.status == "presumed-in-force" and evidence_is_recent(st, as_of)),
            "dormant": statuses.count("dormant"),
        })
    rows.sort(key=lambda r: r["id"])
    return rows


def type_rows(index: Index) -> list[dict]:
    return [
        {"id": t.id, "description": t.description, "agreements": index.count_type(t.id)}
        for t in sorted(index.dataset.types.values(), key=lambda t: t.id)
    ]


def end_event(end: terms.End, a: Agreement) -> tuple[str, str] | None:
    """(event, detail) for a computed end on the timeline; None for the end
    that a recorded renewal continues (the `renewed` event stands for it)."""
    estimated = " (estimated date)" if end.estimated else ""
    if end.kind == terms.RENEWAL:
        if not end.automatic:
            return None
        return "renewal", "a new term began automatically (no notice to stop it on record)" + estimated
    if end.kind == "superseded" and end.by is not None:
        return "superseded", f"replaced by {end.by}, which supersedes or renews it" + estimated
    if end.kind != terms.TERM_END:
        return None  # terminated/superseded: the recorded event is on the timeline
    if a.term.renewal == "unknown":
        return "term-end", "its term on record ended; whether it was renewed is not on record" + estimated
    if a.term.renewal == "by-agreement":
        return "term-end", "its term ended (renewable by agreement; no renewal on record)" + estimated
    return "term-end", "its term ended" + estimated


def timeline(index: Index, f: Filters, as_of: _dt.date) -> list[dict]:
    """Signatures, entries into force, recorded events and computed term ends
    up to `as_of`, oldest first. --from/--to select events by their own date."""
    lo, hi = f.get("date_from"), f.get("date_to")
    rows = []
    for a, _st in select(index, f, as_of):
        def add(date: PartialDate, event: str, detail: str | None = None) -> None:
            if date.locate(as_of) is status.BEFORE:
                return
            if lo is not None and date.latest() < lo.earliest():
                return
            if hi is not None and date.earliest() > hi.latest():
                return
            rows.append({"date": date, "id": a.id, "partner": a.partner, "event": event, "detail": detail or a.title})

        if a.signed is not None:
            add(a.signed, "signed")
        else:
            add(a.signed_before, "on-record", "known to exist by this date from a later report; its signature date "
                                              "is not on record")
        if a.in_force is not None:
            add(a.in_force, "in-force")
        for e in a.events:
            bits = [b for b in (e.instrument, e.number and f"no. {e.number}", e.until and f"until {e.until}",
                                e.years and f"{e.years} years", e.note) if b]
            add(e.date, e.kind, "; ".join(str(b) for b in bits) or None)
        for end in index.ends(a, skip_before=lo.earliest() if lo is not None else None):
            if end.date.earliest() > as_of:
                break
            labelled = end_event(end, a)
            if labelled is not None:
                add(end.date, *labelled)
    rows.sort(key=lambda r: (r["date"].sort_key(), r["id"]))
    for r in rows:
        r["date"] = str(r["date"])
    return rows


def stats(index: Index, as_of: _dt.date) -> list[dict]:
    rows: list[dict] = []
    agreements = index.dataset.agreements
    rows.append({"group": "total", "key": "agreements", "agreements": len(agreements)})
    rows.append({"group": "total", "key": "partners", "agreements": len(index.dataset.partners)})
    counts: dict[tuple[str, str], int] = {}
    for a in agreements:
        st = state_of(index, a, as_of)
        for group, key in (("partner", a.partner), ("type", a.type), ("decade", f"{a.dated.year // 10 * 10}s"),
                           ("status", st.status or "not-yet-signed"), ("basis", st.basis or "not-yet-signed"),
                           ("evidence", evidence_age(st, as_of))):
            counts[(group, key)] = counts.get((group, key), 0) + 1
    order = {"partner": 0, "type": 1, "decade": 2, "status": 3, "basis": 4, "evidence": 5}
    for (group, key), n in sorted(counts.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])):
        rows.append({"group": group, "key": key, "agreements": n})
    return rows


DYAD_KEYS = ("ccode1", "ccode2", "partner", "year", "in_force", "presumed", "signed", "dca", "unknown")
KUWAIT_COW = 690


def dyad_years(index: Index, f: Filters, as_of: _dt.date, first: int | None = None, last: int | None = None,
               coverage: tuple[int, int] | None = None) -> list[dict]:
    """One row per partner and year, as peace-science panels join them
    (`ccode1, ccode2, year`): agreements in force and presumed in force on 31
    December of the year (or on `as_of` in its own year), agreements signed
    during the year, `dca` (1 where any is in force or presumed), and
    `unknown` (agreements whose status the record cannot tell that day). Years
    run from `first` (default: the partner's first agreement) to `last`
    (default: the year of `as_of`); outside `coverage` (first and last year
    the dataset covers) the counts are null, never an invented zero."""
    last = as_of.year if last is None else last
    lo, hi = coverage or (first or 1, last)
    by_partner: dict[str, list[Agreement]] = {}
    for a, _ in select(index, f, as_of):
        by_partner.setdefault(a.partner, []).append(a)
    rows = []
    for pid in sorted(by_partner):
        agreements = by_partner[pid]
        start = first if first is not None else min(a.dated.year for a in agreements)
        years = range(start, last + 1)
        counts = {y: [0, 0, 0, 0] for y in years}
        for a in agreements:
            for y, st in _year_end_statuses(index, a, years, as_of):
                counts[y][0] += st == "in-force"
                counts[y][1] += st == "presumed-in-force"
                counts[y][3] += st == "unknown"
            if a.dated.year in counts:
                counts[a.dated.year][2] += 1
        cow = index.dataset.partners[pid].cow
        for y in years:
            covered = lo <= y <= hi
            in_force, presumed, signed, unknown = counts[y] if covered else (None, None, None, None)
            rows.append({"ccode1": KUWAIT_COW, "ccode2": cow, "partner": pid, "year": y, "in_force": in_force,
                         "presumed": presumed, "signed": signed,
                         "dca": None if not covered else int(in_force + presumed > 0), "unknown": unknown})
    return rows


def _year_end_statuses(index: Index, a: Agreement, years: range, as_of: _dt.date):
    """(year, status) on 31 December of each year (on `as_of` in its own
    year), computing a state only in years where something on record could
    change it: a step on record, a term end or a closing falls in that year
    or the year before (a stated last day ends a term the day after)."""
    if not years:
        return
    points = {d.year for d in (a.dated, a.in_force, a.term.until, *(e.date for e in a.events),
                               *(e.until for e in a.events)) if d is not None}
    closing = index.closing(a)
    if closing is not None:
        points.add(closing.date.year)
    for end in index.ends(a, skip_before=_dt.date(years[0], 1, 1)):
        if end.date.year > years[-1]:
            break
        points.add(end.date.year)
    status_now = None
    for y in years:
        day = as_of if y == as_of.year else _dt.date(y, 12, 31)
        if status_now is None or y in points or y - 1 in points or y in (as_of.year, as_of.year + 1, years[0]):
            status_now = state_of(index, a, day).status or "-"
        yield y, status_now
