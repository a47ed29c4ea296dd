"""The validated records: plain slotted classes, no I/O, no CLI."""

from __future__ import annotations

from .dates import PartialDate, Span

RENEWALS = ("automatic", "by-agreement", "none", "indefinite", "unknown")
EVENT_KINDS = ("ratified", "renewed", "extended", "amended", "denounced", "terminated", "superseded")
RELATIONS = ("based-on", "extends", "implements", "renews", "supersedes", "amends", "part-of", "related")
CONFIDENCE = ("high", "medium", "low")
PARTNER_KINDS = ("state", "organisation", "group")
STATUSES = ("in-force", "signed", "expired", "terminated", "superseded", "unknown")


class _Record:
    """Plain slotted records: equality and repr from their fields.

    (Hand-written instead of dataclasses: creating dataclasses at import time
    cost more than a whole query on the bundled dataset.)
    """

    __slots__ = ()

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other) -> bool:
        return type(other) is type(self) and self._values() == other._values()

    __hash__ = None  # mutable

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({inner})"


class Source(_Record):
    __slots__ = ("title", "publisher", "url", "date")

    def __init__(self, title: str | None, publisher: str | None, url: str | None, date: PartialDate | None):
        self.title = title
        self.publisher = publisher
        self.url = url
        self.date = date

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "publisher": self.publisher,
            "url": self.url,
            "date": str(self.date) if self.date else None,
        }


class Event(_Record):
    __slots__ = ("date", "kind", "instrument", "number", "until", "years", "note", "source")

    def __init__(self, date: PartialDate, kind: str, instrument: str | None = None, number: str | None = None,
                 until: PartialDate | None = None, years: int | None = None, note: str | None = None,
                 source: int | None = None):
        self.date = date
        self.kind = kind
        self.instrument = instrument
        self.number = number
        self.until = until
        self.years = years
        self.note = note
        self.source = source

    def as_dict(self) -> dict:
        return {
            "date": str(self.date),
            "kind": self.kind,
            "instrument": self.instrument,
            "number": self.number,
            "until": str(self.until) if self.until else None,
            "years": self.years,
            "note": self.note,
            "source": self.source,
        }


class Term(_Record):
    __slots__ = ("years", "months", "days", "renewal", "renewal_years", "notice_months", "notice_days")

    def __init__(self, years: int | None = None, months: int | None = None, days: int | None = None,
                 renewal: str = "unknown", renewal_years: int | None = None,
                 notice_months: int | None = None, notice_days: int | None = None):
        self.years = years
        self.months = months
        self.days = days
        self.renewal = renewal
        self.renewal_years = renewal_years
        self.notice_months = notice_months
        self.notice_days = notice_days

    @property
    def duration(self) -> Span | None:
        if not (self.years or self.months or self.days):
            return None
        return Span(self.years or 0, self.months or 0, self.days or 0)

    @property
    def renewal_span(self) -> Span | None:
        return Span(self.renewal_years) if self.renewal_years else None

    @property
    def notice(self) -> Span | None:
        if self.notice_months:
            return Span(months=self.notice_months)
        if self.notice_days:
            return Span(days=self.notice_days)
        return None

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}


class Related(_Record):
    __slots__ = ("id", "relation")

    def __init__(self, id: str, relation: str):  # noqa: A002 - the dataset's field name
        self.id = id
        self.relation = relation


class Partner(_Record):
    __slots__ = ("id", "name", "kind", "iso", "aliases")

    def __init__(self, id: str, name: str, kind: str | None = None, iso: list[str] | None = None,  # noqa: A002
                 aliases: list[str] | None = None):
        self.id = id
        self.name = name
        self.kind = kind
        self.iso = iso if iso is not None else []
        self.aliases = aliases if aliases is not None else []


class Agreement(_Record):
    __slots__ = ("id", "partner", "title", "type", "signed", "title_ar", "place", "in_force", "term",
                 "events", "related", "summary", "sources", "confidence", "notes", "line")

    def __init__(self, id: str, partner: str, title: str, type: str, signed: PartialDate,  # noqa: A002
                 title_ar: str | None = None, place: str | None = None, in_force: PartialDate | None = None,
                 term: Term | None = None, events: list[Event] | None = None,
                 related: list[Related] | None = None, summary: str | None = None,
                 sources: list[Source] | None = None, confidence: str | None = None,
                 notes: str | None = None, line: int = 0):
        self.id = id
        self.partner = partner
        self.title = title
        self.type = type
        self.signed = signed
        self.title_ar = title_ar
        self.place = place
        self.in_force = in_force
        self.term = term if term is not None else Term()
        self.events = events if events is not None else []
        self.related = related if related is not None else []
        self.summary = summary
        self.sources = sources if sources is not None else []
        self.confidence = confidence
        self.notes = notes
        self.line = line


class Dataset(_Record):
    """`agreements` is a list, or a lazily built sequence when loaded from the
    cache; `positions` is then the index the cache kept (see index.py)."""

    __slots__ = ("path", "partners", "types", "agreements", "positions")

    def __init__(self, path: str, partners: dict[str, Partner], types: dict[str, str],
                 agreements, positions: dict | None = None):
        self.path = path
        self.partners = partners
        self.types = types
        self.agreements = agreements
        self.positions = positions
