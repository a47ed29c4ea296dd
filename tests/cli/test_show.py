"""kdefense show."""


from helpers import RU23


def test_a_left_out_field_takes_its_empty_value(cli):
    """A record with no term, and a term with no renewal, read as renewal 'unknown'
    (the generated __init__ writes defaults as Python values, not their repr)."""
    from kdefense.models import Agreement, Term

    assert Term().renewal == "unknown" and Term(years=5).renewal == "unknown"
    assert Agreement(id="x").term.renewal == "unknown" and Agreement(id="x").events == []
    assert Agreement(id="x").events is not Agreement(id="y").events
    rows = cli("list", "-f", "json", "--fields", "id,renewal").json()
    assert {r["renewal"] for r in rows} <= {"automatic", "by-agreement", "none", "indefinite", "unknown"}


def test_show_text(cli):
    r = cli("show", RU23)
    assert r.code == 0
    for fragment in ("Agreement on military-technical cooperation", "اتفاقية تعاون عسكري فني",
                     "Term end    2029-03-12 (notice to stop renewal by 2028-09-12)",
                     "based-on   kw-ru-1993-defense-cooperation", "https://www.alhurra.com/",
                     "ratified Amiri decree [source 2]", "Notes"):
        assert fragment in r.out, fragment


def test_show_json_is_a_one_element_array(cli):
    rows = cli("show", RU23, "-f", "json").json()
    assert len(rows) == 1 and rows[0]["id"] == RU23


def test_show_escapes_terminal_sequences(cli):
    r = cli("show", "kw-tr-2024-hostile")
    assert "\x1b" not in r.out and "\x07" not in r.out and "\\x1b[31m" in r.out
