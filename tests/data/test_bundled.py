"""The bundled dataset: valid, sourced, and answering the questions it was built for."""

import json

import pytest

from helpers import BUNDLED, RU23, kd


@pytest.fixture(scope="module")
def rows():
    r = kd("--as-of", "2026-11-24", "list", "-f", "json", env={"KDEFENSE_NO_CACHE": "1"})  # module scope: no private cache
    assert r.returncode == 0, r.stderr
    return {row["id"]: row for row in json.loads(r.stdout)}


def test_bundled_dataset_is_valid(bundled):
    r = bundled("validate", as_of=None)
    assert r.code == 0, r.out
    # installed: the copy inside the package; editable: data/ in the checkout
    from kdefense.dataset import bundled_path

    assert bundled_path() in (BUNDLED, BUNDLED.parent.parent / "kdefense" / "data" / "agreements.yaml") or \
        bundled_path().parts[-3:] == ("kdefense", "data", "agreements.yaml")
    assert r.out.splitlines()[-1].startswith(f"{bundled_path()}: ok:")


def test_size(rows, bundled):
    partners = bundled("partners", "-f", "json").json()
    assert len(rows) >= 35
    assert len({p["id"] for p in partners if p["agreements"]}) >= 18


def test_every_record_is_sourced_and_graded(rows):
    for row in rows.values():
        assert row["sources"], row["id"]
        for src in row["sources"]:
            assert src["url"] or (src["publisher"] and src["date"]), row["id"]
            assert not (src["url"] or "").startswith(("file:", "/")), row["id"]
        assert row["confidence"] in ("high", "medium", "low"), row["id"]


def test_expiring_2029_lists_the_russia_agreement_with_its_notice_date(bundled):
    rows = bundled("expiring", "2029", "-f", "json").json()
    ru = [r for r in rows if r["id"] == RU23]
    assert len(ru) == 1
    assert (ru[0]["ends"], ru[0]["ends_notice_by"], ru[0]["projected"], ru[0]["estimated"]) == (
        "2029-03-12", "2028-09-12", False, False)


def test_russia_2023_agreement(rows):
    ru = rows[RU23]
    assert (ru["signed"], ru["in_force"], ru["status"], ru["renewal"]) == ("2023-07-03", "2024-03-12", "in-force", "automatic")
    assert ru["term"]["years"] == 5 and ru["term"]["renewal_years"] == 5 and ru["term"]["notice_months"] == 6
    assert {"id": "kw-ru-1993-defense-cooperation", "relation": "based-on"} in ru["related"]
    assert any(e["kind"] == "ratified" for e in ru["events"])
    assert ru["title_ar"]


def test_russia_partner_answers_to_every_name(bundled):
    for name in ("russia", "Russian Federation", "RU", "RUS", "USSR", "روسيا", "俄罗斯"):
        ids = bundled("list", "-p", name, "-f", "ids").out.split()
        assert RU23 in ids and "kw-ru-1993-defense-cooperation" in ids, name


@pytest.mark.parametrize("name,partner", [
    ("US", "united-states"), ("USA", "united-states"), ("الولايات المتحدة", "united-states"), ("美国", "united-states"),
    ("UK", "united-kingdom"), ("بريطانيا", "united-kingdom"), ("英国", "united-kingdom"), ("法国", "france"),
    ("中国", "china"), ("Türkiye", "turkey"), ("تركيا", "turkey"), ("GCC", "gcc"), ("Arab League", "arab-league"),
])
def test_partner_aliases(bundled, name, partner):
    r = bundled("list", "-p", name, "-f", "json", "--fields", "partner")
    assert r.code == 0, r.err
    assert {row["partner"] for row in r.json()} == {partner}


def test_states_have_iso_codes(bundled):
    for p in bundled("partners", "-f", "json").json():
        if p["kind"] == "state":
            assert len(p["iso"]) == 2 and len(p["iso"][0]) == 2 and len(p["iso"][1]) == 3, p["id"]


def test_multilateral_frameworks(rows):
    by_partner = {}
    for row in rows.values():
        by_partner.setdefault(row["partner"], []).append(row)
    jda = [r for r in by_partner["gcc"] if r["signed"] == "2000-12-31"]
    assert len(jda) == 1 and "Joint Defence" in jda[0]["title"]
    assert any("Peninsula Shield" in r["title"] for r in by_partner["gcc"])
    assert any("Damascus" in r["title"] for rs in by_partner.values() for r in rs)
    assert any(r["type"] == "multilateral-defense" for r in by_partner["arab-league"])


def test_seed_agreements_are_recorded(rows):
    # seed 000: US Oct 1991 (recorded as 19 Sep 1991 with the variant noted), UK Feb 1992,
    # France Aug 1992, Russia 1993; seed 002: Turkey TB2 (USD 367 m) and the 2024 executive
    # protocol; seed 004: Russia 2023 based on 1993.
    us = rows["kw-us-1991-dca"]
    assert us["signed"].startswith("1991") and "October 1991" in us["notes"]
    assert any(r["partner"] == "united-kingdom" and r["signed"].startswith("1992-02") for r in rows.values())
    assert any(r["partner"] == "france" and r["signed"].startswith("1992-08") for r in rows.values())
    assert rows["kw-ru-1993-defense-cooperation"]["signed"].startswith("1993")
    assert "August 1993" in rows["kw-ru-1993-defense-cooperation"]["notes"]
    tb2 = [r for r in rows.values() if "TB2" in r["title"]]
    assert len(tb2) == 1 and "367" in (tb2[0]["notes"] or "") + (tb2[0]["summary"] or "")
    assert any(r["partner"] == "turkey" and r["signed"] == "2024-05-07" and r["type"] == "protocol" for r in rows.values())


def test_seed_001_invents_no_agreement(rows):
    # The seed reports courtesy calls by the Japanese and Bangladeshi ambassadors; no
    # agreement of that visit may appear. (Japan's 2003 status-of-forces notes are sourced
    # to Japan's MOFA, not to the seed.)
    for row in rows.values():
        if row["partner"] == "japan":
            assert any("mofa.go.jp" in (s["url"] or "") for s in row["sources"])


def test_related_links(rows):
    def rel(a, b, kind):
        return {"id": b, "relation": kind} in rows[a]["related"]

    assert rel("kw-fr-2009-defence-cooperation", "kw-fr-1992-defence-agreement", "extends")
    assert rel("kw-fr-2022-forces-entry-protocol", "kw-fr-2009-defence-cooperation", "implements")
    assert rel("kw-bd-2022-contingent-agreement-renewal", "kw-bd-2021-contingent-agreement", "renews")


def test_uk_1961_notes_were_terminated(rows):
    uk = rows["kw-gb-1961-exchange-of-notes"]
    assert uk["status"] == "terminated" and uk["term_end"] == "1971-05-13"


def test_no_record_claims_a_date_more_precise_than_known(rows):
    # The US DCA's entry into force is unknown: its term dates are estimates.
    us = rows["kw-us-1991-dca"]
    assert us["in_force"] is None and us["estimated"] is True


def test_notes_speak_of_publications_not_of_the_project(bundled):
    text = json.dumps(bundled("list", "-f", "json").json(), ensure_ascii=False).lower()
    for word in ("seed 0", "project seed", "research fact sheet", "in the fact sheet", "the fact sheet had"):
        assert word not in text, word  # (a State Department "fact sheet" is a real publication)
