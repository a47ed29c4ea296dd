"""A strict YAML reader that keeps the position of every value.

It builds plain Python values from PyYAML's event stream (the C parser where it
is available), so that it can refuse what the dataset must never contain:

- tags of any kind (`!!python/object`, `!!str`, ...): nothing is constructed from the data;
- anchors and aliases (the dataset needs none, and they allow expansion bombs);
- duplicate mapping keys (PyYAML would silently keep the last one);
- more than one document.

Plain scalars become `None` (`null`, `~`, empty), `int` (decimal digits), `True`/`False`
(only `true`/`false`) and strings otherwise: `NO` stays a string and `2024-03-12`
stays text for the date type to parse.
"""

from __future__ import annotations

import re
import sys
from array import array

import yaml

from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner


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


from .errors import Problem

_INT = re.compile(r"^[-+]?[0-9]+$")
_NULLS = {"", "~", "null", "Null", "NULL"}


class Map(dict):
    """A mapping that remembers where it, each key and each value stand.

    Positions are packed ints (see where()); `marks` holds them flat, key then
    value, in the mapping's order. (One int array per mapping, not two dicts
    of objects: a 100,000-record file has half a million mappings.)
    """

    __slots__ = ("pos", "marks")

    def __init__(self, pos):
        super().__init__()
        self.pos = pos
        self.marks = array("q")


class Seq(list):
    """A sequence that remembers where it and each of its items stand."""

    __slots__ = ("pos", "item_pos")

    def __init__(self, pos):
        super().__init__()
        self.pos = pos
        self.item_pos = array("q")


class YamlProblem(Exception):
    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def where(pos) -> tuple[int, int]:
    """(line, column), 1-based, of a packed position, a PyYAML mark or a
    (line, column) pair; (0, 0) when unknown."""
    if pos is None:
        return (0, 0)
    if isinstance(pos, int):
        return (pos >> 16, pos & 0xFFFF)
    if isinstance(pos, tuple):
        return pos
    return (pos.line + 1, pos.column + 1)


_NOKEY = object()


def _refuse(event) -> None:
    if event.anchor is not None:
        raise YamlProblem(*where(event.start_mark), f"anchor '&{event.anchor}' is not allowed (write the value out)")
    raise YamlProblem(*where(event.start_mark), f"tag '{event.tag}' is not allowed (plain values only)")


def load(text: str | bytes, path: str = "<data>", parser_class=None):
    """Parse YAML text; return the document's value (Map/Seq/scalars).

    Raises YamlProblem (line, column, message) on anything refused. This loop
    runs once per YAML event, so it is written for speed: marks are kept as
    PyYAML gives them and turned into numbers only when a message needs them.
    """
    get_event = (parser_class or _Parser)(text).get_event
    Scalar, MapStart, SeqStart = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    MapEnd, SeqEnd, Alias, DocStart = yaml.MappingEndEvent, yaml.SequenceEndEvent, yaml.AliasEvent, yaml.DocumentStartEvent
    nulls, int_match, intern = _NULLS, _INT.match, sys.intern
    root = None
    container = None  # the mapping or sequence being filled
    is_map = False
    key = _NOKEY  # in a mapping: the key waiting for its value
    stack: list = []
    documents = 0
    try:
        while True:
            event = get_event()
            if event is None:
                break
            cls = event.__class__
            if cls is Scalar:
                if event.anchor is not None or event.tag is not None:
                    _refuse(event)
                value = event.value
                if event.implicit[0]:  # plain scalar; quoted and block scalars stay text
                    if value in nulls:
                        value = None
                    elif value == "true":
                        value = True
                    elif value == "false":
                        value = False
                    elif int_match(value):
                        value = int(value)
                opens = False
            elif cls is MapStart or cls is SeqStart:
                if event.anchor is not None or event.tag is not None:
                    _refuse(event)
                opens = True
            elif cls is MapEnd or cls is SeqEnd:
                container, is_map, key = stack.pop()
                continue
            else:
                if cls is Alias:
                    raise YamlProblem(*where(event.start_mark), f"alias '*{event.anchor}' is not allowed (write the value out)")
                if cls is DocStart:
                    documents += 1
                    if documents > 1:
                        raise YamlProblem(*where(event.start_mark), "more than one YAML document; the dataset is one document")
                continue
            m = event.start_mark
            mark = ((m.line + 1) << 16) | min(m.column + 1, 0xFFFF)
            if opens:
                value = Map(mark) if cls is MapStart else Seq(mark)
            # Attach the value (scalar or new container) where it belongs.
            if container is None:
                root = value
            elif not is_map:
                container.append(value)
                container.item_pos.append(mark)
            elif key is not _NOKEY:
                container[key] = value
                container.marks.append(mark)
                key = _NOKEY
            elif opens:
                raise YamlProblem(*where(mark), "a mapping key must be a plain value")
            else:
                if value is None or value is True or value is False:
                    raise YamlProblem(*where(mark), f"mapping key {event.value!r} must be text or a number")
                if value in container:
                    first = where(container.marks[2 * list(container).index(value)])[0]
                    raise YamlProblem(*where(mark), f"duplicate key '{value}' (first at line {first}); each key may appear once")
                key = intern(value) if value.__class__ is str else value  # keys repeat in every record
                container.marks.append(mark)
            if opens:
                stack.append((container, is_map, key))
                container, is_map, key = value, cls is MapStart, _NOKEY
    except yaml.MarkedYAMLError as exc:
        line, col = where(exc.problem_mark or exc.context_mark)
        what = exc.problem or exc.context or "cannot parse"
        raise YamlProblem(line, col, f"YAML syntax error: {what}") from None
    except yaml.YAMLError as exc:  # reader errors (bad bytes) and the like
        line, col = where(getattr(exc, "problem_mark", None))
        raise YamlProblem(line, col, f"YAML error: {exc}") from None
    return root


def _index(m: Map, key) -> int | None:
    for i, k in enumerate(m):
        if k == key and type(k) is type(key):
            return i
    return None


def key_position(m: Map, key) -> tuple[int, int]:
    """Where the value of `key` stands (else the mapping)."""
    i = _index(m, key)
    return where(m.pos if i is None else m.marks[2 * i + 1])


def key_mark_position(m: Map, key) -> tuple[int, int]:
    """Where `key` itself stands (else the mapping)."""
    i = _index(m, key)
    return where(m.pos if i is None else m.marks[2 * i])


def load_problem(path: str, exc: YamlProblem) -> Problem:
    return Problem(path, exc.line, exc.column, exc.message)
