"""The briefing behind `kdefense report`: what is in force, what lies ahead,
what changed, what is open, and the numbered sources, as of one day.

It leads with the answer: a summary by partner (in force on a term, presumed
with recent evidence, presumed on old evidence only, dormant, ended), what
each of those means (once), what lies ahead (notice deadlines first), what
changed; then the agreements in force or presumed, partner by partner, the
open questions (each a question, with what would settle it) and the sources.

It is built as a small document (headings, paragraphs, lists, tables) whose
text pieces are plain strings, source references (Ref) or ids and dates that
must not break (Code); render/report.py writes it as Markdown or as one HTML
page. No formatting here.
"""

from __future__ import annotations

import datetime as _dt

from . import query, status, wording
from .dates import DateError, PartialDate, Span
from .filters import Filters
from .index import Index
from .models import Agreement, Source


class Ref:
    """A reference to a numbered source, as [n]."""

    __slots__ = ("number",)

    def __init__(self, number: int):
        self.number = number


class Code:
    """An id or a date: text that is never broken across lines."""

    __slots__ = ("text",)

    def __init__(self, text):
        self.text = str(text)


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

    __slots__ = ("title", "as_of", "blocks", "sources", "chart", "chart_at")
    kind = "briefing"
    empty = False

    def __init__(self, title: str, as_of: _dt.date):
        self.title, self.as_of = title, as_of
        self.blocks: list[Block] = []
        self.sources: list[Source] = []
        self.chart = None  # a chart_model.Chart, for pages that show one
        self.chart_at = 0  # where a page shows it: after the summary

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
          with_chart: bool = False, chart_all: bool = False) -> Briefing:
    """The briefing of the agreements `f` selects, as of `as_of`; `with_chart`:
    the chart of those in force or presumed in force (all of them with
    `chart_all`)."""
    b = Briefing(f"Kuwait's defence agreements: briefing as of {as_of}", as_of)
    chosen = query.select(index, f, as_of)
    by_id = {a.id: (a, st) for a, st in chosen}
    _summary(b, index, chosen)
    b.chart_at = len(b.blocks)
    lo, hi = query.window_within(as_of, horizon)
    _ahead(b, index, f, as_of, hi, horizon, by_id)
    _changed(b, index, f, as_of, _back(as_of, since), since, by_id)
    _current(b, index, chosen)
    _open_questions(b, chosen)
    if with_chart:
        from . import chart_model  # noqa: PLC0415

        shown = f if chart_all else Filters({**f.values, "status": ["current"]}, f.dated_events)
        b.chart = chart_model.build(index, shown, as_of)
    return b


def _back(as_of: _dt.date, span: Span) -> _dt.date:
    """`span` before `as_of`, or the calendar's first day."""
    try:
        return PartialDate.from_date(as_of).shift(span, -1).earliest()
    except DateError:
        return _dt.date.min


# The summary's columns: (header, phrase, what it counts); each explained once, under the table.
GRADES = (
    ("in force", "in force", "in force on a term on record (or with no fixed term)"),
    ("presumed, recent evidence", "presumed in force with recent evidence",
     "presumed in force: it started, nothing on record ended it, its term is not on record, and the latest "
     "evidence on record is under 5 years old"),
    ("presumed, old evidence only", "presumed in force on old evidence only",
     "presumed in force on evidence 5 years old or more (often only its signature)"),
    ("dormant", "dormant", "nothing on record ended it, but what it served has ended (a deployment withdrew)"),
    ("not in force", "not in force", "signed and awaiting approval, ended (expired, terminated, superseded), or a "
                                     "one-off contract carried out"),
)


def _grade(st, as_of: _dt.date) -> int | None:
    """Which summary column an agreement's state falls in (None: unknown or not yet signed)."""
    if st.status == "in-force":
        return 0
    if st.status == "presumed-in-force":
        return 1 if query.evidence_is_recent(st, as_of) else 2
    if st.status == "dormant":
        return 3
    if st.status in ("signed", "expired", "terminated", "superseded", "concluded"):
        return 4
    return None


def _summary(b: Briefing, index: Index, chosen) -> None:
    totals = [0] * len(GRADES)
    unknown = 0
    by_partner: dict[str, list[int]] = {}
    for a, st in chosen:
        g = _grade(st, b.as_of)
        if g is None:
            unknown += st.status is not None
            continue
        totals[g] += 1
        by_partner.setdefault(index.dataset.partners[a.partner].name, [0] * len(GRADES))[g] += 1
    parts = [f"{n} {phrase}" for (_, phrase, _), n in zip(GRADES, totals) if n]
    if unknown:
        parts.append(f"{unknown} of unknown status")
    b.blocks.append(Block("paragraph", pieces=[
        f"{len(chosen)} agreements on record as of ", Code(b.as_of), f": {'; '.join(parts) or 'none'}."]))
    rows = [[[name], *[[str(n) if n else ""] for n in counts]]
            for name, counts in sorted(by_partner.items(), key=lambda kv: (-sum(kv[1][:3]), kv[0]))]
    b.blocks.append(Block("table", header=["partner", *[name for name, _, _ in GRADES]], rows=rows))
    b.blocks.append(Block("items", items=[[f"{name}: {meaning}."] for name, _, meaning in GRADES] + [[
        "Presumed follows the convention of treaty registries (an agreement is listed as in force until it is "
        "known to have ended); kdefense reads news and gazettes as a third party, so a presumption is only as "
        "good as its latest evidence."]]))


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
            if st.status == "presumed-in-force":
                seen = st.last_confirmed.date if st.last_confirmed is not None else st.last_evidence
                why = ["presumed; latest evidence ", Code(seen)] if seen else ["presumed"]
                ref = b.cite(_source_of(a, st.last_confirmed))
            else:
                why = ["in force"] + ([", term ends ", Code(st.term_end)] if st.term_end else [])
                why += [", notice by ", Code(st.notice_by)] if st.notice_by else []
                ref = b.cite(_source_of(a))
            items.append([f"{a.title} (", Code(a.id), f"), {wording.signed_words(a)}: ", *why, " ", *ref])
        b.blocks.append(Block("items", items=items))


AHEAD_ORDER = {"notice": 0, "renewal": 1, "term-end": 2}


def _ahead(b: Briefing, index: Index, f: Filters, as_of: _dt.date, hi: _dt.date, horizon: Span, by_id) -> None:
    b.blocks.append(Block("heading", pieces=[f"What lies ahead: the next {_span_words(horizon)} (to ", Code(hi), ")"]))
    rows = query.deadlines(index, f, as_of, hi)
    if not rows:
        b.blocks.append(Block("paragraph", pieces=["No notice deadline, renewal or term end on record in this window. "
                                                   "Presumed agreements have no dates to project."]))
        return
    what = {"notice": "last day to give notice to stop the automatic renewal",
            "renewal": "renews automatically unless notice was given", "term-end": "term ends"}
    table = []
    for r in sorted(rows, key=lambda r: (AHEAD_ORDER.get(r["kind"], 3), r["date"])):  # notice deadlines first
        a, _ = by_id.get(r["id"], (index.get(r["id"]), None))
        flags = ", ".join(w for w, on in (("estimated", r["estimated"]), ("projected", r["projected"])) if on)
        table.append([[Code(r["date"])], [what.get(r["kind"], r["kind"]) + (f" ({flags})" if flags else "")],
                      [f"{a.title} (", Code(a.id), ") ", *b.cite(_source_of(a))]])
    b.blocks.append(Block("table", header=["date", "what happens", "agreement"], rows=table))


def _changed(b: Briefing, index: Index, f: Filters, as_of: _dt.date, back: _dt.date, since: Span, by_id) -> None:
    b.blocks.append(Block("heading", pieces=[f"What changed in the last {_span_words(since)} (since ", Code(back), ")"]))
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
        items.append([Code(r["date"]), f": {r['event']}, {a.title} (", Code(a.id), ")"
                      + (f": {detail}" if detail else "") + " ", *b.cite(_source_of(a, event))])
    b.blocks.append(Block("items", items=items))


def _question(a: Agreement, st) -> str | None:
    """What is open about an agreement, as a question with what would settle it."""
    if st.basis == "renewal-unknown":
        return (f"Was it renewed when its term ended on {st.term_end}? A renewal, an extension or a later "
                "official statement that it applies would settle it.")
    if st.basis == "precision":
        return ("When exactly was it signed, or did it enter into force? A dated source would settle its status "
                f"on {st.start if st.start else 'that day'}.")
    if st.basis == "conflict":
        return (f"Did it end on {st.term_end}, as recorded, though a source shows it operating later? One of the "
                "two sources is wrong.")
    if st.basis == "approval-pending":
        return ("Has the other party approved it? Its approval, or a notice of entry into force, would settle "
                "its status.")
    if a.confidence == "low":
        return _low_confidence_question(a)
    return None


def _low_confidence_question(a: Agreement) -> str:
    """The question a low-confidence record leaves: what it lacks most."""
    lowered = a.title.lower()
    if "not named" in lowered or "not stated" in lowered:
        return ("What is it? Its subject or title is not on record; the text or an official list of the "
                "instruments signed would settle it.")
    if a.signed is not None and a.signed.month is None:
        return ("When was it signed, and is it the instrument the sources describe? Only the year is on record; "
                "the text, a gazette entry or a dated official report would settle it.")
    if len(a.sources) == 1:
        publisher = a.sources[0].publisher or "one source"
        return (f"Did it happen as recorded? It rests on one report ({publisher}); a second, independent report "
                "or an official text would settle it.")
    return ("Is it the instrument the sources describe? They report it indirectly; the text, a gazette entry or "
            "an official statement would settle it.")


def _open_questions(b: Briefing, chosen) -> None:
    b.blocks.append(Block("heading", pieces=["Open questions"]))
    items = []
    for a, st in chosen:
        question = _question(a, st)
        if question:
            items.append([f"{a.title} (", Code(a.id), f"): {question} ", *b.cite(_source_of(a))])
    b.blocks.append(Block("items", items=items) if items else Block("paragraph", pieces=["None."]))


def _span_words(span: Span) -> str:
    parts = [(span.years, "year"), (span.months, "month"), (span.days, "day")]
    return " ".join(f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n) or "0 days"
