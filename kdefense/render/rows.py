"""Row formats for scripts and programs: json, jsonl, csv, tsv, yaml, ids. No rich here.

Each `render_*` takes (Rows, Terminal) as render.FORMATS expects and returns text.
"""

from __future__ import annotations

from . import escape
from .cells import cell


def to_json(rows: list[dict], pretty: bool = True) -> str:
    """One array. Indented for people; compact (and several times faster: the
    C encoder) when `pretty` is false, as for a pipe."""
    import json  # noqa: PLC0415

    if pretty:
        return escape.json_text(json.dumps(rows, ensure_ascii=False, indent=2)) + "\n"
    return escape.json_text(json.dumps(rows, ensure_ascii=False, separators=(",", ":"))) + "\n"


def to_jsonl(rows: list[dict]) -> str:
    import json  # noqa: PLC0415

    return "".join(escape.json_text(json.dumps(r, ensure_ascii=False)) + "\n" for r in rows)


def to_csv(rows: list[dict], columns: list[str]) -> str:
    import csv  # noqa: PLC0415
    import io  # noqa: PLC0415

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        w.writerow([escape.no_formula(escape.text(cell(c, r.get(c)))) for c in columns])
    return buf.getvalue()


def _tsv_value(value: str) -> str:
    value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return escape.no_formula(escape.line(value))


def to_tsv(rows: list[dict], columns: list[str]) -> str:
    """One header line, one line per row; tabs, newlines and backslashes in
    values are written as \\t, \\n and \\\\ so every row stays one line."""
    out = ["\t".join(columns)]
    for r in rows:
        out.append("\t".join(_tsv_value(cell(c, r.get(c))) for c in columns))
    return "\n".join(out) + "\n"


def to_yaml(rows: list[dict]) -> str:
    import yaml  # noqa: PLC0415

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    if not rows:
        return "[]\n"
    return yaml.dump(rows, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)


def to_ids(rows: list[dict]) -> str:
    return "".join(escape.line(str(r["id"])) + "\n" for r in rows)


def render_json(doc, terminal) -> str:
    return to_json(doc.rows, pretty=terminal.tty)


def render_jsonl(doc, terminal) -> str:
    return to_jsonl(doc.rows)


def render_csv(doc, terminal) -> str:
    return to_csv(doc.rows, doc.columns)


def render_tsv(doc, terminal) -> str:
    return to_tsv(doc.rows, doc.columns)


def render_yaml(doc, terminal) -> str:
    return to_yaml(doc.rows)


def render_ids(doc, terminal) -> str:
    return to_ids(doc.rows)
