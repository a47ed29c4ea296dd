"""kdefense list: filters, sorting, partner names."""


import pytest

from helpers import RU23, SMALL, write


def ids(run):
    return run.out.split()


def test_piped_default_is_tsv_with_header(cli):
    r = cli("list")
    assert r.code == 0
    lines = r.out.splitlines()
    assert lines[0].split("\t")[:4] == ["id", "partner", "type", "signed"]
    assert len(lines) == 7 and all(len(l.split("\t")) == len(lines[0].split("\t")) for l in lines)


@pytest.mark.parametrize("name", ["russia", "RUSSIA", "Russian Federation", "RU", "rus", "روسيا", "俄罗斯", "USSR", "soviet union"])
def test_partner_matches_id_name_iso_and_aliases(cli, name):
    r = cli("list", "--partner", name, "-f", "ids")
    assert r.code == 0, r
    assert ids(r) == ["kw-ru-1993-defense-cooperation", RU23]


@pytest.mark.parametrize("name", ["Türkiye", "turkiye", "TURKIYE", "تركيا", "تركيّا", "ترکیا".replace("ک", "ك")])
def test_partner_matching_folds_accents_and_arabic_forms(cli, name):
    r = cli("list", "-p", name, "-f", "ids")
    assert r.code == 0, r
    assert ids(r) == ["kw-tr-2024-hostile"]


def test_arabic_alef_and_taa_marbuta_forms_fold(cli, tmp_path):
    text = SMALL.read_text(encoding="utf-8").replace("aliases: [GCC, مجلس التعاون الخليجي]", "aliases: [GCC, الأمانة العامة]")
    p = write(tmp_path, text)
    for spelling in ("الأمانة العامة", "الامانة العامه", "الإمانة العامة"):
        r = cli("list", "-p", spelling, "-f", "ids", data=p)
        assert ids(r) == ["kw-gcc-2000-joint-defence-agreement"], spelling


def test_repeated_filters_are_or_and_different_filters_are_and(cli):
    r = cli("list", "-p", "russia", "-p", "us", "-f", "ids")
    assert set(ids(r)) == {RU23, "kw-ru-1993-defense-cooperation", "kw-us-1991-dca"}
    r = cli("list", "-p", "russia", "-p", "us", "--type", "defense-cooperation", "-f", "ids")
    assert ids(r) == ["kw-us-1991-dca", "kw-ru-1993-defense-cooperation"]


def test_year_from_to_search_status(cli):
    assert ids(cli("list", "--year", "1993", "-f", "ids")) == ["kw-ru-1993-defense-cooperation"]
    assert ids(cli("list", "--from", "2000", "--to", "March 2024", "-f", "ids")) == [
        "kw-gcc-2000-joint-defence-agreement", RU23]
    assert ids(cli("list", "--search", "MILITARY-technical", "-f", "ids")) == [RU23]
    assert ids(cli("list", "--status", "terminated", "-f", "ids")) == ["kw-gb-1961-exchange-of-notes"]
    assert ids(cli("list", "--status", "expired", "-f", "ids")) == ["kw-ru-1993-defense-cooperation"]


def test_sort(cli):
    r = cli("list", "--sort", "id", "-f", "ids")
    assert ids(r) == sorted(ids(r))
    r = cli("list", "--sort", "wrong")
    assert r.code == 2 and "cannot sort by 'wrong'" in r.err
