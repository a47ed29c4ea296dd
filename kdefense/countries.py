"""Recognise a real country or organisation that the dataset may not hold.

`kdefense list --partner Qatar` with no agreement with Qatar on record is an
empty answer, not an unknown partner. Countries come from pycountry (ISO 3166:
codes, names, official and common names, and the Arabic names of its
translations); a few short names that ISO does not use (Russia, Turkey, UAE,
UK...) and the organisations a defence agreement may be made with are listed
here. Imported only when a partner name is not in the dataset.
"""

from __future__ import annotations

from functools import lru_cache

from .folding import normalize

# Everyday names that ISO 3166 does not carry, by alpha-2 code.
SHORT_NAMES = {
    "RU": ["Russia", "روسيا"], "TR": ["Turkey", "تركيا"], "AE": ["UAE", "Emirates", "الإمارات"],
    "GB": ["UK", "Britain", "Great Britain", "England", "بريطانيا"], "US": ["USA", "America", "أمريكا", "أميركا"],
    "SA": ["KSA", "Saudi", "السعودية"], "KR": ["South Korea", "ROK", "كوريا الجنوبية"],
    "KP": ["North Korea", "DPRK", "كوريا الشمالية"], "PS": ["Palestine", "فلسطين"], "CZ": ["Czech Republic"],
    "NL": ["Holland"], "VA": ["Vatican"], "MK": ["Macedonia"], "CI": ["Ivory Coast"], "MM": ["Burma"],
    "SZ": ["Swaziland"], "CV": ["Cape Verde"], "LA": ["Laos"], "SY": ["سوريا"], "IR": ["إيران", "Persia"],
}
# Organisations a defence agreement may be made with: (code, names).
ORGANISATIONS = [
    ("EU", ["European Union", "الاتحاد الأوروبي"]), ("AU", ["African Union", "الاتحاد الأفريقي"]),
    ("UN", ["United Nations", "الأمم المتحدة"]), ("ASEAN", ["Association of Southeast Asian Nations"]),
    ("OIC", ["Organisation of Islamic Cooperation", "Organization of Islamic Cooperation", "منظمة التعاون الإسلامي"]),
    ("SCO", ["Shanghai Cooperation Organisation"]), ("CSTO", ["Collective Security Treaty Organization"]),
    ("OSCE", ["Organization for Security and Co-operation in Europe"]),
]


class Known:
    """A real country or organisation: its code, the name to show, and every
    name it goes by."""

    __slots__ = ("code", "name", "names")

    def __init__(self, code: str, names: list[str], name: str | None = None):
        self.code, self.names, self.name = code, names, name or names[0]

    def __repr__(self) -> str:
        return f"Known({self.code}, {self.names[:3]}...)"


@lru_cache(maxsize=1)
def _table() -> dict[str, Known]:
    import gettext  # noqa: PLC0415

    import pycountry  # noqa: PLC0415 - off the common path

    try:
        arabic = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"]).gettext
    except OSError:  # pragma: no cover - translations missing from the install
        arabic = None
    table: dict[str, Known] = {}

    def add(known: Known) -> None:
        for name in known.names:
            table.setdefault(normalize(name), known)

    for c in pycountry.countries:
        names = [c.alpha_2, c.alpha_3]
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                names.append(value)
                if arabic is not None:
                    names.append(arabic(value))
        # "Korea, Republic of" and "إيران، الجمهورية الإسلامية" are also known by their first part.
        names += [part for n in list(names) for part in n.replace("،", ",").split(",")[:1] if len(part) > 2]
        shown = (SHORT_NAMES.get(c.alpha_2) or [getattr(c, "common_name", None) or c.name])[0]
        add(Known(c.alpha_2, names + SHORT_NAMES.get(c.alpha_2, []), shown))
    for code, names in ORGANISATIONS:
        add(Known(code, [code, *names], names[0]))
    return table


def recognise(text: str) -> Known | None:
    """The country or organisation `text` names (any case, English or
    Arabic, name or ISO code), or None."""
    return _table().get(normalize(text))


def near(text: str, n: int = 3) -> list[str]:
    """The names to show of up to `n` countries or organisations whose
    names are close to `text` (`quatar` -> Qatar), best first."""
    from .suggest import close  # noqa: PLC0415

    table = _table()
    names = [table[k].name for k in close(normalize(text), [k for k in table if len(k) > 3], n=n * 3, cutoff=0.75)]
    return list(dict.fromkeys(names))[:n]
