"""The filters, declared once: how each is written on the command line, how its
values are read and checked, and the clause that keeps an agreement.

`list`, `expiring`, `deadlines`, `timeline` and `chart` take them all (cli.py
builds their options from FILTERS); query.select() applies them. A new filter
is one `Filter` here. Repeats of one filter are OR, different filters are AND.

Where a filter would mean something else in a command (`--year` "signed in"
next to `expiring 2029` "ending in"), the command refuses it with a message
naming the option to use (`refused`).
"""

from __future__ import annotations

from typing import Callable

from .dates import DateError, PartialDate, parse_span, parse_user_date
from .errors import UsageError
from .index import Index, normalize
from .status import CURRENT, STATUSES

STATUS_CHOICES = STATUSES + ("current",)


class Filter:
    """One filter option.

    name: its key in `Filters`; flags: how it is written; many: repeatable;
    read: text -> value (raises UsageError); resolve: values checked against
    the dataset; lookup: the index table that narrows candidates (partner,
    type, year), if any; keep(agreement, state, values): the query clause,
    `state` given only to filters with `needs_state`; events_in: commands
    where it selects events by their own date instead of agreements;
    refused: command -> what to use there instead; complete: the kind of
    value shell completion offers (see complete.py).
    """

    __slots__ = ("name", "flags", "metavar", "help", "many", "read", "resolve", "lookup", "keep", "needs_state",
                 "events_in", "refused", "complete")

    def __init__(self, name: str, flags: tuple[str, ...], metavar: str, help: str, *, many: bool = True,  # noqa: A002
                 read: Callable[[str], object] = str, resolve=None, lookup: str | None = None, keep=None,
                 needs_state: bool = False, events_in: tuple[str, ...] = (), refused: dict[str, str] | None = None,
                 complete: str | None = None):
        self.name, self.flags, self.metavar, self.help, self.many = name, flags, metavar, help, many
        self.read, self.resolve, self.lookup, self.keep = read, resolve, lookup, keep
        self.needs_state, self.events_in, self.refused = needs_state, events_in, refused or {}
        self.complete = complete  # what shell completion offers (complete.candidates kind)

    @property
    def flag(self) -> str:
        return self.flags[0]


# -- readers and clauses ----------------------------------------------------------

def _year(text: str) -> int:
    t = text.strip()
    if not (t.isascii() and t.isdigit() and len(t) == 4):
        raise UsageError(f"--year: {text!r} is not a year (expected e.g. 2023)")
    return int(t)


def user_date(flag: str, text: str) -> PartialDate:
    """A date given for option `flag`; a usage error naming the option if it cannot be read."""
    try:
        return parse_user_date(text)
    except DateError as exc:
        raise UsageError(f"{flag}: {exc}") from None


def user_span(flag: str, text: str):
    """A span (18m, 2y) given for option `flag`; a usage error naming the option if it cannot be read."""
    try:
        return parse_span(text)
    except DateError as exc:
        raise UsageError(f"{flag}: {exc}") from None


def _date(flag: str):
    return lambda text: user_date(flag, text)


def _status(text: str) -> str:
    s = text.strip().lower()
    if s not in STATUS_CHOICES:
        raise UsageError(f"unknown status {text!r}; expected one of: {', '.join(STATUS_CHOICES)} "
                         "(current = in-force or presumed-in-force)")
    return s


def _keep_status(a, st, values) -> bool:
    return st.status in values or ("current" in values and st.status in CURRENT)


def _text_of(a) -> str:
    return normalize(" ".join(x for x in (a.id, a.title, a.title_ar, a.summary, a.notes) if x))


_NOT_HERE_YEAR = {
    "expiring": "give the year whose term ends you want as the argument: 'kdefense expiring 2029'",
    "deadlines": "use --within SPAN for how far ahead to look",
    "timeline": "use --from YEAR --to YEAR for the events of a year",
    "report": "a briefing covers what is on record up to --as-of; narrow it with --partner, --type or --search",
}
_NOT_HERE_RANGE = {
    "expiring": "give a YEAR, YYYY-MM or DATE argument, or --within SPAN / --before DATE, for when terms end",
    "deadlines": "use --within SPAN for how far ahead to look",
    "report": "a briefing covers what is on record up to --as-of; narrow it with --partner, --type or --search; "
              "--horizon and --since set its windows",
}

FILTERS: tuple[Filter, ...] = (
    Filter("partner", ("--partner", "-p"), "P",
           "Partner id, name, ISO code or alias, in any script (russia, RU, روسيا). Repeatable.",
           resolve=lambda index, values: [index.resolve_partner(v) for v in values], lookup="partner",
           complete="partner"),
    Filter("type", ("--type", "-t"), "T", "Agreement type (see 'kdefense types'). Repeatable.",
           resolve=lambda index, values: [index.resolve_type(v) for v in values], lookup="type", complete="type"),
    Filter("status", ("--status", "-s"), "S",
           f"Status as of --as-of: {', '.join(STATUS_CHOICES)} (in force or presumed). Repeatable.",
           read=_status, keep=_keep_status, needs_state=True, complete="status"),
    Filter("year", ("--year", "-y"), "YEAR", "Signed in this year. Repeatable.", read=_year, lookup="year",
           refused=_NOT_HERE_YEAR),
    Filter("date_from", ("--from",), "DATE",
           "Signed on or after this date (in timeline: events on or after it).", many=False, read=_date("--from"),
           keep=lambda a, st, d: not a.signed.latest() < d.earliest(), events_in=("timeline",),
           refused=_NOT_HERE_RANGE),
    Filter("date_to", ("--to",), "DATE",
           "Signed on or before this date (in timeline: events on or before it).", many=False, read=_date("--to"),
           keep=lambda a, st, d: not a.signed.earliest() > d.latest(), events_in=("timeline",),
           refused=_NOT_HERE_RANGE),
    Filter("search", ("--search",), "TEXT", "Text in the id, title, summary or notes. Repeatable.",
           resolve=lambda index, values: [normalize(v) for v in values if v.strip()],
           keep=lambda a, st, values: not values or any(v in _text_of(a) for v in values)),
)
BY_NAME = {f.name: f for f in FILTERS}


class Filters:
    """The filter values a command was given: {filter name: [values]} (a
    single value for non-repeatable filters), for one command."""

    __slots__ = ("values", "command")

    def __init__(self, values: dict | None = None, command: str = "list"):
        self.values = {k: v for k, v in (values or {}).items() if v not in (None, [], ())}
        self.command = command

    @classmethod
    def from_text(cls, given: dict[str, object], command: str) -> "Filters":
        """Read the texts given on the command line; refuse what this
        command does not take, and an empty date range."""
        values = {}
        for name, raw in given.items():
            if raw in (None, [], ()):
                continue
            f = BY_NAME[name]
            if command in f.refused:
                raise UsageError(f"{f.flag} selects by signature date, which is not what '{command}' is about: "
                                 f"{f.refused[command]}")
            values[name] = [f.read(t) for t in raw] if f.many else f.read(raw)
        lo, hi = values.get("date_from"), values.get("date_to")
        if lo is not None and hi is not None and hi.latest() < lo.earliest():
            raise UsageError(f"--from {lo} is after --to {hi}; nothing can match (swap them?)")
        return cls(values, command)

    def get(self, name: str, default=None):
        return self.values.get(name, default)

    def resolved(self, index: Index) -> "Filters":
        """Values checked against the dataset (unknown partner or type: usage error)."""
        out = {}
        for name, v in self.values.items():
            f = BY_NAME[name]
            out[name] = f.resolve(index, v) if f.resolve else v
        return Filters(out, self.command)

    def active(self) -> list[tuple[Filter, object]]:
        """(filter, values) pairs that select agreements in this command."""
        return [(BY_NAME[n], v) for n, v in self.values.items() if self.command not in BY_NAME[n].events_in]
