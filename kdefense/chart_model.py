"""The chart's model: one row per agreement on a shared year axis, with its
terms as segments and its dated steps as markers. No drawing here: the
terminal chart (render/chart_terminal.py) and the file chart (render/chart_file.py)
draw the same model.

Segments: `term` (a term on record, or an automatic renewal that has
happened), `projected` (automatic renewals after --as-of), `presumed` (in
force by presumption: open-ended at --as-of), `unknown` (ended, renewal not
on record). Markers: `signed`, `in-force`, `renewal`, `confirmed`, `notice`
(last day to stop a renewal), `ended` (terminated, superseded or expired).
"""

from __future__ import annotations

import datetime as _dt
import re

from . import terms, wording
from .dates import AFTER, PartialDate
from .filters import Filters
from .index import Index
from .models import Agreement
from .query import select

# What each kind of segment and marker means, in the order legends list them:
# the one legend both chart renderers (terminal and file) draw.
LEGEND = {
    "term": "term on record",
    "projected": "projected automatic renewal",
    "presumed": "presumed in force (no term on record, open-ended)",
    "presumed-old": "presumed in force, latest evidence over 10 years old",
    "unknown": "status unknown (renewal not on record, or a date too coarse)",
    "contract": "one-off contract (concluded)",
    "signed": "signed",
    "in-force": "entry into force",
    "renewal": "renewal",
    "confirmed": "a source shows it operating",
    "notice": "last day for notice",
    "ended": "ended",
    "purpose-ended": "what it served ended (dormant from then)",
}
SEGMENT_KINDS = ("term", "projected", "presumed", "presumed-old", "unknown")
MARKER_KINDS = ("signed", "in-force", "renewal", "confirmed", "notice", "ended", "purpose-ended")

HORIZON_YEARS = 8  # how far past --as-of the axis runs (projected renewals stop there)


class Segment:
    __slots__ = ("start", "end", "kind", "open_end")

    def __init__(self, start: _dt.date, end: _dt.date, kind: str, open_end: bool = False):
        self.start, self.end, self.kind, self.open_end = start, end, kind, open_end

    def __repr__(self) -> str:
        return f"Segment({self.start}..{self.end} {self.kind}{' open' if self.open_end else ''})"


class Marker:
    __slots__ = ("date", "kind", "label")

    def __init__(self, date: PartialDate, kind: str, label: str = ""):
        self.date, self.kind, self.label = date, kind, label

    @property
    def day(self) -> _dt.date:
        return self.date.earliest()

    def __repr__(self) -> str:
        return f"Marker({self.date} {self.kind})"


class Row:
    __slots__ = ("id", "partner", "partner_name", "label", "title", "type", "signed", "status", "basis",
                 "term_end", "segments", "markers")

    def __init__(self, a: Agreement, partner_name: str, state, segments: list[Segment], markers: list[Marker]):
        self.id, self.partner, self.partner_name = a.id, a.partner, partner_name
        self.label = short_label(a)
        self.title, self.type, self.signed = a.title, a.type, a.dated
        self.status, self.basis, self.term_end = state.status, state.basis, state.term_end
        self.segments, self.markers = segments, markers


class Chart:
    """The chart as a document: rows grouped by partner on an axis from
    `start` to `end`, as of one day. `kinds_drawn()`: the segment and marker
    kinds its rows use (what a legend needs to explain)."""

    __slots__ = ("rows", "start", "end", "as_of")
    kind = "chart"

    def __init__(self, rows: list[Row], start: _dt.date, end: _dt.date, as_of: _dt.date):
        self.rows, self.start, self.end, self.as_of = rows, start, end, as_of

    @property
    def empty(self) -> bool:
        return not self.rows

    def kinds_drawn(self) -> set[str]:
        kinds = {s.kind for r in self.rows for s in r.segments}
        kinds |= {m.kind for r in self.rows for m in r.markers if self.start <= m.day <= self.end}
        if any(r.status == "concluded" for r in self.rows):
            kinds.add("contract")
        return kinds

    def groups(self) -> list[tuple[str, list[Row]]]:
        """Rows grouped by partner, in the order the partners first appear."""
        out: dict[str, list[Row]] = {}
        for r in self.rows:
            out.setdefault(r.partner_name, []).append(r)
        return list(out.items())


def year_ticks(first: int, last: int, most: int) -> list[int]:
    """Round years from `first` to `last`, at most `most` of them (at least
    one), a step of 1, 2 or 5 times a power of ten apart: ticks that suit a
    span of any length, from a few years to the whole calendar."""
    span = max(1, last - first + 1)
    step = next(m * 10 ** k for k in range(5) for m in (1, 2, 5) if span / (m * 10 ** k) <= max(1, most))
    first_tick = max(1, (first + step - 1) // step * step)
    return list(range(first_tick, last + 1, step)) or [first]


_ABOUT = re.compile(r"^(?P<kind>.*?)\s+between\b.*?\b(?P<rest>(?:on|concerning|regarding|for|in the fields? of)\b.*)$",
                    re.I)


def short_title(title: str, limit: int = 44) -> str:
    """A title a chart row can carry: `Agreement between the Government of
    ... on military-technical cooperation` becomes `Agreement on
    military-technical cooperation`; cut at `limit` with an ellipsis."""
    m = _ABOUT.match(title)
    text = f"{m.group('kind')} {m.group('rest')}" if m and len(m.group("kind")) < 40 else title
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def short_label(a: Agreement) -> str:
    """`2023 Agreement on military-technical cooperation`: the year and a short title."""
    year = a.signed.year if a.signed is not None else f"<{a.signed_before.year}"
    return f"{year} {short_title(a.title)}"


def build(index: Index, f: Filters, as_of: _dt.date) -> Chart:
    """The chart of the agreements `f` selects, grouped by partner (partners in
    order of their first agreement), each partner's rows by signature."""
    chosen = [(a, st) for a, st in select(index, f, as_of) if st.status is not None]  # signed by then
    end = _dt.date(min(as_of.year + HORIZON_YEARS, 9999), 12, 31)
    first_signed: dict[str, tuple] = {}
    for a, _ in chosen:
        key = a.dated.sort_key()
        if a.partner not in first_signed or key < first_signed[a.partner]:
            first_signed[a.partner] = key
    chosen.sort(key=lambda pair: (first_signed[pair[0].partner], pair[0].partner, pair[0].dated.sort_key(), pair[0].id))
    rows = []
    for a, st in chosen:
        segments, markers = _drawn(index, a, st, as_of, end)
        rows.append(Row(a, index.dataset.partners[a.partner].name, st, segments, markers))
    start_year = min((r.signed.year for r in rows), default=max(1, as_of.year - 10))
    return Chart(rows, _dt.date(max(1, min(start_year - 1, as_of.year)), 1, 1), end, as_of)


def _drawn(index: Index, a: Agreement, st, as_of: _dt.date, axis_end: _dt.date) -> tuple[list[Segment], list[Marker]]:
    """The row's segments and markers (a one-off contract has markers only)."""
    markers = _recorded_markers(a)
    if st.status == "concluded" or st.status is None:
        return [], markers
    segments, computed, last_end, begin = _terms_drawn(index, a, st, as_of, axis_end)
    segments += _after_terms(a, st, as_of, axis_end, last_end, begin, bool(segments))
    return _merged(segments), sorted(markers + _nearest(computed, as_of), key=lambda m: m.date.sort_key())


MAX_COMPUTED_MARKERS = 24  # per row: centuries of automatic renewals would be thousands of marks


def _merged(segments: list[Segment]) -> list[Segment]:
    """Back-to-back segments of one kind drawn as one (a term renewed for
    centuries is one bar, not a thousand)."""
    out: list[Segment] = []
    for seg in segments:
        last = out[-1] if out else None
        if last is not None and last.kind == seg.kind and last.end >= seg.start and not last.open_end:
            last.end, last.open_end = max(last.end, seg.end), seg.open_end
        else:
            out.append(seg)
    return out


def _nearest(markers: list[Marker], as_of: _dt.date) -> list[Marker]:
    """The computed renewal and notice marks nearest to `as_of`, at most MAX_COMPUTED_MARKERS."""
    if len(markers) <= MAX_COMPUTED_MARKERS:
        return markers
    return sorted(markers, key=lambda m: abs((m.day - as_of).days))[:MAX_COMPUTED_MARKERS]


def _recorded_markers(a: Agreement) -> list[Marker]:
    """Signature, entry into force, and the recorded events that a chart shows."""
    markers = [Marker(a.signed, "signed", "signed")] if a.signed is not None else []
    if a.in_force is not None:
        markers.append(Marker(a.in_force, "in-force", "entry into force"))
    shown = {"renewed": "renewal", "extended": "renewal", "confirmed": "confirmed", "terminated": "ended",
             "superseded": "ended", "purpose-ended": "purpose-ended"}
    for e in a.events:
        if e.kind in shown:
            markers.append(Marker(e.date, shown[e.kind], "confirmed operating" if e.kind == "confirmed" else e.kind))
    return markers


def _terms_drawn(index: Index, a: Agreement, st, as_of: _dt.date, axis_end: _dt.date):
    """(segments, markers, last final end, start of the last term) for the
    terms the engine gives, up to the axis's end."""
    start, _, _ = terms.start_of(a)
    segments: list[Segment] = []
    markers: list[Marker] = []
    begin, last_end = start.earliest(), None
    for end in index.ends(a):
        day = end.date.earliest()
        if day > axis_end:
            segments.append(Segment(begin, axis_end, _kind_of(a, end, as_of), open_end=True))
            break
        segments.append(Segment(begin, day, _kind_of(a, end, as_of)))
        if end.notice_by is not None and end.notice_by.earliest() <= axis_end:
            markers.append(Marker(end.notice_by, "notice", "notice deadline"))
        if end.kind == terms.RENEWAL and end.automatic:
            markers.append(Marker(end.date, "renewal", "renewed automatically"))
        if end.final:
            if end.kind == terms.TERM_END and end.date.locate(as_of) is AFTER and st.status == "expired":
                markers.append(Marker(end.date, "ended", "expired"))
            last_end = day
            break
        begin = day
    return segments, markers, last_end, begin


def _after_terms(a: Agreement, st, as_of: _dt.date, axis_end: _dt.date, last_end, begin,
                 has_terms: bool) -> list[Segment]:
    """What follows the terms on record: an open-ended indefinite term, a
    presumption, or an unknown stretch up to --as-of."""
    if not has_terms and a.term.renewal == "indefinite" and st.status == "in-force":
        return [Segment(begin, axis_end, "term", open_end=True)]
    if st.status == "presumed-in-force":
        frm = last_end or begin
        old = st.last_evidence is None or st.last_evidence.latest() < _years_before(as_of, wording.SINCE_YEARS)
        return [Segment(frm, max(frm, as_of), "presumed-old" if old else "presumed", open_end=True)]
    if st.status == "dormant":  # presumed until what it served ended
        frm = last_end or begin
        return [Segment(frm, max(frm, st.purpose_ended.date.earliest()), "presumed")]
    if st.status == "unknown" and (last_end is not None and st.basis == "renewal-unknown" or not has_terms):
        frm = last_end or begin
        return [Segment(frm, max(frm, as_of), "unknown", open_end=True)]
    return []


def _years_before(day: _dt.date, years: int) -> _dt.date:
    return day.replace(year=max(1, day.year - years), day=min(day.day, 28))


def _kind_of(a: Agreement, end: terms.End, as_of: _dt.date) -> str:
    """A term that has happened, or is running, is on record; terms that only
    projected automatic renewals reach are lighter; an agreement with no term
    on record that something ended was presumed in force until then."""
    if end.kind in terms.ENDING_KINDS and not a.term.fixed and a.term.renewal != "indefinite":
        return "presumed"
    return "projected" if end.projected(as_of) else "term"
