"""Queries over the index. Each returns plain rows (dicts) for the renderers.

Filters compose as the SPEC says: repeats of one filter are OR, different
filters are AND.
"""

from __future__ import annotations

import datetime as _dt

from . import terms
from .dates import PartialDate, Span
from .errors import UsageError
from .index import Index, normalize
from .models import STATUSES, Agreement

AGREEMENT_KEYS = (
    "id", "partner", "partner_name", "title", "title_ar", "type", "signed", "place",
    "in_force", "status", "term_end", "renewal", "notice_by", "estimated",
    "term", "events", "related", "summary", "sources", "confidence", "notes",
)
EXPIRING_KEYS = AGREEMENT_KEYS + ("ends", "projected", "ends_kind", "ends_notice_by", "ends_estimated")
DEADLINE_KEYS = ("id", "partner", "kind", "date", "estimated", "projected", "title")
PARTNER_KEYS = ("id", "name", "kind", "iso", "aliases", "agreements", "in_force")
TYPE_KEYS = ("id", "description", "agreements")
TIMELINE_KEYS = ("date", "id", "partner", "event", "detail")
STATS_KEYS = ("group", "key", "agreements")


class Filters:
    """What `list`, `expiring`, `deadlines` and `timeline` select by."""

    __slots__ = ("partners", "types", "statuses", "years", "date_from", "date_to", "search")

    def __init__(self, partners=(), types=(), statuses=(), years=(), date_from: PartialDate | None = None,
                 date_to: PartialDate | None = None, search=()):
        self.partners: list[str] = list(partners)
        self.types: list[str] = list(types)
        self.statuses: list[str] = list(statuses)
        self.years: list[int] = list(years)
        self.date_from = date_from
        self.date_to = date_to
        self.search: list[str] = list(search)

    def resolved(self, index: Index) -> "Filters":
        """Check the values against the dataset; unknown ones are usage errors."""
        bad = [s for s in self.statuses if s not in STATUSES]
        if bad:
            raise UsageError(f"unknown status {bad[0]!r}; expected one of: {', '.join(STATUSES)}")
        return Filters(
            partners=[index.resolve_partner(p) for p in self.partners],
            types=[index.resolve_type(t) for t in self.types],
            statuses=list(self.statuses),
            years=list(self.years),
            date_from=self.date_from,
            date_to=self.date_to,
            search=[normalize(s) for s in self.search if s.strip()],
        )


def _candidates(index: Index, f: Filters, within: list[int] | None) -> list[Agreement]:
    """The agreements the indexed filters (partner, type, year) and the
    optional position list `within` all allow, in dataset order."""
    pools = [index.positions(kind, keys) for kind, keys in
             (("partner", f.partners), ("type", f.types), ("year", f.years)) if keys]
    if within is not None:
        pools.append(within)
    if not pools:
        return list(index.dataset.agreements)
    pools.sort(key=len)
    chosen = set(pools[0]).intersection(*pools[1:])
    return index.records(sorted(chosen))


def _text_of(a: Agreement) -> str:
    return normalize(" ".join(x for x in (a.id, a.title, a.title_ar, a.summary, a.notes) if x))


def select(index: Index, f: Filters, as_of: _dt.date,
           within: list[int] | None = None) -> list[tuple[Agreement, terms.State]]:
    """Agreements matching every filter (and among the positions `within`,
    when given), with their state as of `as_of`."""
    out = []
    for a in _candidates(index, f, within):
        if f.date_from and a.signed.latest() < f.date_from.earliest():
            continue
        if f.date_to and a.signed.earliest() > f.date_to.latest():
            continue
        if f.search:
            text = _text_of(a)
            if not any(s in text for s in f.search):
                continue
        st = terms.state(a, as_of)
        if f.statuses and st.status not in f.statuses:
            continue
        out.append((a, st))
    return out


def _d(d: PartialDate | None) -> str | None:
    return str(d) if d is not None else None


def agreement_row(index: Index, a: Agreement, st: terms.State) -> dict:
    partner = index.dataset.partners[a.partner]
    return {
        "id": a.id,
        "partner": a.partner,
        "partner_name": partner.name,
        "title": a.title,
        "title_ar": a.title_ar,
        "type": a.type,
        "signed": str(a.signed),
        "place": a.place,
        "in_force": _d(a.in_force),
        "status": st.status,
        "term_end": _d(st.term_end),
        "renewal": a.term.renewal,
        "notice_by": _d(st.notice_by),
        "estimated": st.estimated,
        "term": a.term.as_dict(),
        "events": [e.as_dict() for e in a.events],
        "related": [{"id": r.id, "relation": r.relation} for r in a.related],
        "summary": a.summary,
        "sources": [s.as_dict() for s in a.sources],
        "confidence": a.confidence,
        "notes": a.notes,
    }


SORT_KEYS = ("signed", "id", "partner", "type", "status", "term_end", "notice_by", "in_force", "title")


def sort_rows(rows: list[dict], key: str) -> list[dict]:
    if key not in SORT_KEYS:
        raise UsageError(f"cannot sort by {key!r}; choose one of: {', '.join(SORT_KEYS)}")

    def k(row):
        v = row.get(key)
        return (v is None, str(v) if v is not None else "", row["id"])

    return sorted(rows, key=k)


def list_agreements(index: Index, f: Filters, as_of: _dt.date, sort: str = "signed") -> list[dict]:
    rows = [agreement_row(index, a, st) for a, st in select(index, f, as_of)]
    return sort_rows(rows, sort)


def window_for_year(year: int) -> tuple[_dt.date, _dt.date]:
    return _dt.date(year, 1, 1), _dt.date(year, 12, 31)


def expiring(index: Index, f: Filters, as_of: _dt.date, lo: _dt.date, hi: _dt.date) -> list[dict]:
    """Every term end in [lo, hi], fixed or projected through automatic renewal."""
    found = []
    for a, st in select(index, f, as_of, within=index.ending_positions(lo.year, hi.year)):
        for end in terms.ends_between(a, lo, hi):
            row = agreement_row(index, a, st)
            row["ends"] = str(end.date)
            row["projected"] = end.projected(as_of)
            row["ends_kind"] = end.kind
            row["ends_notice_by"] = _d(end.notice_by)
            row["ends_estimated"] = end.estimated
            found.append((end.date.sort_key(), a.id, row))
    found.sort(key=lambda t: t[:2])
    return [row for _, _, row in found]


def deadlines(index: Index, f: Filters, as_of: _dt.date, hi: _dt.date) -> list[dict]:
    """Notice deadlines and term ends from `as_of` to `hi`."""
    rows = []
    for a, _st in select(index, f, as_of, within=index.ending_positions(as_of.year, hi.year)):
        for end in terms.ends(a):
            if end.notice_by is not None and end.notice_by.earliest() > hi:
                break
            if end.date.earliest() > hi and end.notice_by is None:
                break
            base = {"id": a.id, "partner": a.partner, "estimated": end.estimated,
                    "projected": end.projected(as_of), "title": a.title}
            nb = end.notice_by
            if nb is not None and nb.latest() >= as_of and nb.earliest() <= hi:
                rows.append((nb.sort_key(), a.id, "notice", {**base, "kind": "notice", "date": str(nb)}))
            if end.date.latest() >= as_of and end.date.earliest() <= hi:
                rows.append((end.date.sort_key(), a.id, "term-end",
                             {**base, "kind": "term-end", "date": str(end.date)}))
    rows.sort(key=lambda t: t[:3])
    return [{k: r[k] for k in DEADLINE_KEYS} for *_, r in rows]


def partner_rows(index: Index, as_of: _dt.date) -> list[dict]:
    rows = []
    for p in index.dataset.partners.values():
        agreements = index.of_partner(p.id)
        rows.append({
            "id": p.id,
            "name": p.name,
            "kind": p.kind,
            "iso": list(p.iso),
            "aliases": list(p.aliases),
            "agreements": len(agreements),
            "in_force": sum(1 for a in agreements if terms.state(a, as_of).status == "in-force"),
        })
    rows.sort(key=lambda r: r["id"])
    return rows


def type_rows(index: Index) -> list[dict]:
    return [
        {"id": tid, "description": desc, "agreements": index.count_type(tid)}
        for tid, desc in sorted(index.dataset.types.items())
    ]


def timeline(index: Index, f: Filters, as_of: _dt.date) -> list[dict]:
    """Signatures, entries into force, recorded events and term ends up to
    `as_of`, oldest first."""
    rows = []
    for a, _st in select(index, f, as_of):
        def add(date: PartialDate, event: str, detail: str | None = None) -> None:
            if date.position(as_of) != -1:
                rows.append({"date": date, "id": a.id, "partner": a.partner, "event": event,
                             "detail": detail or a.title})
        add(a.signed, "signed")
        if a.in_force is not None:
            add(a.in_force, "in-force")
        for e in a.events:
            bits = [b for b in (e.instrument, e.number and f"no. {e.number}", e.until and f"until {e.until}",
                                e.years and f"{e.years} years", e.note) if b]
            add(e.date, e.kind, "; ".join(str(b) for b in bits) or None)
        for end in terms.ends(a):
            if end.date.earliest() > as_of:
                break
            if end.kind == "term-end":
                add(end.date, "term-end" + (" (estimated)" if end.estimated else ""))
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
        st = terms.state(a, as_of).status or "not-yet-signed"
        for group, key in (("partner", a.partner), ("type", a.type),
                           ("decade", f"{a.signed.year // 10 * 10}s"), ("status", st)):
            counts[(group, key)] = counts.get((group, key), 0) + 1
    order = {"partner": 0, "type": 1, "decade": 2, "status": 3}
    for (group, key), n in sorted(counts.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])):
        rows.append({"group": group, "key": key, "agreements": n})
    return rows


def window_within(as_of: _dt.date, span: Span) -> tuple[_dt.date, _dt.date]:
    end = PartialDate.from_date(as_of).shift(span)
    return as_of, end.earliest()
