"""The filters, declared once as the library knows them: how a value is read
and checked, and the clause that keeps an agreement.

query.select() applies them. Repeats of one filter are OR, different filters
are AND. How each is written on the command line (flags, help, the commands
that refuse it) is kdefense/cli/options.py's business; the Python API takes
the same names as keyword arguments.
"""

from __future__ import annotations

from typing import Callable

from . import inputs
from .errors import BadValue
from .folding import normalize
from .index import Index
from .status import CURRENT, STATUSES

STATUS_CHOICES = STATUSES + ("current",)


class Filter:
    """One filter.

    name: its key in `Filters` (and the Python API's keyword); many:
    repeatable; read: value -> checked value (raises BadValue naming the
    filter); resolve: values checked against the dataset (raises NotFound);
    lookup: the index table that narrows candidates (partner, type, year), if
    any; keep(agreement, state, values): the query clause, `state` given only
    to filters with `needs_state`; dated_events: in a timeline it selects
    events by their own date instead of agreements; complete: the kind of
    value shell completion offers (see completion.py).
    """

    __slots__ = ("name", "many", "read", "resolve", "lookup", "keep", "needs_state", "dated_events", "complete")

    def __init__(self, name: str, *, many: bool = True, read: Callable[[object], object] = str, resolve=None,
                 lookup: str | None = None, keep=None, needs_state: bool = False, dated_events: bool = False,
                 complete: str | None = None):
        self.name, self.many, self.read, self.resolve, self.lookup = name, many, read, resolve, lookup
        self.keep, self.needs_state, self.dated_events, self.complete = keep, needs_state, dated_events, complete


# -- readers and clauses ----------------------------------------------------------

def _status(value) -> str:
    return inputs.choice("status", value, STATUS_CHOICES, " (current = in-force or presumed-in-force)")


def _keep_status(a, st, values) -> bool:
    return st.status in values or ("current" in values and st.status in CURRENT)


def _text_of(a) -> str:
    return normalize(" ".join(x for x in (a.id, a.title, a.title_ar, a.summary, a.notes) if x))


FILTERS: tuple[Filter, ...] = (
    Filter("partner", resolve=lambda index, values: [index.resolve_partner(v) for v in values], lookup="partner",
           complete="partner"),
    Filter("type", resolve=lambda index, values: [index.resolve_type(v) for v in values], lookup="type",
           complete="type"),
    Filter("status", read=_status, keep=_keep_status, needs_state=True, complete="status"),
    Filter("year", read=lambda v: inputs.year("year", v), lookup="year"),
    Filter("date_from", many=False, read=lambda v: inputs.date("date_from", v), dated_events=True,
           keep=lambda a, st, d: not a.dated.latest() < d.earliest()),
    Filter("date_to", many=False, read=lambda v: inputs.date("date_to", v), dated_events=True,
           keep=lambda a, st, d: not a.dated.earliest() > d.latest()),
    Filter("evidence_since", many=False, read=lambda v: inputs.date("evidence_since", v), needs_state=True,
           keep=lambda a, st, d: st.last_evidence is not None and not st.last_evidence.latest() < d.earliest()),
    Filter("search", resolve=lambda index, values: [normalize(v) for v in values if v.strip()],
           keep=lambda a, st, values: not values or any(v in _text_of(a) for v in values)),
)
BY_NAME = {f.name: f for f in FILTERS}


class Filters:
    """The filter values a query was given: {filter name: [values]} (a single
    value for non-repeatable filters). `dated_events`: the query is a
    timeline, where date_from/date_to select events rather than agreements."""

    __slots__ = ("values", "dated_events", "absent")

    def __init__(self, values: dict | None = None, dated_events: bool = False):
        self.values = {k: v for k, v in (values or {}).items() if v not in (None, [], ())}
        self.dated_events = dated_events
        self.absent: list[str] = []  # set by resolved(): partners given that are real but have nothing on record

    @classmethod
    def read(cls, given: dict[str, object], dated_events: bool = False) -> "Filters":
        """Read values as a caller gives them (text, dates, one value or a
        list for a repeatable filter); refuse an empty date range."""
        values = {}
        for name, raw in given.items():
            if raw in (None, [], ()):
                continue
            f = BY_NAME.get(name)
            if f is None:
                raise BadValue(name, raw, f"there is no filter {name!r}; filters: {', '.join(BY_NAME)}")
            if f.many:
                values[name] = [f.read(t) for t in ([raw] if isinstance(raw, str) or not hasattr(raw, "__iter__")
                                                    else raw)]
            else:
                values[name] = f.read(raw)
        lo, hi = values.get("date_from"), values.get("date_to")
        if lo is not None and hi is not None and hi.latest() < lo.earliest():
            raise BadValue("date range", (lo, hi), f"the range starts ({lo}) after it ends ({hi}); nothing can "
                                                   "match (swap them?)")
        return cls(values, dated_events)

    def get(self, name: str, default=None):
        return self.values.get(name, default)

    def resolved(self, index: Index) -> "Filters":
        """Values checked against the dataset (an unknown partner or type raises NotFound)."""
        out = {}
        for name, v in self.values.items():
            f = BY_NAME[name]
            out[name] = f.resolve(index, v) if f.resolve else v
        resolved = Filters(out, self.dated_events)
        names = [index.absent_name(v) for v in self.values.get("partner", ())]
        self.absent = resolved.absent = [n for n in dict.fromkeys(names) if n]
        return resolved

    def active(self) -> list[tuple[Filter, object]]:
        """(filter, values) pairs that select agreements."""
        return [(BY_NAME[n], v) for n, v in self.values.items()
                if not (self.dated_events and BY_NAME[n].dated_events)]
