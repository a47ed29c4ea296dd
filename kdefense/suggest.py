"""Close matches for a mistyped name ("did you mean ...?"), kept cheap.

difflib compares the word with every candidate, so a file with thousands of
broken references against tens of thousands of ids would be quadratic. A
`Suggester` compares only a few hundred candidates near the word, and stops
suggesting after `budget` words: every later problem is still reported, just
without a guess.
"""

from __future__ import annotations


class Suggester:
    """Close matches among `choices`. A large set is narrowed first to the
    candidates nearest the word in sorted order, forwards and backwards (a
    typo late in a word keeps its start, one early keeps its end), so each
    guess costs a few hundred comparisons, not one per choice."""

    def __init__(self, choices, budget: int = 25, cutoff: float = 0.6, pool: int = 400):
        self._choices = choices
        self._sorted: tuple[list[str], list[str]] | None = None
        self.budget = budget
        self.cutoff = cutoff
        self.pool = pool

    def _candidates(self, word: str) -> list[str]:
        if len(self._choices) <= self.pool:
            return [c for c in self._choices if isinstance(c, str)]
        if self._sorted is None:
            words = [c for c in self._choices if isinstance(c, str)]
            self._sorted = (sorted(words), sorted(w[::-1] for w in words))
        import bisect  # noqa: PLC0415

        forward, backward = self._sorted
        half = self.pool // 4
        out = []
        for ordered, key, flip in ((forward, word, False), (backward, word[::-1], True)):
            i = bisect.bisect_left(ordered, key)
            near = ordered[max(0, i - half): i + half]
            out += [w[::-1] for w in near] if flip else near
        return list(dict.fromkeys(out))

    def close(self, word: str, n: int = 3) -> list[str]:
        if self.budget <= 0 or not isinstance(word, str):
            return []
        self.budget -= 1
        import difflib  # noqa: PLC0415 - only on the error path

        return difflib.get_close_matches(word, self._candidates(word), n=n, cutoff=self.cutoff)


def close(word: str, choices, n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Up to `n` close matches of `word` among `choices`, best first."""
    return Suggester(choices, budget=1, cutoff=cutoff).close(word, n)
