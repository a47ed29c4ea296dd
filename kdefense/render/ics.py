"""iCalendar (RFC 5545) output for `kdefense deadlines --format ics`."""

from __future__ import annotations

import datetime as _dt

from ..dates import DAY, PartialDate
from . import escape


def _escape(value: str) -> str:
    """RFC 5545 TEXT: a newline kept as the two characters \\n, other control
    characters made visible, then backslash, semicolon and comma escaped."""
    parts = value.replace("\r\n", "\n").split("\n")
    return "\\n".join(escape.line(p).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                      for p in parts)


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1)."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts, cur = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        limit = 75 if not parts else 74
        if len(cur) + len(b) > limit:
            parts.append(cur.decode("utf-8"))
            cur = b""
        cur += b
    parts.append(cur.decode("utf-8"))
    return "\r\n ".join(parts)


WHAT = {
    "notice": ("Notice deadline", "Last day to give notice to stop the automatic renewal."),
    "renewal": ("Renews automatically", "A new term begins automatically unless notice was given in time."),
    "term-end": ("Term ends", "The agreement ends unless renewed (see 'kdefense show')."),
}


def to_ics(rows: list[dict], stamp: _dt.datetime, version: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//kdefense//kdefense {version}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    dtstamp = stamp.strftime("%Y%m%dT%H%M%SZ")
    for r in rows:
        date = PartialDate.parse_iso(r["date"])
        day = date.earliest()
        what, explain = WHAT.get(r["kind"], (r["kind"], ""))
        summary = f"{what}: {r.get('title') or r['id']} ({r['partner']})"
        desc = [f"Agreement {r['id']}.", explain]
        if date.precision != DAY:
            desc.append(f"The date is known only to the {'month' if date.month else 'year'} ({date}); "
                        "the event is placed on the first day of that period.")
        if r.get("estimated"):
            desc.append("Estimated: derived from an assumed start of the term.")
        if r.get("projected"):
            desc.append("Projected: lies beyond automatic renewals that have not happened yet.")
        # Stable across a corrected date: the agreement, the kind of deadline and which term it closes.
        uid = f"{r['id']}-{r['kind']}-term{r.get('term_number') or 0}@kdefense"
        last = day + _dt.timedelta(days=1) if day < _dt.date.max else day
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_escape(uid)}",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{last:%Y%m%d}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(' '.join(d for d in desc if d))}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(x) + "\r\n" for x in lines)


def render(doc, terminal) -> str:
    """The deadlines (Rows) as a calendar, stamped with their as-of day (reproducible)."""
    from .. import __version__  # noqa: PLC0415

    as_of = doc.as_of
    return to_ics(doc.rows, _dt.datetime(as_of.year, as_of.month, as_of.day), __version__)
