"""Reading a mapping of the dataset against its record class's declaration.

`FieldReader.read(mapping, cls, where)` checks the mapping's keys against
`cls.FIELDS` (models.py): a key that is not declared is a problem with the
closest declared key suggested, so a misspelt key can never be silently
ignored; each declared key is read by its kind (text, date, count, choice,
list of text, flag, nested mapping or list). Problems are collected with
their `path:line:column`; checks.py adds the checks that tie fields together.
"""

from __future__ import annotations

import re

from .dates import DateError, PartialDate
from .errors import Problem
from .strict_yaml import Map, Seq, key_mark_place, value_place
from .strict_yaml import line_column as _at
from .suggest import close

MAX_COUNT = 1000
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class FieldReader:
    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []
        self.key_guesses = 50  # "did you mean" for the first unknown keys only (cheap on huge broken files)

    def add(self, place, message: str) -> None:
        line, col = _at(place)
        self.problems.append(Problem(self.path, line, col, message))

    # -- a mapping read against its declaration -------------------------
    def keys(self, m: Map, allowed: tuple[str, ...], where: str) -> None:
        """Every key of `m` must be one of `allowed`."""
        known = _KEYSETS.get(allowed)
        if known is None:
            known = _KEYSETS[allowed] = frozenset(allowed)
        for key in m:
            if key in known:
                continue
            near = close(str(key), allowed, n=1) if self.key_guesses > 0 else []
            self.key_guesses -= 1
            hint = f"; did you mean '{near[0]}'?" if near else f"; expected one of: {', '.join(allowed)}"
            self.add(key_mark_place(m, key), f"{where}: unknown key '{key}'{hint}")

    def read(self, m: Map, cls, where: str) -> dict:
        """Check the keys of `m` against `cls.FIELDS` and read each declared
        key by its kind. Nested records (`record`/`records`) come back as the
        raw Map/Seq for the caller, which knows their context."""
        self.keys(m, cls.KEYS, where)
        out = {}
        for name, get, args, required, absent in _plan(cls):
            if required or name in m:
                out[name] = get(self, m, name, where, *args)
            else:  # left out: no reader to call (most optional keys are absent from most records)
                out[name] = absent() if callable(absent) else absent
        return out

    # -- typed getters: report and return None on a wrong type -------
    def raw(self, m: Map, key: str, where: str):
        return m.get(key)

    def given(self, m, key: str, where: str, required: bool, expected: str):
        """The value of `key`, None when it is left out (a problem if it is
        required; `expected` says what is wanted)."""
        value = m.get(key) if isinstance(m, Map) else None
        if value is None and required:
            self.add(value_place(m, key), f"{where}: '{key}' is required ({expected})")
        return value

    def wrong(self, m: Map, key: str, where: str, what: str, value) -> None:
        self.add(value_place(m, key), f"{where}: '{key}' must be {what}, not {_kind(value)}")

    def text(self, m: Map, key: str, where: str, required: bool = False) -> str | None:
        value = self.given(m, key, where, required, "text")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            return self.wrong(m, key, where, "text", value)
        value = str(value)
        if required and not value.strip():
            self.add(value_place(m, key), f"{where}: '{key}' must not be empty")
            return None
        return value

    def date(self, m: Map, key: str, where: str, required: bool = False) -> PartialDate | None:
        value = self.given(m, key, where, required, "YYYY, YYYY-MM or YYYY-MM-DD")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            return self.wrong(m, key, where, "a date (YYYY, YYYY-MM or YYYY-MM-DD)", value)
        try:
            return PartialDate.parse_iso(str(value))
        except DateError as exc:
            self.add(value_place(m, key), f"{where}: '{key}': {exc}")
            return None

    def count(self, m: Map, key: str, where: str) -> int | None:
        value = m.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            self.add(value_place(m, key), f"{where}: '{key}' must be a positive whole number, not {value!r}")
            return None
        if value > MAX_COUNT:
            self.add(value_place(m, key), f"{where}: '{key}' = {value} is implausibly large")
            return None
        return value

    def choice(self, m: Map, key: str, where: str, allowed, required: bool = False):
        value = self.given(m, key, where, required, f"one of: {', '.join(allowed)}")
        if value is not None and value not in allowed:
            self.add(value_place(m, key), f"{where}: '{key}' is {value!r}; expected one of: {', '.join(allowed)}")
            return None
        return value

    def flag(self, m: Map, key: str, where: str) -> bool:
        value = m.get(key)
        if value is not None and not isinstance(value, bool):
            self.wrong(m, key, where, "true or false", value)
            return False
        return bool(value)

    def mapping(self, parent, key, where: str, required: bool = False) -> Map | None:
        value = self.given(parent, key, where, required, "a mapping")
        if value is not None and not isinstance(value, Map):
            return self.wrong(parent, key, where, "a mapping", value)
        return value

    def sequence(self, m: Map, key: str, where: str, required: bool = False) -> Seq | None:
        value = self.given(m, key, where, required, "a list")
        if value is not None and not isinstance(value, Seq):
            return self.wrong(m, key, where, "a list", value)
        return value

    def text_list(self, m: Map, key: str, where: str) -> list[str]:
        seq = self.sequence(m, key, where)
        out: list[str] = []
        for i, item in enumerate(seq or ()):
            if isinstance(item, bool) or not isinstance(item, (str, int)):
                self.add(seq.item_places[i], f"{where}: '{key}' item {i + 1} must be text, not {_kind(item)}")
            else:
                out.append(str(item))
        return out


    def names(self, m: Map, key: str, where: str) -> dict[str, str]:
        """A mapping of short lowercase names to text (xref: {dcad: DCADv1.0-0117})."""
        value = self.mapping(m, key, where)
        out: dict[str, str] = {}
        for name, item in (value or {}).items():
            if not isinstance(name, str) or not NAME_RE.match(name):
                self.add(key_mark_place(value, name), f"{where}: '{key}' name {name!r} must be lowercase letters, "
                                                      "digits and hyphens or underscores (e.g. dcad, unts)")
            elif isinstance(item, bool) or not isinstance(item, (str, int)) or not str(item).strip():
                self.add(value_place(value, name), f"{where}: '{key}.{name}' must be text, not {_kind(item)}")
            else:
                out[name] = str(item)
        return out


_READERS = {  # a field's kind -> how FieldReader reads it, and with what beyond (m, name, where)
    "text": lambda f: (FieldReader.text, (f.required,)),
    "id": lambda f: (FieldReader.text, (f.required,)),
    "date": lambda f: (FieldReader.date, (f.required,)),
    "count": lambda f: (FieldReader.count, ()),
    "choice": lambda f: (FieldReader.choice, (f.choices, f.required)),
    "texts": lambda f: (FieldReader.text_list, ()),
    "names": lambda f: (FieldReader.names, ()),
    "flag": lambda f: (FieldReader.flag, ()),
    "record": lambda f: (FieldReader.mapping, (f.required,)),
    "records": lambda f: (FieldReader.sequence, (f.required,)),
    "index": lambda f: (FieldReader.raw, ()),  # checked by the caller, which knows the range
}
_PLANS: dict[type, list] = {}
_KEYSETS: dict[tuple, frozenset] = {}  # declared keys as sets, for the per-mapping check


def _plan(cls) -> list:
    """(name, reader, extra arguments, required, value when left out) for each
    of `cls`'s dataset keys, made once per class."""
    plan = _PLANS.get(cls)
    if plan is None:
        absent = {"texts": list, "names": dict, "flag": False}
        plan = _PLANS[cls] = [(f.name, *_READERS[f.kind](f), f.required, absent.get(f.kind))
                              for f in cls.FIELDS if f.kind != "key"]
    return plan


def _kind(value) -> str:
    if isinstance(value, Map):
        return "a mapping"
    if isinstance(value, Seq):
        return "a list"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the number {value}"
    return f"{value!r}"


