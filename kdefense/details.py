"""One agreement in full, as `show` gives it: its row and what a reader needs
besides (related titles, its type's description, the source of its latest
confirmation, what a presumption or a dormant status rests on, the later
record that replaced it)."""

from __future__ import annotations

import datetime as _dt

from . import status
from .index import Index
from .models import Agreement
from .query import agreement_row, state_of


class Detail:
    """One agreement in full, as `show` gives it: its row (AGREEMENT_KEYS) and
    what a reader needs besides: the titles of related agreements, its type's
    description, the last term end on record of a presumed agreement
    (`ended`), and the source of its latest confirmation."""

    __slots__ = ("row", "related_titles", "type_description", "ended", "confirmation", "evidence", "successor")

    def __init__(self, row: dict, related_titles: dict, type_description: str | None, ended: str | None,
                 confirmation: dict | None, evidence: dict | None = None, successor: dict | None = None):
        self.row, self.related_titles, self.type_description = row, related_titles, type_description
        self.ended, self.confirmation = ended, confirmation
        self.evidence = evidence  # {date, what, source_text}: the step a presumption or dormancy rests on
        self.successor = successor  # {id, title, date, estimated, relation}: the later record that closes it


class Details:
    """Agreements in full (`show ID...`) as of one day: the document `show` renders."""

    __slots__ = ("items", "as_of")
    kind = "agreement-detail"
    empty = False

    def __init__(self, items: list[Detail], as_of: _dt.date):
        self.items, self.as_of = items, as_of

    @property
    def rows(self) -> list[dict]:
        return [d.row for d in self.items]


def details(index: Index, ids, as_of: _dt.date) -> Details:
    """The agreements `ids` in full as of `as_of` (NotFound for an id that does not exist)."""
    return Details([detail(index, i, as_of) for i in ids], as_of)


def detail(index: Index, agreement_id: str, as_of: _dt.date) -> Detail:
    """The agreement `agreement_id` in full as of `as_of` (NotFound if there is none)."""
    a = index.get(agreement_id)
    st = state_of(index, a, as_of)
    confirmation = None
    if st.last_confirmed is not None:
        ev = st.last_confirmed
        confirmation = {"date": str(ev.date), "source_text": _source_text(a, ev.source) or ev.note}
    types = index.dataset.types
    successor = None
    if st.closing is not None:
        c = st.closing
        successor = {"id": c.by, "title": index.get(c.by).title, "date": str(c.date), "estimated": c.estimated,
                     "relation": c.relation}
    return Detail(
        agreement_row(index, a, st),
        {r.id: index.get(r.id).title for r in a.related if index.has_id(r.id)},
        types[a.type].description if a.type in types else None,
        str(st.ended) if st.ended else None,
        confirmation,
        _evidence(a, st),
        successor,
    )


def _source_text(a: Agreement, n: int | None) -> str | None:
    """`source 2: KUNA, 2024-03-09` for the record's source number `n` (0-based)."""
    if n is None or not 0 <= n < len(a.sources):
        return None
    src = a.sources[n]
    label = ", ".join(x for x in (src.publisher, str(src.date) if src.date else None) if x)
    return f"source {n + 1}: {label}"


STEP_WORDS = {"ratified": "approval", "purpose-ended": "end of what it served", "confirmed": "confirmation"}


def _evidence(a: Agreement, st: status.State) -> dict | None:
    """What a presumption, a dormant status or a pending approval rests on:
    {date, what, source_text}."""
    if st.basis == "purpose-ended" and st.purpose_ended is not None:
        ev = st.purpose_ended
        return {"date": str(ev.date), "what": ev.note or "purpose ended", "source_text": _source_text(a, ev.source)}
    if st.basis == "approval-pending":
        approvals = [e for e in a.events if e.kind == "ratified" and e.party]
        if not approvals:
            return {"date": None, "what": None, "source_text": None}  # neither approval on record
        e = approvals[-1]
        who = "Kuwait's" if e.party == "kuwait" else "the partner's"
        what = f"{who} approval ({', '.join(x for x in (e.instrument, e.number, str(e.date)) if x)})"
        return {"date": str(e.date), "what": what, "source_text": _source_text(a, e.source)}
    if st.basis == "no-end-on-record" and st.last_evidence is not None:
        seen = st.last_evidence
        if a.in_force is not None and seen == a.in_force:
            return {"date": str(seen), "what": "entry into force", "source_text": _source_text(a, 0)}
        for e in reversed(a.events):
            if e.date == seen:
                return {"date": str(seen), "what": STEP_WORDS.get(e.kind, e.kind), "source_text": _source_text(a, e.source)}
        what = "signature" if a.signed is not None else "earliest report"
        return {"date": str(seen), "what": what, "source_text": _source_text(a, 0)}
    return None


