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
    """A mapping that remembers where it and each of its values stand."""

    __slots__ = ("pos", "key_pos")

    def __init__(self, pos):
        super().__init__()
        self.pos = pos
        self.key_pos: dict = {}


class Seq(list):
    """A sequence that remembers where it and each of its items stand."""

    __slots__ = ("pos", "item_pos")

    def __init__(self, pos):
        super().__init__()
        self.pos = pos
        self.item_pos: list = []


class YamlProblem(Exception):
    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def _scalar(event) -> object:
    value = event.value
    if not event.implicit[0]:  # quoted or block scalar: always a string
        return value
    if value in _NULLS:
        return None
    if value == "true":
        return True
    if value == "false":
        return False
    if _INT.match(value):
        return int(value)
    return value


def load(text: str | bytes, path: str = "<data>", parser_class=None):
    """Parse YAML text; return the document's value (Map/Seq/scalars).

    Raises a `Problem`-carrying YamlProblem on anything refused.
    """
    parser = (parser_class or _Parser)(text)
    stack: list = []  # containers under construction; for maps, a pending key
    root = None
    documents = 0
    try:
        while True:
            event = parser.get_event()
            if event is None:
                break
            kind = type(event)
            if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.anchor is not None:
                    raise YamlProblem(*_pos(event.start_mark), f"anchor '&{event.anchor}' is not allowed (write the value out)")
                if event.tag is not None:
                    raise YamlProblem(*_pos(event.start_mark), f"tag '{event.tag}' is not allowed (plain values only)")
                pos = _pos(event.start_mark)
                if kind is yaml.ScalarEvent:
                    value = _scalar(event)
                elif kind is yaml.MappingStartEvent:
                    value = Map(pos)
                else:
                    value = Seq(pos)
                _attach(stack, value, pos)
                if kind is not yaml.ScalarEvent:
                    stack.append([value, _NOKEY])
                elif not stack:
                    root = value
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                done = stack.pop()[0]
                if not stack:
                    root = done
            elif kind is yaml.AliasEvent:
                raise YamlProblem(*_pos(event.start_mark), f"alias '*{event.anchor}' is not allowed (write the value out)")
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlProblem(*_pos(event.start_mark), "more than one YAML document; the dataset is one document")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _pos(mark)
        what = exc.problem or exc.context or "cannot parse"
        raise YamlProblem(line, col, f"YAML syntax error: {what}") from None
    except yaml.YAMLError as exc:  # reader errors (bad bytes) and the like
        mark = getattr(exc, "problem_mark", None)
        line, col = _pos(mark) if mark is not None else (0, 0)
        raise YamlProblem(line, col, f"YAML error: {exc}") from None
    return root


_NOKEY = object()


def _attach(stack: list, value, pos) -> None:
    if not stack:
        return
    frame = stack[-1]
    container = frame[0]
    if type(container) is Seq:
        container.append(value)
        container.item_pos.append(pos)
        return
    key = frame[1]
    if key is _NOKEY:
        if isinstance(value, (Map, Seq)):
            raise YamlProblem(*pos, "a mapping key must be a plain value")
        if value is None or isinstance(value, bool):
            raise YamlProblem(*pos, f"mapping key {value!r} must be text or a number")
        if value in container:
            first = container.key_pos[value][0]
            raise YamlProblem(
                *pos, f"duplicate key '{value}' (first at line {first[0]}); each key may appear once"
            )
        frame[1] = value
        container.key_pos[value] = (pos, None)
        return
    container[key] = value
    container.key_pos[key] = (container.key_pos[key][0], pos)
    frame[1] = _NOKEY


def key_position(m: Map, key) -> tuple[int, int]:
    """Where the value of `key` stands (or the key, or the mapping)."""
    entry = m.key_pos.get(key)
    if entry is None:
        return m.pos
    return entry[1] or entry[0]


def load_problem(path: str, exc: YamlProblem) -> Problem:
    return Problem(path, exc.line, exc.column, exc.message)
