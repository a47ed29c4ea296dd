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


def _units(line: str) -> list[str]:
    """The line cut into pieces that must stay together: an escape
    sequence (a backslash and what it escapes) or one character."""
    units, i = [], 0
    while i < len(line):
        n = 2 if line[i] == "\\" and i + 1 < len(line) else 1
        units.append(line[i:i + n])
        i += n
    return units


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1): continuation lines
    start with a space, and no fold splits a UTF-8 character or an escape
    sequence (a client would read `\\` + `n` split over two lines as other text)."""
    if len(line.encode("utf-8")) <= 75:
        return line
    parts, cur, size = [], [], 0
    for unit in _units(line):
        b = len(unit.encode("utf-8"))
        limit = 75 if not parts else 74  # a continuation line's leading space counts
        if size + b > limit:
            parts.append("".join(cur))
            cur, size = [], 0
        cur.append(unit)
        size += b
    parts.append("".join(cur))
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
