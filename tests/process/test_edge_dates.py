"""Dates at the calendar's ends."""

import json

import pytest

from helpers import RU23, kd


@pytest.mark.parametrize("args", [["deadlines", "--as-of", "9999"], ["expiring", "--as-of", "9999-06"],
                                  ["expiring", "9999"], ["deadlines", "--within", "20y", "--as-of", "9990"]])
def test_the_calendars_end_is_a_clear_answer(args):
    r = kd(*args)
    assert r.returncode == 0, r.stderr
    assert "internal error" not in r.stderr


def test_an_automatically_renewing_agreement_is_in_force_at_the_calendars_end():
    r = kd("list", "-p", "russia", "--as-of", "9999-12-31", "-f", "json")
    ru = next(row for row in json.loads(r.stdout) if row["id"] == RU23)
    assert ru["status"] == "in-force"
