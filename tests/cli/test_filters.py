"""Filters: partners, refusals where a filter means something else, empty ranges."""


import pytest

from helpers import RU23


@pytest.mark.parametrize("args,names", [
    (["expiring", "--year", "2029"], "kdefense expiring 2029"),
    (["expiring", "2029", "--from", "2020"], "--within SPAN / --before DATE"),
    (["deadlines", "--to", "2030"], "--within SPAN"),
    (["deadlines", "--year", "2030"], "--within SPAN"),
    (["timeline", "--year", "2024"], "--from YEAR --to YEAR"),
])
def test_options_that_would_mean_something_else_are_refused(cli, args, names):
    r = cli(*args)
    assert r.code == 2 and names in r.err and len(r.err.strip().splitlines()) == 1


def test_refused_options_are_hidden_from_that_commands_help(cli):
    out = cli("expiring", "--help").out
    assert "--within" in out and "--year" not in out and "--partner" in out


@pytest.mark.parametrize("command", ["list", "timeline"])
def test_an_empty_date_range_is_a_usage_error(cli, command):
    r = cli(command, "--from", "2025", "--to", "2020")
    assert r.code == 2 and "--from 2025 is after --to 2020" in r.err


@pytest.mark.parametrize("name", ["UAE", "Qatar", "QAT", "قطر", "الإمارات", "Vietnam", "European Union"])
def test_a_real_country_with_nothing_on_record_is_an_empty_answer(cli, name):
    r = cli("list", "-p", name, "-f", "json")
    assert (r.code, r.json()) == (0, [])
    assert cli("list", "-p", name, "-e").code == 1


def test_a_real_country_under_another_name_finds_its_records(bundled):
    ids = bundled("list", "-p", "Russian Federation", "-f", "ids").out.split()
    assert ids == bundled("list", "-p", "RUS", "-f", "ids").out.split() and RU23 in ids


def test_an_invented_partner_is_still_a_usage_error(cli):
    r = cli("list", "-p", "Atlantis")
    assert r.code == 2 and "unknown partner 'Atlantis'" in r.err


def test_a_table_names_the_real_country_with_nothing_on_record(cli):
    r = cli("list", "-p", "qatar", "-f", "table")
    assert (r.code, r.out, r.err.strip()) == (0, "", "kdefense: Qatar: nothing on record")
    mixed = cli("list", "-p", "قطر", "-p", "russia", "-y", "1901", "-f", "table")
    assert "no agreements match (Qatar: nothing on record)" in mixed.err


@pytest.mark.parametrize("typed,meant", [("quatar", "Qatar"), ("rusia", "russia"), ("Untied Kingdom", "united-kingdom"),
                                         ("Frence", "france")])
def test_an_unknown_partner_suggests_partners_and_real_countries(bundled, typed, meant):
    r = bundled("list", "-p", typed)
    assert r.code == 2 and f"unknown partner '{typed}'; did you mean: " in r.err and meant in r.err.split("mean:")[1]
