"""What each status and basis means, in words: the one table read by the
terminal table's legend, `show`, the briefing and the chart's tooltips.

`status_words` and `status_cell` are short (for lists, tables and tooltips);
`basis_sentence` explains one agreement's status in a sentence or two.
"""

from __future__ import annotations

STATUS_WORDS = {"in-force": "in force", "presumed-in-force": "presumed in force"}
SINCE_YEARS = 10  # evidence older than this is "old" (chart shading, report)

# What a presumption is, for legends under tables.
PRESUMED = ("presumed: it started and nothing on record ended it, but its term is not on record; 'seen' gives "
            "the month of its latest evidence, 'signed' says nothing on record is newer than its signature")


def status_cell(row: dict) -> str:
    """The status of an agreement row as a table shows it: a presumption
    with the month of its latest evidence (`presumed, seen 2022-03`,
    `presumed, signed 2003`: nothing newer than its signature), a dormant
    agreement with when its purpose ended, a pending approval named."""
    status, basis, seen = row.get("status"), row.get("status_basis"), row.get("last_evidence")
    month = seen[:7] if seen else None  # a table gives the month; show and JSON the day
    if status == "presumed-in-force":
        signed = row.get("signed") or row.get("signed_before")
        if seen is None:
            return "presumed"
        return f"presumed, signed {month}" if seen == signed and basis != "confirmed" else f"presumed, seen {month}"
    if status == "dormant":
        return f"dormant since {month}" if month else "dormant"
    if status == "signed" and basis == "approval-pending":
        return "signed, approval pending"
    return status or ""


def signed_words(a) -> str:
    """`signed 2003-12-22`, or `signed before 2014-11` for an instrument known only from a later report."""
    return f"signed {a.signed}" if a.signed is not None else f"signed before {a.signed_before}"


# A dormant record's Why line quotes the note of its `purpose-ended` event only
# when it is this short; a longer note is left to the Events section below it.
WHY_NOTE_MAX = 100


def status_words(status: str | None) -> str:
    return STATUS_WORDS.get(status, status) if status else "not yet signed"


def basis_sentence(row: dict, as_of: str, ended: str | None = None, confirmation: dict | None = None,
                   evidence: dict | None = None) -> str:
    """Why the status of the agreement `row` (an agreement row) is what it
    is, in one or two sentences. `confirmation`: {date, source_text} of the
    latest confirmation; `ended`: for a presumed agreement, its last term end
    on record; `evidence`: {date, what, source_text} of the step that a
    presumption, a dormant status or a pending approval rests on."""
    basis, status, end = row.get("status_basis"), row.get("status"), row.get("term_end")
    confirmed = confirmation or {}
    ev = evidence or {}
    cited = f" ({ev['source_text']})" if ev.get("source_text") else ""
    seen = ""
    if confirmed:
        seen = f"a source shows it operating on {confirmed['date']}"
        if confirmed.get("source_text"):
            seen += f" ({confirmed['source_text']})"
    if basis == "term":
        if status == "signed":
            return "Its entry into force lies ahead."
        if status == "expired":
            return f"Its term on record ended on {end} and nothing on record renewed it."
        return f"It is within a term on record, which ends on {end}." if end else "It is within a term on record."
    if basis == "indefinite":
        return "It has no fixed term, and nothing on record ended it."
    if basis == "event":
        if status in ("terminated", "superseded"):
            return f"A recorded event ended it: {status} on {end}."
        if status == "expired":
            return f"A recorded event set its last term, which ended on {end}."
        if status == "unknown":
            return "It was denounced, but no notice period is on record, so when it ends is not known."
        return f"A recorded renewal or extension set its current term, which ends on {end}."
    if basis == "confirmed":
        missing = (f" Its term on record ended on {ended}, so a renewal is missing from the record." if ended
                   else " Its term is not on record.")
        return (f"Presumed in force: {seen}, and nothing on record ended it.{missing} "
                "It has no dates to project.")
    if basis == "no-end-on-record":
        latest = f" Its latest evidence is its {ev['what']} on {ev['date']}{cited}." if ev else ""
        return ("Presumed in force: it started and nothing on record ended it, but its term is not on record "
                f"and no later source on record shows it operating.{latest} It has no dates to project.")
    if basis == "purpose-ended":
        what = ev.get("what") or ""
        if len(what) > WHY_NOTE_MAX:
            return (f"Dormant: nothing on record ended it, but what it served ended on {ev.get('date')}{cited}, "
                    "so it is no longer presumed in force. Its event on record says what ended.")
        return (f"Dormant: nothing on record ended it, but what it served has ended ({what} on {ev.get('date')}"
                f"{cited}), so it is no longer presumed in force.")
    if basis == "approval-pending":
        if not ev.get("date"):
            return ("Signed, not in force: it enters into force once both parties have approved it, and neither "
                    "approval is on record.")
        return (f"Signed, not in force: it enters into force once both parties have approved it, and "
                f"{ev['what']} is on record{cited}; the other approval is not.")
    if basis == "contract":
        return "A one-off instrument (its type): carried out, not kept in force."
    if basis == "precision":
        return f"A date on record is too coarse to tell the status on {as_of}."
    if basis == "conflict":
        return f"The record contradicts itself: {seen} after it was recorded as ended."
    if basis == "renewal-unknown":
        return (f"Its fixed term on record ended on {end}; whether it was renewed is not on record, and no later "
                "source on record shows it operating.")
    return ""
