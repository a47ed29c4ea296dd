"""Human text for `show`, `timeline` and `validate`. Plain text, safe to print."""

from __future__ import annotations

import textwrap

from . import safe


def _wrap(value: str, indent: str = "  ", width: int = 88) -> list[str]:
    out = []
    for para in safe.text(value).splitlines() or [""]:
        out += textwrap.wrap(para, width=width, initial_indent=indent, subsequent_indent=indent,
                             break_long_words=False, break_on_hyphens=False) or [indent]
    return out


def _renewal_sentence(term: dict) -> str:
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


def show(row: dict, related_titles: dict[str, str], type_description: str | None, as_of: str) -> str:
    L: list[str] = []
    s = safe.line
    L.append(s(row["id"]))
    L += _wrap(row["title"])
    if row.get("title_ar"):
        L += _wrap(row["title_ar"])
    L.append("")

    def field(label: str, value) -> None:
        if value not in (None, ""):
            L.append(f"{label:<12}{s(str(value))}")

    field("Partner", f"{row['partner_name']} ({row['partner']})")
    field("Type", row["type"] + (f": {type_description}" if type_description else ""))
    field("Signed", row["signed"] + (f", {row['place']}" if row.get("place") else ""))
    field("In force", row.get("in_force") or "not known")
    term = row.get("term") or {}
    length = " ".join(f"{term[k]} {k}" for k in ("years", "months", "days") if term.get(k))
    field("Term", (f"{length}; " if length else "") + _renewal_sentence(term))
    status = row.get("status") or "not yet signed"
    field("Status", f"{status} as of {as_of}")
    if row.get("term_end"):
        end = row["term_end"]
        if row.get("notice_by"):
            end += f" (notice to stop renewal by {row['notice_by']})"
        field("Term end", end)
    if row.get("estimated"):
        field("Estimated", "yes: the term's start is not known; it is counted from "
              + ("ratification" if any(e["kind"] == "ratified" for e in row["events"]) else "signature"))
    field("Confidence", row.get("confidence"))
    if row.get("summary"):
        L.append("")
        L.append("Summary")
        L += _wrap(row["summary"])
    if row["events"]:
        L.append("")
        L.append("Events")
        for e in row["events"]:
            bits = [e["kind"]]
            for b in (e.get("instrument"), e.get("number") and f"no. {e['number']}",
                      e.get("until") and f"until {e['until']}", e.get("years") and f"{e['years']} years"):
                if b:
                    bits.append(str(b))
            if e.get("source") is not None:
                bits.append(f"[source {e['source'] + 1}]")
            L.append(f"  {e['date']:<11}{s(' '.join(bits))}")
            if e.get("note"):
                L += _wrap(e["note"], indent=" " * 13)
    if row["related"]:
        L.append("")
        L.append("Related")
        for r in row["related"]:
            title = related_titles.get(r["id"], "")
            L.append(s(f"  {r['relation']:<11}{r['id']}" + (f"  ({title})" if title else "")))
    L.append("")
    L.append("Sources")
    for i, src in enumerate(row["sources"], 1):
        head = ", ".join(x for x in (src.get("title"), src.get("publisher"), src.get("date")) if x)
        L.append(s(f"  [{i}] {head}") if head else f"  [{i}]")
        if src.get("url"):
            L.append(s(f"      {src['url']}"))
    if row.get("notes"):
        L.append("")
        L.append("Notes")
        L += _wrap(row["notes"])
    return "\n".join(L) + "\n"


def timeline(rows: list[dict]) -> str:
    if not rows:
        return ""
    wid = max(len(r["id"]) for r in rows)
    wev = max(len(r["event"]) for r in rows)
    out = []
    for r in rows:
        out.append(safe.line(f"{r['date']:<10}  {r['id']:<{wid}}  {r['event']:<{wev}}  {r['detail']}").rstrip())
    return "\n".join(out) + "\n"
