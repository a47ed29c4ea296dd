"""Machine formats: json, jsonl, csv, tsv, yaml, ids, markdown. No rich here.

Each `write_*` takes (rows, Output) as render.FORMATS expects; the `to_*`
functions return text.
"""

from __future__ import annotations

from . import Output, is_tty, safe
from .cells import cell


def to_json(rows: list[dict], pretty: bool = True) -> str:
    """One array. Indented for people; compact (and several times faster: the
    C encoder) when `pretty` is false, as for a pipe."""
    import json  # noqa: PLC0415

    if pretty:
        return safe.json_text(json.dumps(rows, ensure_ascii=False, indent=2)) + "\n"
    return safe.json_text(json.dumps(rows, ensure_ascii=False, separators=(",", ":"))) + "\n"


def to_jsonl(rows: list[dict]) -> str:
    import json  # noqa: PLC0415

    return "".join(safe.json_text(json.dumps(r, ensure_ascii=False)) + "\n" for r in rows)


def to_csv(rows: list[dict], columns: list[str]) -> str:
    import csv  # noqa: PLC0415
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        w.writerow([safe.no_formula(safe.text(cell(c, r.get(c)))) for c in columns])
    return buf.getvalue()


def _tsv_value(value: str) -> str:
    value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return safe.no_formula(safe.line(value))


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
    return "".join(safe.line(str(r["id"])) + "\n" for r in rows)


def _md(value: str) -> str:
    value = safe.line(value)
    for a, b in (("\\", "\\\\"), ("|", "\\|"), ("<", "&lt;"), (">", "&gt;"), ("`", "\\`"), ("*", "\\*"), ("_", "\\_"), ("[", "\\["), ("]", "\\]")):
        value = value.replace(a, b)
    return value


def to_markdown(rows: list[dict], columns: list[str]) -> str:
    out = ["| " + " | ".join(columns) + " |", "|" + "|".join(" --- " for _ in columns) + "|"]
    for r in rows:
        out.append("| " + " | ".join(_md(cell(c, r.get(c))) for c in columns) + " |")
    return "\n".join(out) + "\n"


def write_json(rows: list[dict], o: Output) -> None:
    o.out.write(to_json(rows, pretty=is_tty(o.out)))


def write_jsonl(rows: list[dict], o: Output) -> None:
    o.out.write(to_jsonl(rows))


def write_csv(rows: list[dict], o: Output) -> None:
    o.out.write(to_csv(rows, o.columns))


def write_tsv(rows: list[dict], o: Output) -> None:
    o.out.write(to_tsv(rows, o.columns))


def write_yaml(rows: list[dict], o: Output) -> None:
    o.out.write(to_yaml(rows))


def write_ids(rows: list[dict], o: Output) -> None:
    o.out.write(to_ids(rows))


def write_markdown(rows: list[dict], o: Output) -> None:
    o.out.write(to_markdown(rows, o.columns))
