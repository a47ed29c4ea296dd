"""An in-memory index over a validated dataset.

Lookups by id, partner (id, name, ISO codes, aliases: case-, accent- and
Arabic-letter-form-insensitive), type, signature year and term-end year. The
index works with row numbers (an agreement's place in `dataset.agreements`),
so a query builds only the records it selects.
"""

from __future__ import annotations

from .errors import NotFound
from .folding import normalize
from .models import Agreement, Dataset
from .suggest import close

CLOSING_RELATIONS = ("supersedes", "renews")  # a later record with one of these closes the one it names


def lookups_of(agreements) -> dict:
    """{"id": {id: row}, "partner": {pid: [rows]}, "type": {...}, "year": {...},
    "closed_by": {id: [rows of the later records that supersede or renew it]}}"""
    ids: dict[str, int] = {}
    partners: dict[str, list[int]] = {}
    types: dict[str, list[int]] = {}
    years: dict[int, list[int]] = {}
    closed_by: dict[str, list[int]] = {}
    for row, a in enumerate(agreements):
        ids[a.id] = row
        partners.setdefault(a.partner, []).append(row)
        types.setdefault(a.type, []).append(row)
        years.setdefault(a.dated.year, []).append(row)
        for r in a.related:
            if r.relation in CLOSING_RELATIONS:
                closed_by.setdefault(r.id, []).append(row)
    return {"id": ids, "partner": partners, "type": types, "year": years, "closed_by": closed_by}


def end_lookups(agreements) -> dict:
    """{"end_year": {year: [rows]}, "renewing": [rows]}: the years in which each
    agreement has a term end, except those that renew automatically (their
    ends never stop), which are listed apart."""
    from .terms import ends  # noqa: PLC0415

    closings = closings_of(agreements)
    by_year: dict[int, list[int]] = {}
    renewing: list[int] = []
    for row, a in enumerate(agreements):
        if a.term.renewal == "automatic":
            renewing.append(row)
            continue
        for year in sorted({end.date.year for end in ends(a, closing=closings.get(a.id))}):
            by_year.setdefault(year, []).append(row)
    return {"end_year": by_year, "renewing": renewing}


def closings_of(agreements) -> dict:
    """{id: Closing} for every agreement that a later record supersedes or
    renews (the earliest such start)."""
    from .terms import closing_of  # noqa: PLC0415

    out: dict = {}
    for a in agreements:
        for r in a.related:
            if r.relation in CLOSING_RELATIONS:
                c = closing_of(a)
                c.relation = r.relation
                known = out.get(r.id)
                if known is None or c.date.sort_key() < known.date.sort_key():
                    out[r.id] = c
    return out


NOTHING_ON_RECORD = ""  # the partner id a real country with no agreements resolves to


class Index:
    """Rows of `dataset.agreements` by id, partner, type, signature year and
    term-end year. A dataset loaded from the cache brings these ready-made
    (`dataset.lookups`)."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self._lookups = dataset.lookups or lookups_of(dataset.agreements)
        self._ids: dict[str, int] = self._lookups["id"]
        self._partner_keys: dict[str, str] | None = None

    def rows(self, kind: str, keys) -> list[int]:
        """Sorted rows of the agreements whose `kind` (partner, type or
        year) is any of `keys`."""
        table = self._lookups[kind]
        return sorted({row for k in keys for row in table.get(k, ())})

    def records(self, rows) -> list[Agreement]:
        records = self.dataset.agreements
        return [records[row] for row in rows]

    def of_partner(self, pid: str) -> list[Agreement]:
        return self.records(self._lookups["partner"].get(pid, ()))

    def count_type(self, tid: str) -> int:
        return len(self._lookups["type"].get(tid, ()))

    def closing(self, a: Agreement):
        """The terms.Closing a later record brings to `a` (it supersedes or
        renews `a`), or None."""
        rows = self._lookups.get("closed_by", {}).get(a.id)
        if not rows:
            return None
        return closings_of(self.records(rows)).get(a.id)

    def closed(self, a: Agreement) -> list[Agreement]:
        """The later records that supersede or renew `a`."""
        return self.records(self._lookups.get("closed_by", {}).get(a.id, ()))

    def ends(self, a: Agreement, skip_before=None):
        """terms.ends(a), with the closing by a later record applied."""
        from .terms import ends  # noqa: PLC0415

        return ends(a, skip_before=skip_before, closing=self.closing(a))

    def has_id(self, agreement_id: str) -> bool:
        return agreement_id in self._ids

    def is_one_off(self, type_id: str) -> bool:
        t = self.dataset.types.get(type_id)
        return bool(t and t.one_off)

    # -- partners -------------------------------------------------------
    def partner_keys(self) -> dict[str, str]:
        """normalised name/alias/code -> partner id (built on first use)."""
        if self._partner_keys is None:
            keys: dict[str, str] = {}
            for p in self.dataset.partners.values():
                for name in (p.id, p.name, *p.iso, *p.aliases):
                    keys.setdefault(normalize(name), p.id)
            self._partner_keys = keys
        return self._partner_keys

    def resolve_partner(self, text: str) -> str:
        """The partner id `text` names. A real country or organisation with
        nothing on record resolves to NOTHING_ON_RECORD (it matches no
        agreement); anything else raises NotFound with close matches."""
        keys = self.partner_keys()
        pid = keys.get(normalize(text))
        if pid is not None:
            return pid
        from .countries import recognise  # noqa: PLC0415 - only for names not in the dataset

        known = recognise(text)
        if known is not None:
            # The same country may sit in the dataset under another spelling of its name or code.
            for alias in known.names:
                pid = keys.get(normalize(alias))
                if pid is not None:
                    return pid
            return NOTHING_ON_RECORD
        from .countries import near  # noqa: PLC0415

        ours = sorted({keys[k] for k in close(normalize(text), keys, cutoff=0.55)})
        shown = {normalize(self.dataset.partners[p].name) for p in ours}
        raise NotFound("partner", text, ours + [n for n in near(text) if normalize(n) not in shown and
                                                normalize(n) not in keys])

    def absent_name(self, text: str) -> str | None:
        """The name of the real country or organisation `text` names when the
        dataset has nothing on record with it (`qatar` -> Qatar), else None."""
        if normalize(text) in self.partner_keys():
            return None
        from .countries import recognise  # noqa: PLC0415

        known = recognise(text)
        return known.name if known is not None and self.resolve_partner(text) == NOTHING_ON_RECORD else None

    # -- types ------------------------------------------------------------
    def resolve_type(self, text: str) -> str:
        t = normalize(text).replace(" ", "-")
        if t in self.dataset.types:
            return t
        raise NotFound("type", text, close(t, self.dataset.types, cutoff=0.55))

    # -- ids --------------------------------------------------------------
    def get(self, agreement_id: str) -> Agreement:
        row = self._ids.get(agreement_id.strip())
        if row is not None:
            return self.dataset.agreements[row]
        raise NotFound("agreement id", agreement_id, close(agreement_id.strip().lower(), self._ids, cutoff=0.55))

    # -- term ends ------------------------------------------------------
    def ending_rows(self, first_year: int, last_year: int) -> list[int]:
        """Sorted rows of the agreements that may have a term end between
        the two years: a fixed end in the range, or automatic renewal."""
        if "end_year" not in self._lookups:  # not from the cache: computed on first use
            self._lookups.update(end_lookups(self.dataset.agreements))
        by_year = self._lookups["end_year"]
        found = set(self._lookups["renewing"])
        for year in range(first_year, last_year + 1):
            found.update(by_year.get(year, ()))
        return sorted(found)
