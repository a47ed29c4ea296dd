"""Wrapping by terminal cells (kdefense/render/wrap.py)."""

import textwrap

from hypothesis import given
from hypothesis import strategies as st

from kdefense.render.wrap import cells, cut, wrap

WORDS = st.lists(st.sampled_from(["a", "word", "longerword", "自衛隊", "ニュース", "、", "（小牧）", "عربي",
                                  "http://example.org/a/very/long/link/that/cannot/break", "ä", "e\u0301"]),
                 max_size=30)


def test_wide_characters_count_two_cells_and_combining_marks_none():
    assert cells("abc") == 3
    assert cells("自衛隊") == 6
    assert cells("e\u0301") == 1
    assert cells("كِتاب") == 4  # the kasra takes no cell


def test_japanese_breaks_between_characters_but_not_before_closing_marks():
    lines = wrap("イラク復興支援派遣撤収業務隊が帰国、小牧基地で帰国報告", 12)
    assert all(cells(l) <= 12 for l in lines)
    assert "".join(lines) == "イラク復興支援派遣撤収業務隊が帰国、小牧基地で帰国報告"
    assert not any(l.startswith("、") for l in lines)


def test_ascii_wraps_as_textwrap_does():
    text = "Status of Japan Self-Defense Forces personnel in Kuwait (Iraq reconstruction support deployment)"
    assert wrap(text, 30, "  ", "    ") == textwrap.wrap(text, 30, initial_indent="  ", subsequent_indent="    ",
                                                        break_long_words=False, break_on_hyphens=False)


def test_an_empty_paragraph_gives_no_line():
    assert wrap("   ", 10, "> ") == []


@given(WORDS, st.integers(min_value=8, max_value=60))
def test_lines_fit_unless_one_unbreakable_word_is_wider_and_nothing_is_lost(words, width):
    text = " ".join(words)
    lines = wrap(text, width, "  ", "  ")
    for line in lines:
        assert cells(line) <= width or " " not in line.strip()
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_cut_keeps_short_text_and_cuts_long_text_to_the_width_with_an_ellipsis():
    assert cut("Arms deal", 20) == "Arms deal"
    assert cut("Arms purchase contract with the USSR", 15) == "Arms purchase…"
    assert cells(cut("自衛隊ニュース", 7)) <= 7 and cut("自衛隊ニュース", 7).endswith("…")


@given(st.text(max_size=80), st.integers(min_value=1, max_value=40))
def test_cut_never_exceeds_the_width(text, width):
    assert cells(cut(text, width)) <= width or cells(text) <= width
