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


def _close(word: str, choices, n: int = 3) -> list[str]:
    import difflib  # noqa: PLC0415 - error path only

    return difflib.get_close_matches(word, list(choices), n=n, cutoff=0.55)


class Index:
    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self.by_id: dict[str, Agreement] = {}
        self.by_partner: dict[str, list[Agreement]] = {pid: [] for pid in dataset.partners}
        self.by_type: dict[str, list[Agreement]] = {tid: [] for tid in dataset.types}
        self.by_year: dict[int, list[Agreement]] = {}
        for a in dataset.agreements:
            self.by_id[a.id] = a
            self.by_partner[a.partner].append(a)
            self.by_type[a.type].append(a)
            self.by_year.setdefault(a.signed.year, []).append(a)
        self._partner_keys: dict[str, str] | None = None
        self._end_years: dict[int, list[Agreement]] | None = None
        self._renewing: list[Agreement] | None = None

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
        a = self.by_id.get(agreement_id.strip())
        if a is not None:
            return a
        near = _close(agreement_id.strip().lower(), self.by_id)
        hint = f"; did you mean: {', '.join(near)}?" if near else ""
        raise UsageError(f"unknown agreement id {agreement_id!r}{hint} (see 'kdefense list --format ids')")

    # -- term ends ------------------------------------------------------
    def ending_candidates(self, first_year: int, last_year: int) -> list[Agreement]:
        """Agreements that may have a term end between the two years: those
        with a fixed end in the range, plus every automatically renewing one."""
        if self._end_years is None:
            from .terms import ends  # noqa: PLC0415

            years: dict[int, list[Agreement]] = {}
            renewing: list[Agreement] = []
            for a in self.dataset.agreements:
                if a.term.renewal == "automatic":
                    renewing.append(a)
                    continue
                for end in ends(a):
                    years.setdefault(end.date.year, []).append(a)
            self._end_years, self._renewing = years, renewing
        seen: set[str] = set()
        out: list[Agreement] = []
        for year in range(first_year, last_year + 1):
            for a in self._end_years.get(year, ()):
                if a.id not in seen:
                    seen.add(a.id)
                    out.append(a)
        for a in self._renewing:
            if a.id not in seen:
                seen.add(a.id)
                out.append(a)
        return out
