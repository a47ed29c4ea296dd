"""Shell completion through the installed command."""


import pytest

from helpers import RU23, kd


def _complete(words: str, cword: int) -> list[str]:
    r = kd(env={"_KDEFENSE_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)})
    return [line.split(",", 1)[-1] for line in r.stdout.splitlines()]


@pytest.mark.parametrize("words,cword,expected", [
    ("kdefense list --partner ru", 3, "russia"),
    ("kdefense list -p روس", 3, "روسيا"),
    ("kdefense expiring --type military-t", 3, "military-technical"),
    ("kdefense list --status pres", 3, "presumed-in-force"),
    ("kdefense list --status cur", 3, "current"),
    ("kdefense show kw-ru-2023", 2, RU23),
])
def test_completion_offers_dataset_values(words, cword, expected):
    assert expected in _complete(words, cword)
