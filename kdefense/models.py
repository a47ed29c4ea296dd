"""The validated records: plain dataclasses, no I/O, no CLI."""

from __future__ import annotations

from dataclasses import dataclass, field

from .dates import PartialDate, Span

RENEWALS = ("automatic", "by-agreement", "none", "indefinite", "unknown")
EVENT_KINDS = ("ratified", "renewed", "extended", "amended", "denounced", "terminated", "superseded")
RELATIONS = ("based-on", "extends", "implements", "renews", "supersedes", "amends", "part-of", "related")
CONFIDENCE = ("high", "medium", "low")
PARTNER_KINDS = ("state", "organisation", "group")
STATUSES = ("in-force", "signed", "expired", "terminated", "superseded", "unknown")


@dataclass(slots=True)
class Source:
    title: str | None
    publisher: str | None
    url: str | None
    date: PartialDate | None

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "publisher": self.publisher,
            "url": self.url,
            "date": str(self.date) if self.date else None,
        }


@dataclass(slots=True)
class Event:
    date: PartialDate
    kind: str
    instrument: str | None = None
    number: str | None = None
    until: PartialDate | None = None
    years: int | None = None
    note: str | None = None
    source: int | None = None

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


@dataclass(slots=True)
class Term:
    years: int | None = None
    months: int | None = None
    days: int | None = None
    renewal: str = "unknown"
    renewal_years: int | None = None
    notice_months: int | None = None
    notice_days: int | None = None

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
        return {
            "years": self.years,
            "months": self.months,
            "days": self.days,
            "renewal": self.renewal,
            "renewal_years": self.renewal_years,
            "notice_months": self.notice_months,
            "notice_days": self.notice_days,
        }


@dataclass(slots=True)
class Related:
    id: str
    relation: str


@dataclass(slots=True)
class Partner:
    id: str
    name: str
    kind: str | None = None
    iso: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Agreement:
    id: str
    partner: str
    title: str
    type: str
    signed: PartialDate
    title_ar: str | None = None
    place: str | None = None
    in_force: PartialDate | None = None
    term: Term = field(default_factory=Term)
    events: list[Event] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    summary: str | None = None
    sources: list[Source] = field(default_factory=list)
    confidence: str | None = None
    notes: str | None = None
    line: int = 0


@dataclass(slots=True)
class Dataset:
    path: str
    partners: dict[str, Partner]
    types: dict[str, str]
    agreements: list[Agreement]
