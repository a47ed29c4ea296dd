"""kdefense timeline."""


from helpers import RU23


def test_timeline(cli):
    r = cli("timeline", "-p", "russia")
    lines = r.out.splitlines()
    assert lines[0].startswith("1993-08") and "signed" in lines[0]
    assert any("2024-03-03" in l and "ratified" in l for l in lines)
    rows = cli("timeline", "-f", "json").json()
    assert [r["date"] for r in rows] == sorted([r["date"] for r in rows], key=lambda d: (d[:4], d))


def test_timeline_dates_select_events_by_their_own_date(bundled):
    r = bundled("timeline", "--from", "2024", "--to", "2024", "-p", "russia", "-f", "json")
    events = {(e["date"], e["event"]) for e in r.json() if e["id"] == RU23}
    assert events == {("2024-03-03", "ratified"), ("2024-03-12", "in-force"), ("2024-10-28", "confirmed")}
    assert all(e["date"].startswith("2024") for e in r.json())


def test_timeline_since_1991_starts_in_1991(bundled):
    rows = bundled("timeline", "--from", "1991", "-f", "json").json()
    assert rows and rows[0]["date"] >= "1991" and any(r["id"] == "kw-gb-1961-exchange-of-notes" for r in
                                                      bundled("timeline", "-f", "json").json())


def test_timeline_does_not_say_the_us_agreement_ended(cli):
    rows = cli("timeline", "-p", "us", "-f", "json").json()
    dca = [(r["date"], r["event"]) for r in rows if r["id"] == "kw-us-1991-dca"]
    assert ("2001", "renewed") in dca and ("2021-04", "renewed") in dca
    assert not any(event.startswith("term-end") for _, event in dca)
