"""The briefing behind `kdefense report`: what is in force, what lies ahead,
what changed, what is open, and the numbered sources, as of one day.

It is built as a small document (headings, paragraphs, lists, tables) whose
text pieces are either plain strings or source references; render/report.py
writes it as Markdown or as one HTML page. No formatting here.
"""

from __future__ import annotations

import datetime as _dt

from . import query, status, wording
from .dates import PartialDate, Span
from .filters import Filters
from .index import Index
from .models import Agreement, Source


class Ref:
    """A reference to a numbered source, as [n]."""

    __slots__ = ("number",)

    def __init__(self, number: int):
        self.number = number


class Block:
    """kind: heading (level, text), paragraph (pieces), items (list of pieces
    lists), table (header, rows of cells: each cell a list of pieces)."""

    __slots__ = ("kind", "level", "pieces", "items", "header", "rows")

    def __init__(self, kind: str, *, level: int = 2, pieces=None, items=None, header=None, rows=None):
        self.kind, self.level = kind, level
        self.pieces, self.items, self.header, self.rows = pieces or [], items or [], header or [], rows or []


class Briefing:
    """The briefing as a document: title, blocks, the sources its blocks
    cite (numbered in order of first citation) and, when asked for, the chart
    of the same agreements."""

    __slots__ = ("title", "as_of", "blocks", "sources", "chart")
    kind = "briefing"
    empty = False

    def __init__(self, title: str, as_of: _dt.date):
        self.title, self.as_of = title, as_of
        self.blocks: list[Block] = []
        self.sources: list[Source] = []
        self.chart = None  # a chart_model.Chart, for pages that show one

    def cite(self, src: Source | None) -> list:
        """[Ref] for `src`, numbered on first citation; [] when there is none."""
        if src is None:
            return []
        key = src.url or (src.publisher, src.title, str(src.date))
        for n, known in enumerate(self.sources, 1):
            if (known.url or (known.publisher, known.title, str(known.date))) == key:
                return [Ref(n)]
        self.sources.append(src)
        return [Ref(len(self.sources))]


def _source_of(a: Agreement, event=None) -> Source | None:
    if event is not None and event.source is not None and event.source < len(a.sources):
        return a.sources[event.source]
    return a.sources[0] if a.sources else None


def build(index: Index, f: Filters, as_of: _dt.date, horizon: Span, since: Span = Span(months=12),
          with_chart: bool = False) -> Briefing:
    b = Briefing(f"Kuwait's defence agreements: briefing as of {as_of}", as_of)
    chosen = query.select(index, f, as_of)
    by_id = {a.id: (a, st) for a, st in chosen}
    _summary(b, chosen)
    _current(b, index, chosen)
    lo, hi = query.window_within(as_of, horizon)
    _ahead(b, index, f, as_of, hi, horizon, by_id)
    back = PartialDate.from_date(as_of).shift(since, -1).earliest()
    _changed(b, index, f, as_of, back, since, by_id)
    _open_questions(b, chosen)
    if with_chart:
        from . import chart_model  # noqa: PLC0415

        b.chart = chart_model.build(index, f, as_of)
    return b


def _summary(b: Briefing, chosen) -> None:
    counts: dict[str, int] = {}
    for _, st in chosen:
        counts[st.status or "not yet signed"] = counts.get(st.status or "not yet signed", 0) + 1
    order = list(status.STATUSES) + ["not yet signed"]
    parts = [f"{counts[s]} {wording.STATUS_WORDS.get(s, s)}" for s in order if s in counts]
    b.blocks.append(Block("paragraph", pieces=[
        f"{len(chosen)} agreements on record as of {b.as_of}: {', '.join(parts)}. "
        "A status marked presumed rests on the treaty registries' convention: an agreement that started and that "
        "nothing on record ended is taken to be in force; the basis says on what evidence."]))


def _current(b: Briefing, index: Index, chosen) -> None:
    b.blocks.append(Block("heading", pieces=["In force and presumed in force, by partner"]))
    groups: dict[str, list] = {}
    for a, st in chosen:
        if st.status in status.CURRENT:
            groups.setdefault(index.dataset.partners[a.partner].name, []).append((a, st))
    if not groups:
        b.blocks.append(Block("paragraph", pieces=["None."]))
    for partner in sorted(groups):
        b.blocks.append(Block("heading", level=3, pieces=[partner]))
        items = []
        for a, st in sorted(groups[partner], key=lambda p: p[0].dated.sort_key()):
            why = wording.basis_phrase(st.basis)
            if st.basis == "confirmed" and st.last_confirmed is not None:
                why += f", latest on {st.last_confirmed.date}"
                ref = b.cite(_source_of(a, st.last_confirmed))
            else:
                ref = b.cite(_source_of(a))
            end = f"; term ends {st.term_end}" if st.term_end else ""
            notice = f", notice by {st.notice_by}" if st.notice_by else ""
            items.append([f"{a.title} ({a.id}), {wording.signed_words(a)}: {wording.status_words(st.status)} "
                          f"({why}{end}{notice}) ", *ref])
        b.blocks.append(Block("items", items=items))


def _ahead(b: Briefing, index: Index, f: Filters, as_of: _dt.date, hi: _dt.date, horizon: Span, by_id) -> None:
    b.blocks.append(Block("heading", pieces=[f"What lies ahead: the next {_span_words(horizon)} (to {hi})"]))
    rows = query.deadlines(index, f, as_of, hi)
    if not rows:
        b.blocks.append(Block("paragraph", pieces=["No notice deadline, renewal or term end on record in this window. "
                                                   "Presumed agreements have no dates to project."]))
        return
    what = {"notice": "last day to give notice to stop the automatic renewal",
            "renewal": "renews automatically unless notice was given", "term-end": "term ends"}
    table = []
    for r in rows:
        a, _ = by_id.get(r["id"], (index.get(r["id"]), None))
        flags = ", ".join(w for w, on in (("estimated", r["estimated"]), ("projected", r["projected"])) if on)
        table.append([[r["date"]], [what.get(r["kind"], r["kind"]) + (f" ({flags})" if flags else "")],
                      [f"{a.title} ({a.id}) ", *b.cite(_source_of(a))]])
    b.blocks.append(Block("table", header=["date", "what happens", "agreement"], rows=table))


def _changed(b: Briefing, index: Index, f: Filters, as_of: _dt.date, back: _dt.date, since: Span, by_id) -> None:
    b.blocks.append(Block("heading", pieces=[f"What changed in the last {_span_words(since)} (since {back})"]))
    window = Filters({**f.values, "date_from": PartialDate.from_date(back), "date_to": PartialDate.from_date(as_of)},
                     dated_events=True)
    rows = query.timeline(index, window, as_of)
    if not rows:
        b.blocks.append(Block("paragraph", pieces=["Nothing on record."]))
        return
    items = []
    for r in rows:
        a, _ = by_id.get(r["id"], (index.get(r["id"]), None))
        event = next((e for e in a.events if str(e.date) == r["date"] and e.kind == r["event"]), None)
        detail = r["detail"] if r["detail"] != a.title else ""
        items.append([f"{r['date']}: {r['event']}, {a.title} ({a.id})" + (f": {detail}" if detail else "") + " ",
                      *b.cite(_source_of(a, event))])
    b.blocks.append(Block("items", items=items))


def _open_questions(b: Briefing, chosen) -> None:
    b.blocks.append(Block("heading", pieces=["Open questions"]))
    items = []
    for a, st in chosen:
        reasons = []
        if st.status == "unknown":
            reasons.append({"precision": "a date on record is too coarse to tell its status",
                            "conflict": "the record contradicts itself",
                            "renewal-unknown": f"its fixed term ended on {st.term_end}; renewal not on record"}
                           .get(st.basis, "status unknown"))
        if a.confidence == "low":
            reasons.append("low confidence in the record")
        if reasons:
            items.append([f"{a.title} ({a.id}): {'; '.join(reasons)} ", *b.cite(_source_of(a))])
    b.blocks.append(Block("items", items=items) if items else Block("paragraph", pieces=["None."]))


def _span_words(span: Span) -> str:
    parts = [(span.years, "year"), (span.months, "month"), (span.days, "day")]
    return " ".join(f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n) or "0 days"
