"""Human text for `show`, `timeline` and `validate`. Plain text, safe to print.

`show` is built from named sections (head, facts, status, summary, events,
related, sources, notes), each a function returning lines; text wraps to
the terminal's width, or to 88 columns when written to a pipe or file.
"""

from __future__ import annotations

import textwrap

from . import Output, is_tty, safe

PIPE_WIDTH = 88
LABEL = 12  # width of the labels in show's facts


def _width(out) -> int:
    if is_tty(out):
        from .table import terminal_width  # noqa: PLC0415

        return max(40, terminal_width() - 1)
    return PIPE_WIDTH


def _wrap(value: str, width: int, indent: str = "  ", first: str | None = None) -> list[str]:
    out = []
    for n, para in enumerate(safe.text(value).splitlines() or [""]):
        lead = first if first is not None and n == 0 else indent
        out += textwrap.wrap(para, width=width, initial_indent=lead, subsequent_indent=indent,
                             break_long_words=False, break_on_hyphens=False) or [lead]
    return out


def renewal_sentence(term: dict) -> str:
    r = term.get("renewal") or "unknown"
    if r == "automatic":
        s = f"renews automatically for {term.get('renewal_years')} years at a time"
        if term.get("notice_months"):
            s += f" unless notice is given {term['notice_months']} months before the end"
        elif term.get("notice_days"):
            s += f" unless notice is given {term['notice_days']} days before the end"
        else:
            s += " unless notice is given (notice period not known)"
        return s
    return {
        "by-agreement": "ends at term end unless the parties renew it",
        "none": "ends at term end",
        "indefinite": "no fixed term" + (f"; terminable on {term['notice_months']} months' notice" if term.get("notice_months") else ""),
        "unknown": "term and renewal not known",
    }.get(r, r)


def basis_sentence(row: dict, as_of: str, extra: dict | None = None) -> str:
    """Why the status is what it is, in one or two sentences. `extra` may
    carry `confirmation` ({date, source_text}) and `ended` (for a presumed
    agreement, its last term end on record)."""
    extra = extra or {}
    basis, status, end = row.get("status_basis"), row.get("status"), row.get("term_end")
    confirmed = extra.get("confirmation") or {}
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
        ended = extra.get("ended")
        missing = (f" Its term on record ended on {ended}, so a renewal is missing from the record." if ended
                   else " Its term is not on record.")
        return (f"Presumed in force: {seen}, and nothing on record ended it.{missing} "
                "It has no dates to project.")
    if basis == "no-end-on-record":
        return ("Presumed in force: it started and nothing on record ended it, but its term is not on record "
                "and no later source on record shows it operating. It has no dates to project.")
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


# -- show, section by section ------------------------------------------------------

def _head(row: dict, width: int) -> list[str]:
    lines = [safe.line(row["id"])] + _wrap(row["title"], width)
    if row.get("title_ar"):
        lines += _wrap(row["title_ar"], width)
    return lines + [""]


def _facts(row: dict, o: Output, width: int) -> list[str]:
    lines: list[str] = []

    def field(label: str, value) -> None:
        if value not in (None, ""):
            lines.extend(_wrap(str(value), width, indent=" " * LABEL, first=f"{label:<{LABEL}}"))

    type_description = o.extra.get("type_description")
    field("Partner", f"{row['partner_name']} ({row['partner']})")
    field("Type", row["type"] + (f": {type_description}" if type_description else ""))
    field("Signed", row["signed"] + (f", {row['place']}" if row.get("place") else ""))
    field("In force", row.get("in_force") or "not known")
    term = row.get("term") or {}
    length = " ".join(f"{term[k]} {k}" for k in ("years", "months", "days") if term.get(k))
    field("Term", (f"{length}; " if length else "") + renewal_sentence(term))
    status = row.get("status") or "not yet signed"
    field("Status", f"{status} as of {o.as_of}" + (f" (basis: {row['status_basis']})" if row.get("status_basis") else ""))
    field("Why", basis_sentence(row, str(o.as_of), o.extra))
    if row.get("term_end"):
        end = row["term_end"]
        if row.get("notice_by"):
            end += f" (notice to stop renewal by {row['notice_by']})"
        field("Term end", end)
    if row.get("last_confirmed"):
        field("Confirmed", f"latest on {row['last_confirmed']}")
    if row.get("estimated"):
        field("Estimated", "yes: the term's start is not known; it is counted from "
              + ("ratification" if any(e["kind"] == "ratified" for e in row["events"]) else "signature"))
    field("Confidence", row.get("confidence"))
    return lines


def _section(title: str, body: list[str]) -> list[str]:
    return ["", title] + body if body else []


def _events(row: dict, width: int) -> list[str]:
    lines = []
    for e in row["events"]:
        bits = [e["kind"]]
        for b in (e.get("instrument"), e.get("number") and f"no. {e['number']}",
                  e.get("until") and f"until {e['until']}", e.get("years") and f"{e['years']} years"):
            if b:
                bits.append(str(b))
        if e.get("source") is not None:
            bits.append(f"[source {e['source'] + 1}]")
        lines.append(safe.line(f"  {e['date']:<11}{' '.join(bits)}"))
        if e.get("note"):
            lines += _wrap(e["note"], width, indent=" " * 13)
    return lines


def _related(row: dict, o: Output, width: int) -> list[str]:
    titles = o.extra.get("related_titles", {})
    lines = []
    for r in row["related"]:
        text = f"{r['id']}" + (f"  ({titles[r['id']]})" if r["id"] in titles else "")
        lines += _wrap(text, width, indent=" " * 13, first=f"  {r['relation']:<11}")
    return lines


def _sources(row: dict, width: int) -> list[str]:
    lines = []
    for i, src in enumerate(row["sources"], 1):
        head = ", ".join(x for x in (src.get("title"), src.get("publisher"), src.get("date")) if x)
        lines += _wrap(head, width, indent=" " * 6, first=f"  [{i}] ")
        if src.get("url"):
            lines.append(safe.line(f"      {src['url']}"))  # a link stays whole, to be copied
    return lines


def show(row: dict, o: Output, width: int = PIPE_WIDTH) -> str:
    lines = _head(row, width) + _facts(row, o, width)
    if row.get("summary"):
        lines += _section("Summary", _wrap(row["summary"], width))
    lines += _section("Events", _events(row, width))
    lines += _section("Related", _related(row, o, width))
    lines += _section("Sources", _sources(row, width))
    if row.get("notes"):
        lines += _section("Notes", _wrap(row["notes"], width))
    return "\n".join(lines) + "\n"


def write_show(rows: list[dict], o: Output) -> None:
    width = _width(o.out)
    o.out.write("\n".join(show(r, o, width) for r in rows))


def timeline(rows: list[dict]) -> str:
    if not rows:
        return ""
    wid = max(len(r["id"]) for r in rows)
    wev = max(len(r["event"]) for r in rows)
    out = []
    for r in rows:
        out.append(safe.line(f"{r['date']:<10}  {r['id']:<{wid}}  {r['event']:<{wev}}  {r['detail']}").rstrip())
    return "\n".join(out) + "\n"


def write_timeline(rows: list[dict], o: Output) -> None:
    import sys  # noqa: PLC0415

    if not rows:
        sys.stderr.write(f"kdefense: {o.empty_note}\n")
    o.out.write(timeline(rows))


def write_problems(rows: list[dict], o: Output) -> None:
    """`validate`: one problem per line; rows are Problem.as_dict() plus `text`."""
    for r in rows:
        o.out.write(safe.line(r["text"]) + "\n")
