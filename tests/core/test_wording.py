"""Status wording (kdefense/wording.py): the Why sentence of `show`."""

from kdefense import wording

DORMANT = {"status": "dormant", "status_basis": "purpose-ended", "term_end": None}


def test_a_short_purpose_ended_note_is_quoted_in_the_why_sentence():
    ev = {"date": "2009-02-14", "what": "the last unit returned home", "source_text": "source 1: MoD, 2009-02-14"}
    said = wording.basis_sentence(DORMANT, "2026-12-04", evidence=ev)
    assert "has ended (the last unit returned home on 2009-02-14 (source 1: MoD, 2009-02-14))" in said


def test_a_long_purpose_ended_note_is_left_to_the_events_section():
    note = "The airlift ended on 12 Dec 2008 and the withdrawal unit returned in five groups. " * 3
    ev = {"date": "2009-02-14", "what": note, "source_text": "source 4: Boueinews, 2009-03-01"}
    said = wording.basis_sentence(DORMANT, "2026-12-04", evidence=ev)
    assert "withdrawal unit" not in said
    assert "ended on 2009-02-14 (source 4: Boueinews, 2009-03-01)" in said
    assert len(said) < 220


PENDING = {"status": "signed", "status_basis": "approval-pending", "term_end": None}


def test_a_pending_approval_names_the_approval_on_record():
    ev = {"date": "2026-01", "what": "Kuwait's approval (Decree-Law, 2026-01)", "source_text": "source 2: KUNA"}
    said = wording.basis_sentence(PENDING, "2026-12-04", evidence=ev)
    assert "Kuwait's approval (Decree-Law, 2026-01) is on record (source 2: KUNA); the other approval is not." in said


def test_with_no_approval_on_record_neither_is_said_not_the_other():
    said = wording.basis_sentence(PENDING, "2026-12-04", evidence={"date": None, "what": "no approval",
                                                                   "source_text": None})
    assert "neither approval is on record" in said and "the other approval" not in said
