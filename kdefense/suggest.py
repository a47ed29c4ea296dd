"""Close matches for a mistyped name ("did you mean ...?"), kept cheap.

difflib compares the word with every candidate, so a file with thousands of
broken references against tens of thousands of ids would be quadratic. A
`Suggester` compares a large set's candidates of about the same length only, and stops
suggesting after `budget` words: every later problem is still reported, just
without a guess.
"""

from __future__ import annotations


class Suggester:
    def __init__(self, choices, budget: int = 25, cutoff: float = 0.6, pool: int = 4000):
        self._choices = choices
        self._by_length: dict[int, list[str]] | None = None
        self.budget = budget
        self.cutoff = cutoff
        self.pool = pool

    def _candidates(self, word: str) -> list[str]:
        if len(self._choices) <= self.pool:
            return [c for c in self._choices if isinstance(c, str)]
        if self._by_length is None:
            by_length: dict[int, list[str]] = {}
            for c in self._choices:
                if isinstance(c, str):
                    by_length.setdefault(len(c), []).append(c)
            self._by_length = by_length
        n = len(word)
        out: list[str] = []
        for d in (0, -1, 1, -2, 2, -3, 3):  # nearest lengths first; a close match differs little in length
            out += self._by_length.get(n + d, ())
            if len(out) >= self.pool:
                return out[: self.pool]
        return out

    def close(self, word: str, n: int = 3) -> list[str]:
        if self.budget <= 0 or not isinstance(word, str):
            return []
        self.budget -= 1
        import difflib  # noqa: PLC0415 - only on the error path

        return difflib.get_close_matches(word, self._candidates(word), n=n, cutoff=self.cutoff)


def close(word: str, choices, n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Up to `n` close matches of `word` among `choices`, best first."""
    return Suggester(choices, budget=1, cutoff=cutoff).close(word, n)
