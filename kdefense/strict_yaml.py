"""A strict YAML reader that keeps the place (line and column) of every value.

It builds plain Python values from PyYAML's event stream (the C parser where it
is available), so that it can refuse what the dataset must never contain:

- tags of any kind (`!!python/object`, `!!str`, ...): nothing is constructed from the data;
- anchors and aliases (the dataset needs none, and they allow expansion bombs),
  and `<<` merge keys, which only make sense with them;
- duplicate mapping keys (PyYAML would silently keep the last one);
- more than one document.

Plain scalars become `None` (`null`, `~`, empty), `int` (decimal digits), `True`/`False`
(only `true`/`false`) and strings otherwise: `NO` stays a string and `2024-03-12`
stays text for the date type to parse.

Places are packed into one int (`line << 16 | column`, both 1-based) while
loading; `line_column()` unpacks one for a message.
"""

from __future__ import annotations

import re
import sys
from array import array

import yaml
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from .errors import Problem


class PyParser(Reader, Scanner, Parser):
    """PyYAML's pure-Python parser, for builds without libyaml."""

    def __init__(self, stream):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)


try:  # libyaml's parser is many times faster than the pure-Python one
    from yaml._yaml import CParser as _Parser

    C_PARSER = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = PyParser
    C_PARSER = False


_INT = re.compile(r"^[-+]?[0-9]+$")
_NULLS = {"", "~", "null", "Null", "NULL"}
MERGE_KEY = "<<"


class Map(dict):
    """A mapping that remembers where it, each key and each value stand.

    `marks` holds packed places flat, key then value, in the mapping's order.
    (One int array per mapping, not two dicts of objects: a 100,000-record
    file has half a million mappings.)
    """

    __slots__ = ("place", "marks")

    def __init__(self, place):
        super().__init__()
        self.place = place
        self.marks = array("q")


class Seq(list):
    """A sequence that remembers where it and each of its items stand."""

    __slots__ = ("place", "item_places")

    def __init__(self, place):
        super().__init__()
        self.place = place
        self.item_places = array("q")


class YamlProblem(Exception):
    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def line_column(place) -> tuple[int, int]:
    """(line, column), 1-based, of a packed place, a PyYAML mark or a
    (line, column) pair; (0, 0) when unknown."""
    if place is None:
        return (0, 0)
    if isinstance(place, int):
        return (place >> 16, place & 0xFFFF)
    if isinstance(place, tuple):
        return place
    return (place.line + 1, place.column + 1)


def plain_scalar(value: str):
    """The value of an unquoted scalar: null, true/false, a whole number, or text."""
    if value in _NULLS:
        return None
    if value == "true":
        return True
    if value == "false":
        return False
    if value[:1] in _NUMBER_START and _INT.match(value):
        return int(value)
    return value


_NUMBER_START = frozenset("0123456789+-")
_PLAIN_SPECIAL = _NUMBER_START | {"t", "f"}  # first characters of the plain scalars that are not text


def _refuse(event) -> None:
    if event.anchor is not None:
        raise YamlProblem(*line_column(event.start_mark), f"anchor '&{event.anchor}' is not allowed (write the value out)")
    raise YamlProblem(*line_column(event.start_mark), f"tag '{event.tag}' is not allowed (plain values only)")


def _scalar(event) -> tuple[object, int]:
    """(value, place) of a scalar event; tags and anchors are refused."""
    if event.anchor is not None or event.tag is not None:
        _refuse(event)
    value = event.value
    if event.implicit[0] and (value in _NULLS or value[:1] in _PLAIN_SPECIAL):  # plain scalar; quoted and
        value = plain_scalar(value)                                              # block scalars stay text
    m = event.start_mark
    return value, ((m.line + 1) << 16) | min(m.column + 1, 0xFFFF)


def _container(event) -> Map | Seq:
    """The new Map or Seq a start event opens; tags and anchors are refused."""
    if event.anchor is not None or event.tag is not None:
        _refuse(event)
    m = event.start_mark
    place = ((m.line + 1) << 16) | min(m.column + 1, 0xFFFF)
    return Map(place) if event.__class__ is yaml.MappingStartEvent else Seq(place)


def _other(event, documents: int) -> int:
    """Aliases are refused; a second document is refused; the rest (stream
    and document ends) are passed over. Returns the documents seen."""
    if event.__class__ is yaml.AliasEvent:
        raise YamlProblem(*line_column(event.start_mark), f"alias '*{event.anchor}' is not allowed (write the value out)")
    if event.__class__ is yaml.DocumentStartEvent:
        documents += 1
        if documents > 1:
            raise YamlProblem(*line_column(event.start_mark), "more than one YAML document; the dataset is one document")
    return documents


def _key(container: Map, value, place: int, event):
    """A mapping key: a plain, unique value (not null, true/false, a
    container or the merge key `<<`). Keys repeat in every record, so text
    keys are interned."""
    if value.__class__ is Map or value.__class__ is Seq:
        raise YamlProblem(*line_column(place), "a mapping key must be a plain value")
    if value is None or value is True or value is False:
        raise YamlProblem(*line_column(place), f"mapping key {event.value!r} must be text or a number")
    if value == MERGE_KEY and event.implicit[0]:
        raise YamlProblem(*line_column(place), "merge key '<<' is not allowed (write the keys out in full)")
    if value in container:
        first = line_column(container.marks[2 * list(container).index(value)])[0]
        raise YamlProblem(*line_column(place), f"duplicate key '{value}' (first at line {first}); each key may appear once")
    container.marks.append(place)
    return sys.intern(value) if value.__class__ is str else value


_NOKEY = object()


def load(text: str | bytes, path: str = "<data>", parser_class=None):
    """Parse YAML text; return the document's value (Map/Seq/scalars).

    Raises YamlProblem (line, column, message) on anything refused or
    unreadable. The loop runs once per YAML event (millions for a large
    file), so it only routes events and attaches values; what each kind of
    event means is in _scalar, _container, _key and _other.
    """
    parser_class = parser_class or _Parser
    get_event = parser_class(text).get_event
    Scalar, MapStart, SeqStart = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    MapEnd, SeqEnd = yaml.MappingEndEvent, yaml.SequenceEndEvent
    root = container = None
    is_map, key, stack, documents = False, _NOKEY, [], 0
    try:
        while True:
            event = get_event()
            if event is None:
                break
            cls = event.__class__
            if cls is Scalar:
                value, place = _scalar(event)
                opens = False
            elif cls is MapStart or cls is SeqStart:
                value = _container(event)
                place, opens = value.place, True
            elif cls is MapEnd or cls is SeqEnd:
                container, is_map, key = stack.pop()
                continue
            else:
                documents = _other(event, documents)
                continue
            # Attach the value where it belongs: the root, a list item, a mapping's value or its next key.
            if container is None:
                root = value
            elif not is_map:
                container.append(value)
                container.item_places.append(place)
            elif key is not _NOKEY:
                container[key] = value
                container.marks.append(place)
                key = _NOKEY
            else:
                key = _key(container, value, place, event)
            if opens:
                stack.append((container, is_map, key))
                container, is_map, key = value, cls is MapStart, _NOKEY
    except yaml.MarkedYAMLError as exc:
        line, col = line_column(exc.problem_mark or exc.context_mark)
        what = exc.problem or exc.context or "cannot parse"
        raise YamlProblem(line, col, f"YAML syntax error: {what}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, other controls)
        line, col = _offset_place(text, exc.position, in_bytes=parser_class is not PyParser)
        raise YamlProblem(line, col, f"character {_char_name(exc.character)} is not allowed in YAML; remove it") from None
    except yaml.YAMLError as exc:
        line, col = line_column(getattr(exc, "problem_mark", None))
        raise YamlProblem(line, col, f"YAML error: {exc}") from None
    return root


def _char_name(character) -> str:
    code = character if isinstance(character, int) else ord(character) if isinstance(character, str) and character else None
    return f"U+{code:04X}" if code is not None else repr(character)


def _offset_place(text: str | bytes, offset: int, in_bytes: bool) -> tuple[int, int]:
    """(line, column) of a reader error's offset: a byte offset into the
    UTF-8 text for libyaml, a character offset for the pure-Python reader."""
    if in_bytes:
        data = text if isinstance(text, bytes) else text.encode("utf-8")
    else:
        data = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    newline = b"\n" if isinstance(data, bytes) else "\n"
    head = data[:offset]
    line_start = head.rfind(newline) + 1
    column_text = head[line_start:]
    column = len(column_text.decode("utf-8", "replace")) if isinstance(column_text, bytes) else len(column_text)
    return head.count(newline) + 1, column + 1


def _index_of(m: Map, key) -> int | None:
    for i, k in enumerate(m):
        if k == key and type(k) is type(key):
            return i
    return None


def value_place(m: Map, key) -> tuple[int, int]:
    """Where the value of `key` stands (else the mapping)."""
    i = _index_of(m, key)
    return line_column(m.place if i is None else m.marks[2 * i + 1])


def key_mark_place(m: Map, key) -> tuple[int, int]:
    """Where `key` itself stands (else the mapping)."""
    i = _index_of(m, key)
    return line_column(m.place if i is None else m.marks[2 * i])


def load_problem(path: str, exc: YamlProblem) -> Problem:
    return Problem(path, exc.line, exc.column, exc.message)
