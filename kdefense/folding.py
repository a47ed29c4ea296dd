"""Folding text for matching: case, accents, Arabic letter forms, punctuation.

Used wherever a name the user typed is compared with the dataset's names
(partners, countries, completion, --search), so that `Türkiye`, `turkiye`
and `TURKIYE` match, and so do `إيران` and `ايران`.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

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
