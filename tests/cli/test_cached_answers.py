"""Every command answers the same from the cache as from the file."""


import pytest

from helpers import BUNDLED, cache_files, stale_copy
from kdefense import cache


@pytest.fixture
def data_file(tmp_path):
    return stale_copy(tmp_path)


QUERIES = [
    ["list", "-f", "json"],
    ["list", "--status", "current", "-f", "json"],
    ["expiring", "2004", "-f", "json"],
    ["expiring", "2029", "-f", "json"],
    ["expiring", "--within", "10y", "-f", "json"],
    ["deadlines", "--within", "10y", "-f", "json"],
    ["partners", "-f", "json"],
    ["types", "-f", "json"],
    ["timeline", "-f", "json"],
    ["stats", "-f", "json"],
    ["show", "kw-us-1991-dca", "-f", "json"],
    ["show", "kw-ru-2023-military-technical"],
]


@pytest.fixture
def data_copy(tmp_path):
    return stale_copy(tmp_path, BUNDLED)


def test_cli_gives_the_same_answer_cold_and_warm(cli, data_file):
    cold = cli("list", "-f", "json", data=data_file)
    warm = cli("list", "-f", "json", data=data_file)
    assert cold.code == warm.code == 0 and cold.out == warm.out
    assert len(cache_files()) == 1


@pytest.mark.parametrize("args", QUERIES, ids=[" ".join(q[:2]) for q in QUERIES])
def test_every_query_answers_the_same_cold_and_warm(cli, data_copy, args):
    cold = cli(*args, data=data_copy, env={"KDEFENSE_NO_CACHE": "1"})
    cli("types", data=data_copy)  # fill the cache
    assert list(cache.folder().glob("*.cache")), "the cache was not written"
    warm = cli(*args, data=data_copy)
    assert cold.code == warm.code == 0, (cold, warm)
    assert warm.out == cold.out


def test_a_record_that_fails_to_decode_later_is_a_miss(cli, data_copy, monkeypatch):
    want = cli("list", "-f", "json", data=data_copy, env={"KDEFENSE_NO_CACHE": "1"}).out
    cli("types", data=data_copy)  # fill the cache

    real = cache.LazyAgreements.__getitem__

    def broken(self, row):  # as if a record in the cache had a field the code does not know
        if row == 3:
            raise cache.Undecodable("ValueError: Agreement: 16 cached values for 15 fields")
        return real(self, row)

    monkeypatch.setattr(cache.LazyAgreements, "__getitem__", broken)
    r = cli("list", "-f", "json", data=data_copy)
    assert r.code == 0, r
    assert r.out == want
    assert not list(cache.folder().glob("*.cache"))  # the bad entry was dropped
