"""The Python API: the questions the command line answers, for notebooks
and scripts. No printing, no exits, no command line.

    import kdefense
    data = kdefense.load()                      # the bundled dataset; kdefense.load(path) for another
    rows = data.list(partner="russia", as_of="2026-12-04")
    import pandas as pd; pd.DataFrame(rows)

Every method returns the rows `--format json` prints, as Python values
(dates as ISO text at their precision). Filters are keyword arguments named
as the filters (partner, type, status, year, date_from, date_to, search,
evidence_since), each taking one value or a list; `as_of` takes a
`datetime.date` or a date string (default: today). Errors are the library's
exceptions (kdefense.NotFound, kdefense.BadValue, kdefense.DataError...).
"""

from __future__ import annotations

import datetime as _dt

from . import inputs, query
from .dataset import load as _load_dataset
from .filters import BY_NAME, Filters
from .index import Index

ALIASES = {"from_": "date_from", "to": "date_to"}  # `from` is a Python keyword


class Kdefense:
    """A loaded dataset, ready to answer; made by `kdefense.load()`."""

    def __init__(self, index: Index):
        self._index = index

    def __repr__(self) -> str:
        return f"<kdefense dataset {self._index.dataset.path!r}: {len(self._index.dataset.agreements)} agreements>"

    # -- helpers -------------------------------------------------------------
    def _day(self, as_of) -> _dt.date:
        return _dt.date.today() if as_of is None else inputs.day("as_of", as_of)

    def _filters(self, given: dict, dated_events: bool = False) -> Filters:
        named = {ALIASES.get(k, k): v for k, v in given.items()}
        unknown = sorted(set(named) - set(BY_NAME))
        if unknown:
            raise TypeError(f"unknown filter {unknown[0]!r}; filters: {', '.join(BY_NAME)}")
        return Filters.read(named, dated_events).resolved(self._index)

    # -- one method per row command ----------------------------------------------
    def list(self, *, sort: str = "signed", as_of=None, **filters) -> list[dict]:
        """Agreements matching the filters (`kdefense list`)."""
        return query.list_agreements(self._index, self._filters(filters), self._day(as_of), sort)

    def show(self, *ids: str, as_of=None) -> list[dict]:
        """These agreements in full (`kdefense show ID...`), one row per id."""
        from .details import details  # noqa: PLC0415

        return details(self._index, ids, self._day(as_of)).rows

    def expiring(self, when=None, *, within=None, before=None, as_of=None, **filters) -> list[dict]:
        """Term ends in a year, month or day, or a window (`kdefense expiring`)."""
        day = self._day(as_of)
        lo, hi = query.expiring_window(day, when, within, before)
        return query.expiring(self._index, self._filters(filters), day, lo, hi)

    def deadlines(self, *, within="1y", as_of=None, **filters) -> list[dict]:
        """Notice deadlines, renewals and term ends ahead (`kdefense deadlines`)."""
        day = self._day(as_of)
        _, hi = query.expiring_window(day, within=within)
        return query.deadlines(self._index, self._filters(filters), day, hi)

    def partners(self, *, as_of=None) -> list[dict]:
        return query.partner_rows(self._index, self._day(as_of))

    def types(self) -> list[dict]:
        return query.type_rows(self._index)

    def timeline(self, *, as_of=None, **filters) -> list[dict]:
        """Events up to `as_of`; date_from/date_to select events by their own date."""
        return query.timeline(self._index, self._filters(filters, dated_events=True), self._day(as_of))

    def stats(self, *, as_of=None) -> list[dict]:
        return query.stats(self._index, self._day(as_of))

    def dyad_years(self, *, from_=None, to=None, as_of=None, **filters) -> list[dict]:
        """One row per partner and year (`kdefense dyad-years`); `from_`/`to` are the panel's years."""
        from . import data_version  # noqa: PLC0415

        day = self._day(as_of)
        first = inputs.year("date_from", from_) if from_ is not None else None
        last = inputs.year("date_to", to) if to is not None else None
        covered_to = data_version.of(self._index.dataset.path).get("date")
        end = int(covered_to[:4]) if covered_to else day.year
        return query.dyad_years(self._index, self._filters(filters), day, first, last,
                                (data_version.COVERAGE_START, end))


def load(path=None) -> Kdefense:
    """The dataset at `path` (default: $KDEFENSE_DATA, else the bundled one),
    read and checked; DataError with every problem if it is invalid."""
    from . import cache  # noqa: PLC0415

    dataset = _load_dataset(path)
    try:
        list(dataset.agreements)  # every record built now: a bad cache entry is found here, not later
    except cache.Undecodable:
        from .dataset import resolve_path  # noqa: PLC0415

        cache.discard(resolve_path(path))
        dataset = _load_dataset(path, use_cache=False)
    return Kdefense(Index(dataset))
