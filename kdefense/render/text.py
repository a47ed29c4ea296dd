"""Human text for `show`, `timeline` and `validate`. Plain text, safe to print.

`show` is built from named sections (head, facts, status, summary, events,
related, sources, notes), each a function returning lines; text wraps to
the terminal's width in cells (render/wrap.py: wide characters count two), or to 88 columns when written to a pipe or file.
"""

from __future__ import annotations

from .. import wording
from . import escape
from .terminal import Terminal
from .wrap import cut, wrap

PIPE_WIDTH = 88
LABEL = 12  # width of the labels in show's facts


def _width(terminal: Terminal) -> int:
    return max(40, terminal.width - 1) if terminal.tty else PIPE_WIDTH


def _wrap(value: str, width: int, indent: str = "  ", first: str | None = None) -> list[str]:
    out = []
    for n, para in enumerate(escape.text(value).splitlines() or [""]):
        lead = first if first is not None and n == 0 else indent
        out += wrap(para, width, initial_indent=lead, subsequent_indent=indent) or [lead]
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


# -- show, section by section ------------------------------------------------------

def _head(row: dict, width: int) -> list[str]:
    lines = [escape.line(row["id"])] + _wrap(row["title"], width)
    if row.get("title_ar"):
        lines += _wrap(row["title_ar"], width)
    return lines + [""]


def _facts(d, as_of, width: int) -> list[str]:
    row = d.row
    lines: list[str] = []

    def field(label: str, value) -> None:
        if value not in (None, ""):
            lines.extend(_wrap(str(value), width, indent=" " * LABEL, first=f"{label:<{LABEL}}"))

    type_description = d.type_description
    field("Partner", f"{row['partner_name']} ({row['partner']})")
    field("Type", row["type"] + (f": {type_description}" if type_description else ""))
    signed = row["signed"] if row.get("signed") else f"before {row['signed_before']} (known from a later report)"
    field("Signed", signed + (f", {row['place']}" if row.get("place") else ""))
    by = {"approvals": "on both parties' approval", "signature": "on signature"}.get(row.get("in_force_by") or "")
    field("In force", (row.get("in_force") or "not known") + (f" ({by})" if by else ""))
    term = row.get("term") or {}
    length = " ".join(f"{term[k]} {k}" for k in ("years", "months", "days") if term.get(k))
    field("Term", (f"{length}; " if length else "") + renewal_sentence(term))
    status = row.get("status") or "not yet signed"
    field("Status", f"{status} as of {as_of}" + (f" (basis: {row['status_basis']})" if row.get("status_basis") else ""))
    field("Why", wording.basis_sentence(row, str(as_of), d.ended, d.confirmation, d.evidence))
    if row.get("last_evidence"):
        field("Evidence", f"latest step on record: {row['last_evidence']}")
    if d.successor:
        s = d.successor
        when = f"from {s['date']}" + (" (its signature; estimated)" if s["estimated"] else "")
        field("Replaced by", f"{s['id']} ({s['title']}), which {s['relation'] or 'supersedes'} it, {when}")
    if row.get("term_end"):
        end = row["term_end"]
        if row.get("notice_by"):
            end += f" (notice to stop renewal by {row['notice_by']})"
        field("Term end", end)
    if row.get("last_confirmed"):
        field("Confirmed", f"latest on {row['last_confirmed']}")
    if row.get("xref"):
        field("Elsewhere", "; ".join(f"{k}: {v}" for k, v in row["xref"].items()))
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
        lines.append(escape.line(f"  {e['date']:<11}{' '.join(bits)}"))
        if e.get("note"):
            lines += _wrap(e["note"], width, indent=" " * 13)
    return lines


def _related(row: dict, titles: dict, width: int) -> list[str]:
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
            lines.append(escape.line(f"      {src['url']}"))  # a link stays whole, to be copied
    return lines


def show(d, as_of, width: int = PIPE_WIDTH) -> str:
    """One agreement in full (a query.Detail) as of `as_of`."""
    row = d.row
    lines = _head(row, width) + _facts(d, as_of, width)
    if row.get("summary"):
        lines += _section("Summary", _wrap(row["summary"], width))
    lines += _section("Events", _events(row, width))
    lines += _section("Related", _related(row, d.related_titles, width))
    lines += _section("Sources", _sources(row, width))
    if row.get("notes"):
        lines += _section("Notes", _wrap(row["notes"], width))
    return "\n".join(lines) + "\n"


def render_show(doc, terminal: Terminal) -> str:
    width = _width(terminal)
    return "\n".join(show(d, doc.as_of, width) for d in doc.items)


def timeline(rows: list[dict], width: int | None = None) -> str:
    """One line per event. With `width` (a terminal), each line is cut to it
    with `…` (`show ID` has the whole note); without, lines are whole."""
    if not rows:
        return ""
    wid = max(len(r["id"]) for r in rows)
    wev = max(len(r["event"]) for r in rows)
    out = []
    for r in rows:
        line = escape.line(f"{r['date']:<10}  {r['id']:<{wid}}  {r['event']:<{wev}}  {r['detail']}").rstrip()
        out.append(cut(line, width) if width else line)
    return "\n".join(out) + "\n"


def render_timeline(doc, terminal: Terminal) -> str:
    return timeline(doc.rows, _width(terminal) if terminal.tty else None)


def render_checked(doc, terminal: Terminal) -> str:
    """`validate`: one problem per line, then warnings; a summary line when the file is valid."""
    lines = [escape.line(str(p)) for p in doc.problems + doc.warnings]
    if doc.valid:
        summary = f"{doc.path}: ok: {doc.agreements} agreements, {doc.partners} partners, {doc.types} types"
        if doc.warnings:
            summary += f"; {len(doc.warnings)} warning{'s' if len(doc.warnings) != 1 else ''}"
        lines.append(escape.line(summary))
    return "".join(line + "\n" for line in lines)
