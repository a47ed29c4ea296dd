"""Turn row values (lists, term mappings, sources...) into one-line cell text."""

from __future__ import annotations


def term_text(term: dict | None) -> str:
    if not term:
        return ""
    renewal = term.get("renewal") or "unknown"
    length = " ".join(
        f"{term[k]}{u}" for k, u in (("years", "y"), ("months", "m"), ("days", "d")) if term.get(k)
    )
    bits = [length] if length else []
    if renewal == "automatic":
        bits.append(f"renews {term.get('renewal_years')}y")
    else:
        bits.append(renewal)
    if term.get("notice_months"):
        bits.append(f"notice {term['notice_months']}m")
    elif term.get("notice_days"):
        bits.append(f"notice {term['notice_days']}d")
    return ", ".join(bits)


def _sources_text(value: list) -> str:
    return "; ".join(s.get("url") or " ".join(x for x in (s.get("publisher"), s.get("date")) if x) for s in value)


# Keys whose list or mapping values have their own one-line form.
_BY_KEY = {
    ("term", dict): term_text,
    ("sources", list): _sources_text,
    ("events", list): lambda value: "; ".join(f"{e['date']} {e['kind']}" for e in value),
    ("related", list): lambda value: "; ".join(f"{r['relation']} {r['id']}" for r in value),
}


def cell(key: str, value) -> str:
    """Plain text for a value in a tabular format; empty for null."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    special = _BY_KEY.get((key, type(value)))
    if special is not None:
        return special(value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in value.items() if v is not None)
    return str(value)


def human_cell(key: str, row: dict) -> str:
    """A cell as people read it (tables, Markdown): an agreement's status with
    its evidence (`presumed, seen 2022-03`), a signature known only as a bound
    (`before 2014-11`); otherwise as `cell`."""
    from .. import wording  # noqa: PLC0415

    if key == "status" and "status_basis" in row:
        return wording.status_cell(row)
    if key == "signed" and row.get("signed") is None and row.get("signed_before"):
        return f"before {row['signed_before']}"
    return cell(key, row.get(key))
