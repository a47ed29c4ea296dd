"""Wrap text to a width counted in terminal cells, not characters.

`textwrap` counts code points: a Japanese or Chinese title (two cells a
character, no spaces to break at) runs past the terminal's edge. Here a wide
character counts two cells and a line may break between two of them, as
Unicode line breaking allows for ideographs; closing punctuation such as `、`
or `）` never starts a line. Combining marks (Arabic vowel signs) count zero.
A word wider than the line (a URL) is kept whole, as textwrap's
`break_long_words=False` does.
"""

from __future__ import annotations

import unicodedata

# Wide characters that may not begin a line (Japanese kinsoku, Chinese equivalents).
NO_BREAK_BEFORE = frozenset("、。，．・：；？！）」』】〕〉》〙〗ー々ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")


def char_cells(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cells(text: str) -> int:
    """How many terminal cells `text` takes."""
    if text.isascii():
        return len(text)
    return sum(char_cells(ch) for ch in text)


def _units(word: str) -> list[str]:
    """A word cut where a line may break inside it: before and after each wide
    character, except before closing punctuation."""
    if word.isascii():
        return [word]
    out: list[str] = []
    narrow = False  # whether the last unit is a run of narrow characters
    for ch in word:
        size = char_cells(ch)
        wide = size == 2
        if out and (ch in NO_BREAK_BEFORE or (not wide and narrow) or size == 0):
            out[-1] += ch
        else:
            out.append(ch)
        narrow = not wide and ch not in NO_BREAK_BEFORE
    return out


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """`text` (one paragraph) as lines of at most `width` cells where it can
    be broken; whitespace runs become one space. An empty paragraph gives []."""
    lines: list[str] = []
    line, used, bare = initial_indent, cells(initial_indent), True
    for word in text.split():
        for n, unit in enumerate(_units(word)):
            gap = 1 if n == 0 and not bare else 0
            size = cells(unit)
            if not bare and used + gap + size > width:
                lines.append(line)
                line, used, gap = subsequent_indent, cells(subsequent_indent), 0
            line += " " * gap + unit
            used += gap + size
            bare = False
    if not bare:
        lines.append(line)
    return lines


def cut(text: str, width: int) -> str:
    """`text` cut to at most `width` cells, ending in `…` when it was cut."""
    if cells(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        size = char_cells(ch)
        if used + size > width - 1:
            break
        out.append(ch)
        used += size
    return "".join(out).rstrip() + "…"
