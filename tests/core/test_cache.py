"""The dataset cache: a miss whenever in doubt, never a wrong answer."""

import os
import time

import pytest

from helpers import BUNDLED, SMALL, cache_files, stale_copy
from kdefense import cache, dataset, strict_yaml
from kdefense.errors import DataError


@pytest.fixture
def data_file(tmp_path):
    return stale_copy(tmp_path)


def ids(ds):
    return [a.id for a in ds.agreements]


@pytest.fixture
def data_copy(tmp_path):
    return stale_copy(tmp_path, BUNDLED)


def test_second_load_comes_from_the_cache(data_file, monkeypatch):
    first = dataset.load(data_file)
    assert len(cache_files()) == 1

    def no_yaml(*a, **k):
        raise AssertionError("YAML parsed again")

    monkeypatch.setattr(strict_yaml, "load", no_yaml)
    again = dataset.load(data_file)
    assert ids(again) == ids(first)
    ru = next(a for a in again.agreements if a.id == "kw-ru-2023-military-technical")
    assert str(ru.in_force) == "2024-03-12" and ru.term.notice_months == 6
    assert [str(e.date) for e in ru.events] == ["2024-03-03"] and ru.sources[0].publisher == "TASS"


def test_a_changed_file_is_read_again(data_file):
    dataset.load(data_file)
    text = data_file.read_text(encoding="utf-8").replace("title: Agreement on military-technical cooperation", "title: Changed title here ok")
    stat = data_file.stat()
    data_file.write_text(text, encoding="utf-8")
    os.utime(data_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime: ctime/size still differ
    titles = [a.title for a in dataset.load(data_file).agreements]
    assert "Changed title here ok" in titles


def test_a_just_written_file_is_not_cached(tmp_path):
    p = tmp_path / "fresh.yaml"
    p.write_bytes(SMALL.read_bytes())
    dataset.load(p)
    assert cache_files() == []


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_damaged_cache_is_ignored_and_rebuilt(data_file, damage):
    good = ids(dataset.load(data_file))
    (f,) = cache_files()
    blob = f.read_bytes()
    if damage == "truncate":
        f.write_bytes(blob[: len(blob) // 2])
    elif damage == "flip":
        f.write_bytes(blob[:-10] + bytes([blob[-10] ^ 0xFF]) + blob[-9:])
    elif damage == "garbage":
        f.write_bytes(b"\x00\xff" * 100)
    else:
        f.write_bytes(b"")
    assert ids(dataset.load(data_file)) == good
    assert cache.get(data_file) is not None  # rebuilt


def test_cache_can_be_switched_off(data_file, monkeypatch):
    monkeypatch.setenv("KDEFENSE_NO_CACHE", "1")
    dataset.load(data_file)
    assert cache_files() == []


def test_invalid_data_is_never_cached(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("schema: 1\npartners: {}\ntypes: {}\nagreements: [{id: x}]\n", encoding="utf-8")
    old = time.time() - 60
    os.utime(p, (old, old))
    with pytest.raises(DataError):
        dataset.load(p)
    assert cache_files() == []


def test_unwritable_cache_folder_is_not_an_error(data_file, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("KDEFENSE_CACHE_DIR", str(blocker / "sub"))
    assert len(ids(dataset.load(data_file))) == 6


def test_a_cached_dataset_builds_only_the_records_a_query_selects(data_file):
    from kdefense.index import Index

    dataset.load(data_file)
    ds = dataset.load(data_file)
    assert isinstance(ds.agreements, cache.LazyAgreements)
    index = Index(ds)
    assert [a.id for a in index.of_partner("russia")] == ["kw-ru-2023-military-technical", "kw-ru-1993-defense-cooperation"]
    assert sum(a is not None for a in ds.agreements._built) == 2
    assert index.get("kw-us-1991-dca").title == "Defense Cooperation Agreement"
    assert len(list(ds.agreements)) == 6


def test_only_regular_files_are_cached(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert cache._key(fifo) is None


def test_a_file_changed_while_being_read_is_not_cached(data_file, monkeypatch):
    real_read = dataset.read_file

    def read_then_edit(path):
        raw = real_read(path)
        data_file.write_bytes(raw.replace(b"title: Defense Cooperation Agreement", b"title: Edited meanwhile"))
        old = time.time() - 60
        os.utime(data_file, (old, old))
        return raw

    monkeypatch.setattr(dataset, "read_file", read_then_edit)
    dataset.load(data_file)
    assert cache_files() == []  # the parsed (old) content must not be kept under the new key
    monkeypatch.setattr(dataset, "read_file", real_read)
    assert "Edited meanwhile" in [a.title for a in dataset.load(data_file).agreements]


def test_a_cache_written_by_other_code_is_ignored(data_copy, monkeypatch):
    dataset.load(data_copy)
    assert cache.get(data_copy) is not None
    monkeypatch.setattr(cache, "code_digest", lambda: "other-code")
    assert cache.get(data_copy) is None  # a different key: a miss, never a stale answer


def test_the_code_digest_follows_the_packages_files(tmp_path, monkeypatch):
    first = cache.code_digest()
    assert first == cache.code_digest() and len(first) == 16


def test_cached_records_with_a_different_layout_do_not_decode(data_copy):
    import marshal

    from kdefense.models import Agreement

    dataset.load(data_copy)
    ds = cache.get(data_copy)
    blob = ds.agreements._rows[0]
    values, line = marshal.loads(blob)
    ds.agreements._rows = (marshal.dumps((values + ("extra",), line)),) + ds.agreements._rows[1:]
    with pytest.raises(cache.Undecodable):
        ds.agreements[0]
    assert len(Agreement.FIELDS) == len(values)
