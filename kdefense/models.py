"""The validated records, and the one declaration of every dataset key.

Each record class lists its dataset keys once, in `FIELDS`. From that list:
the validator refuses every other key (validate.py), JSON and the other
formats carry the keys (`as_dict`), and the cache stores and rebuilds the
records (`freeze`/`thaw`, used by cache.py). A new dataset field is one
`Field` here, its property in the JSON Schema (a test keeps the two equal),
and its line in the README; validate.py changes only if the field needs a
check beyond its kind's.
"""

from __future__ import annotations

from .dates import PartialDate, Span

RENEWALS = ("automatic", "by-agreement", "none", "indefinite", "unknown")
EVENT_KINDS = ("ratified", "renewed", "extended", "amended", "denounced", "terminated", "superseded",
               "confirmed", "purpose-ended")
PARTIES = ("kuwait", "partner")  # who a `ratified` event's approval is by
IN_FORCE_BY = ("approvals", "signature")  # what brings the agreement into force
RELATIONS = ("based-on", "extends", "implements", "renews", "supersedes", "amends", "part-of", "related")
CONFIDENCE = ("high", "medium", "low")
PARTNER_KINDS = ("state", "organisation", "group")
TOP_LEVEL_KEYS = ("schema", "partners", "types", "agreements")


class Field:
    """One dataset key: its name and kind, and how the validator reads it.

    Kinds: `key` (the mapping key the record sits under, not a key inside it),
    `id`, `text`, `date`, `count` (a positive whole number), `index` (into the
    record's sources), `choice` (one of `choices`), `texts` (a list of text),
    `names` (a mapping of short lowercase names to text, such as xref ids),
    `flag` (true/false), `record` (a nested mapping of class `of`) and
    `records` (a list of them).
    """

    __slots__ = ("name", "kind", "required", "choices", "of", "default", "doc")

    def __init__(self, name: str, kind: str, required: bool = False, choices: tuple = (), of=None,
                 default: str | None = None, doc: str = ""):
        self.name, self.kind, self.required, self.choices, self.of = name, kind, required, choices, of
        self.default = default  # the value of a field left out, as Python source (e.g. "'unknown'")
        self.doc = doc  # what it means: read by the codebook, the data package and the SQLite export

    def __repr__(self) -> str:
        return f"Field({self.name!r}, {self.kind!r})"

    def empty(self):
        """The value of a field left out of the file."""
        if self.kind in ("texts", "records"):
            return []
        if self.kind == "names":
            return {}
        if self.kind == "record":
            return self.of()
        if self.kind == "flag":
            return False
        return None


def _slots(fields: tuple[Field, ...], *extra: str) -> tuple[str, ...]:
    return tuple(f.name for f in fields) + extra


class _Record:
    """Slotted records built from their `FIELDS`: positional values in field
    order, or names; a field not given takes its empty value. Equality and repr
    come from the fields.

    Each class gets an `__init__` written from its FIELDS when the class is
    created (as dataclasses do, without their import-time cost): records are
    built by the hundred thousand from large files and the cache, and a
    generic loop of setattr calls was a third of the validator's time.
    """

    __slots__ = ()
    FIELDS: tuple[Field, ...] = ()
    EXTRA: tuple[str, ...] = ()  # slots that are not dataset keys

    def __init_subclass__(cls) -> None:
        cls.KEYS = tuple(f.name for f in cls.FIELDS if f.kind != "key")
        if cls.FIELDS and "__init__" not in cls.__dict__:
            cls.__init__ = _make_init(cls)

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other) -> bool:
        return type(other) is type(self) and self._values() == other._values()

    __hash__ = None  # mutable

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({inner})"

    # -- one declaration, three uses: output, cache out, cache in -----------
    def as_dict(self) -> dict:
        """The fields as JSON-ready values (dates as ISO text at their precision)."""
        return {f.name: _out(f, getattr(self, f.name)) for f in self.FIELDS}

    def freeze(self) -> tuple:
        """Plain tuples for the cache (marshal-able), in field order."""
        return tuple(_freeze(f, getattr(self, f.name)) for f in self.FIELDS)

    @classmethod
    def thaw(cls, values: tuple):
        """The record back from `freeze()`; raises on any mismatch (a cache
        written by other code), which the cache treats as a miss."""
        fields = cls.FIELDS
        if len(values) != len(fields):
            raise ValueError(f"{cls.__name__}: {len(values)} cached values for {len(fields)} fields")
        return cls(*[_thaw(f, v) for f, v in zip(fields, values)])


_new_date = tuple.__new__


def _make_init(cls):
    """def __init__(self, a=None, b=None, ...): self.a = a; self.b = [] if b is None else b; ..."""
    names = [f.name for f in cls.FIELDS] + list(cls.EXTRA)
    lines = [f"def __init__(self, {', '.join(f'{n}=None' for n in names)}):"]
    env = {}
    for f in cls.FIELDS:
        empty = f.empty() if f.kind != "record" else None
        if f.kind == "record":
            env[f"_{f.name}_class"] = f.of
            lines.append(f"    self.{f.name} = _{f.name}_class() if {f.name} is None else {f.name}")
        elif empty is None and f.default is None:
            lines.append(f"    self.{f.name} = {f.name}")
        else:
            value = f.default if f.default is not None else repr(empty)  # Python source for the value
            lines.append(f"    self.{f.name} = {value} if {f.name} is None else {f.name}")
    for n in cls.EXTRA:
        lines.append(f"    self.{n} = 0 if {n} is None else {n}")
    exec("\n".join(lines), env)  # noqa: S102 - code written here from the class's own field names
    init = env["__init__"]
    init.__qualname__ = f"{cls.__name__}.__init__"
    return init


def _convert(f: Field, v, date, record, sequence):
    """A field's value made plain: dates by `date`, nested records by
    `record`, lists by `sequence`; everything else as it is."""
    if v is None:
        return None
    k = f.kind
    if k == "date":
        return date(v)
    if k == "record":
        return record(v)
    if k == "records":
        return sequence(record(x) for x in v)
    if k == "texts":
        return sequence(v)
    if k == "names":
        return dict(v) if sequence is list else tuple(v.items())
    return v


def _out(f: Field, v):
    """For JSON: dates as ISO text at their precision, lists as lists."""
    return _convert(f, v, str, _Record.as_dict, list)


def _freeze(f: Field, v):
    """For the cache (marshal): dates and lists as tuples."""
    return _convert(f, v, tuple, _Record.freeze, tuple)


def _thaw(f: Field, v):
    if v is None:
        return f.empty() if f.kind in ("texts", "records", "names") else None
    k = f.kind
    if k == "date":
        if v.__class__ is not tuple or len(v) != 3:
            raise ValueError("cached date is not a (year, month, day) tuple")
        return _new_date(PartialDate, v)
    if k == "record":
        return f.of.thaw(v)
    if k == "records":
        thaw = f.of.thaw
        return [thaw(x) for x in v]
    if k == "texts":
        return list(v)
    if k == "names":
        return {str(key): str(value) for key, value in v}
    return v


# -- the records ------------------------------------------------------------

class Source(_Record):
    FIELDS = (
        Field("title", "text", doc="Title of the source (article, gazette entry, page)."),
        Field("publisher", "text", doc="Who published it (the original publisher; a copy is named in the title)."),
        Field("url", "text", doc="Where it was read: an http(s) address."),
        Field("date", "date", doc="Its publication date, at the precision it gives."),
    )
    __slots__ = _slots(FIELDS)


class Event(_Record):
    FIELDS = (
        Field("date", "date", required=True, doc="When it happened, at the precision a source gives."),
        Field("kind", "choice", required=True, choices=EVENT_KINDS,
              doc="What happened: ratified (a party's approval), renewed, extended, amended, denounced, "
                  "terminated, superseded, confirmed (a source shows it operating), purpose-ended (what it "
                  "served ended)."),
        Field("party", "choice", choices=PARTIES, doc="For a ratified event: whose approval (kuwait or partner)."),
        Field("instrument", "text", doc="The instrument that did it (e.g. Decree-Law, exchange of notes)."),
        Field("number", "text", doc="The instrument's number (e.g. 26/2024)."),
        Field("until", "date", doc="For a renewal or extension: the new end."),
        Field("years", "count", doc="For a renewal or extension: the new term's length in years."),
        Field("note", "text", doc="What the source says."),
        Field("source", "index", doc="Which of the record's sources shows it (0-based in the file)."),
    )
    __slots__ = _slots(FIELDS)


class Term(_Record):
    FIELDS = (
        Field("years", "count", doc="Length of the first term: years."),
        Field("months", "count", doc="Length of the first term: months."),
        Field("days", "count", doc="Length of the first term: days."),
        Field("until", "date", doc="A stated end of the first term, instead of a length."),
        Field("renewal", "choice", choices=RENEWALS, default="'unknown'",
              doc="What happens at term end: automatic, by-agreement, none, indefinite (no fixed term), unknown."),
        Field("renewal_years", "count", doc="Length of each automatic renewal, in years."),
        Field("notice_months", "count", doc="Notice needed to stop an automatic renewal (or to end an "
                                               "indefinite agreement), in months."),
        Field("notice_days", "count", doc="The same notice, in days."),
    )
    __slots__ = _slots(FIELDS)

    @property
    def fixed(self) -> bool:
        """Is a first term on record: a length, or a stated end (`until`)?"""
        return bool(self.duration) or self.until is not None

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


class Related(_Record):
    FIELDS = (
        Field("id", "id", required=True, doc="The related agreement's id."),
        Field("relation", "choice", choices=RELATIONS,
              doc="How this agreement relates to it: based-on, extends, implements, renews, supersedes, amends, "
                  "part-of, related. renews and supersedes close the other from this one's start."),
    )
    __slots__ = _slots(FIELDS)


class Partner(_Record):
    FIELDS = (
        Field("id", "key", doc="Partner id: lowercase, hyphenated (e.g. russia)."),
        Field("name", "text", required=True, doc="Display name."),
        Field("kind", "choice", choices=PARTNER_KINDS, doc="state, organisation or group."),
        Field("iso", "texts", doc="ISO 3166 codes (alpha-2, alpha-3) of a state."),
        Field("cow", "count", doc="Correlates of War state code (states only; null for organisations)."),
        Field("aliases", "texts", doc="Other names it is known by, in any script."),
    )
    __slots__ = _slots(FIELDS)


class TypeDef(_Record):
    """An agreement type. `one_off`: its instruments are carried out, not kept
    in force (purchase contracts, letters of offer and acceptance); their
    status is `concluded`. In the file a type is its description, or a mapping
    with `description` and `one_off`."""

    FIELDS = (
        Field("id", "key", doc="Type id (e.g. military-technical)."),
        Field("description", "text", required=True, doc="What agreements of this type are."),
        Field("one_off", "flag", doc="Carried out rather than kept in force (contracts): their status is concluded."),
    )
    __slots__ = _slots(FIELDS)


class Agreement(_Record):
    FIELDS = (
        Field("id", "id", required=True, doc="Stable identifier, kw-<partner code>-<year>-<short name>."),
        Field("partner", "id", required=True, doc="The partner's id (see partners)."),
        Field("title", "text", required=True, doc="Title in English."),
        Field("title_ar", "text", doc="Title in Arabic, where reported."),
        Field("type", "id", required=True, doc="The type's id (see types)."),
        Field("signed", "date", doc="Signature date at the precision known (YYYY, YYYY-MM or YYYY-MM-DD); null "
                                    "only for an instrument known from a later report (signed_before)."),
        Field("signed_before", "date", doc="For an instrument known only from a later report: the date by which "
                                           "it existed."),
        Field("place", "text", doc="Place of signature."),
        Field("in_force", "date", doc="Entry into force, where on record."),
        Field("in_force_by", "choice", choices=IN_FORCE_BY,
              doc="What brings it into force: both parties' approvals, or signature; null when not known."),
        Field("term", "record", of=Term, doc="Its term and renewal rules, where on record."),
        Field("events", "records", of=Event, doc="Dated steps after signature."),
        Field("xref", "names", doc="Ids of the same instrument in other datasets and registers (dcad, atop, unts, "
                                   "a treaty series)."),
        Field("related", "records", of=Related, doc="Other agreements and how they relate."),
        Field("summary", "text", doc="What it covers, in one or two sentences."),
        Field("sources", "records", required=True, of=Source, doc="Where every fact comes from."),
        Field("confidence", "choice", choices=CONFIDENCE, doc="How well the record is sourced: high, medium, low."),
        Field("notes", "text", doc="Evidence, conflicts between sources and open questions."),
    )
    EXTRA = ("line",)  # where the record starts in the file (for messages), not a dataset key
    __slots__ = _slots(FIELDS, *EXTRA)

    @property
    def dated(self) -> PartialDate:
        """When it was signed, or the latest date by which it had been (an
        instrument known only from a later report): what sorting, --year,
        --from/--to, stats and dyad-years go by."""
        return self.signed if self.signed is not None else self.signed_before


class Dataset(_Record):
    """`agreements` is a list, or a lazily built sequence when loaded from the
    cache; `lookups` is then the index the cache kept (see index.py)."""

    __slots__ = ("path", "partners", "types", "agreements", "lookups")

    def __init__(self, path: str, partners: dict[str, Partner], types: dict[str, TypeDef],
                 agreements, lookups: dict | None = None):
        self.path = path
        self.partners = partners
        self.types = types
        self.agreements = agreements
        self.lookups = lookups
