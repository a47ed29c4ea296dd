"""An in-memory index over a validated dataset.

Lookups by id, partner (id, name, ISO codes, aliases: case-, accent- and
Arabic-letter-form-insensitive), type, signature year and term-end year.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from .errors import UsageError
from .models import Agreement, Dataset

# Arabic letter forms folded together for matching: alef with hamza/madda and
# wasla -> alef, taa marbuta -> haa, alef maksura and Persian yeh -> yaa, Persian
# kaf -> kaf; diacritics and tatweel dropped.
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك", "ـ": None,
                       **{ch: " " for ch in "-_.,'’()/"}})


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Fold text for matching: case, accents, Arabic letter forms, punctuation."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.translate(_FOLD).split())


def positions_of(agreements) -> dict:
    """{"id": {id: i}, "partner": {pid: [i...]}, "type": {...}, "year": {...}}"""
    ids: dict[str, int] = {}
    partners: dict[str, list[int]] = {}
    types: dict[str, list[int]] = {}
    years: dict[int, list[int]] = {}
    for i, a in enumerate(agreements):
        ids[a.id] = i
        partners.setdefault(a.partner, []).append(i)
        types.setdefault(a.type, []).append(i)
        years.setdefault(a.signed.year, []).append(i)
    return {"id": ids, "partner": partners, "type": types, "year": years}


def end_positions(agreements) -> dict:
    """{"end_year": {year: [i...]}, "renewing": [i...]}: the years in which each
    agreement has a term end, except those that renew automatically (their
    ends never stop), which are listed apart."""
    from .terms import ends  # noqa: PLC0415

    by_year: dict[int, list[int]] = {}
    renewing: list[int] = []
    for i, a in enumerate(agreements):
        if a.term.renewal == "automatic":
            renewing.append(i)
            continue
        for year in sorted({end.date.year for end in ends(a)}):
            by_year.setdefault(year, []).append(i)
    return {"end_year": by_year, "renewing": renewing}


def _close(word: str, choices, n: int = 3) -> list[str]:
    import difflib  # noqa: PLC0415 - error path only

    return difflib.get_close_matches(word, list(choices), n=n, cutoff=0.55)


class Index:
    """Positions of agreements in `dataset.agreements`, by id, partner, type,
    signature year and term-end year. A dataset loaded from the cache brings
    these ready-made (`dataset.positions`), so a query touches only the records
    it selects."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        pos = getattr(dataset, "positions", None) or positions_of(dataset.agreements)
        self._pos = pos
        self._ids: dict[str, int] = pos["id"]
        self._partners: dict[str, list[int]] = pos["partner"]
        self._types: dict[str, list[int]] = pos["type"]
        self._years: dict[int, list[int]] = pos["year"]
        self._partner_keys: dict[str, str] | None = None

    def positions(self, kind: str, keys) -> list[int]:
        """Sorted positions of the agreements whose `kind` (partner, type or
        year) is any of `keys`."""
        table = {"partner": self._partners, "type": self._types, "year": self._years}[kind]
        return sorted({i for k in keys for i in table.get(k, ())})

    def records(self, positions) -> list[Agreement]:
        records = self.dataset.agreements
        return [records[i] for i in positions]

    def of_partner(self, pid: str) -> list[Agreement]:
        return self.records(self._partners.get(pid, ()))

    def of_type(self, tid: str) -> list[Agreement]:
        return self.records(self._types.get(tid, ()))

    def of_year(self, year: int) -> list[Agreement]:
        return self.records(self._years.get(year, ()))

    def count_partner(self, pid: str) -> int:
        return len(self._partners.get(pid, ()))

    def count_type(self, tid: str) -> int:
        return len(self._types.get(tid, ()))

    def has_id(self, agreement_id: str) -> bool:
        return agreement_id in self._ids

    def position(self, a: Agreement) -> int:
        return self._ids[a.id]

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
        keys = self.partner_keys()
        pid = keys.get(normalize(text))
        if pid is not None:
            return pid
        near = _close(normalize(text), keys)
        names = sorted({keys[k] for k in near})
        hint = f"; did you mean: {', '.join(names)}?" if names else ""
        raise UsageError(f"unknown partner {text!r}{hint} (see 'kdefense partners')")

    # -- types ------------------------------------------------------------
    def resolve_type(self, text: str) -> str:
        t = normalize(text).replace(" ", "-")
        if t in self.dataset.types:
            return t
        near = _close(t, self.dataset.types)
        hint = f"; did you mean: {', '.join(near)}?" if near else ""
        raise UsageError(f"unknown type {text!r}{hint} (see 'kdefense types')")

    # -- ids --------------------------------------------------------------
    def get(self, agreement_id: str) -> Agreement:
        i = self._ids.get(agreement_id.strip())
        if i is not None:
            return self.dataset.agreements[i]
        near = _close(agreement_id.strip().lower(), self._ids)
        hint = f"; did you mean: {', '.join(near)}?" if near else ""
        raise UsageError(f"unknown agreement id {agreement_id!r}{hint} (see 'kdefense list --format ids')")

    # -- term ends ------------------------------------------------------
    def ending_positions(self, first_year: int, last_year: int) -> list[int]:
        """Sorted positions of the agreements that may have a term end between
        the two years: a fixed end in the range, or automatic renewal."""
        if "end_year" not in self._pos:  # not from the cache: computed on first use
            self._pos.update(end_positions(self.dataset.agreements))
        by_year = self._pos["end_year"]
        found = set(self._pos["renewing"])
        for year in range(first_year, last_year + 1):
            found.update(by_year.get(year, ()))
        return sorted(found)
