"""Renderers: a document in, text (or bytes) out. Nothing here writes to a
stream or a file; the command line does that.

Documents: `Rows` (a list of row dicts and the columns to show, of one kind:
agreements, term-ends, deadlines, partners, types, timeline, stats,
problems, dyad-years), and the library's own documents, each with a `kind`:
`agreement-detail` (a list of query.Detail), `checked` (checks.Checked),
`chart` (chart_model.Chart) and `briefing` (briefing.Briefing).

`FORMATS` says, for every output format: what it is (for help texts and the
README), which row kinds it writes and with which function, which other
documents it writes and with which function (named "module:function" and
imported only when used), whether it is tabular (`--fields` picks columns)
and whether it honours `--fields` at all. A new format is one `Format` here
and its function in the module named after it.
"""

from __future__ import annotations

import importlib

from .terminal import Terminal

ROW_KINDS = ("agreements", "term-ends", "deadlines", "partners", "types", "timeline", "stats", "dyad-years")
ID_KINDS = ("agreements", "term-ends", "deadlines", "partners", "types", "timeline")


class Rows:
    """Rows of one kind, the columns a tabular format shows, and the day
    they were computed for."""

    __slots__ = ("kind", "rows", "columns", "as_of")

    def __init__(self, kind: str, rows: list[dict], columns: list[str], as_of=None):
        self.kind, self.rows, self.columns, self.as_of = kind, rows, columns, as_of

    @property
    def empty(self) -> bool:
        return not self.rows


class Format:
    """One output format.

    rows: the "module:function" writing `Rows` of the kinds in `row_kinds`;
    documents: {document kind: "module:function"} for whole documents;
    tabular: `--fields` picks its columns; fields: it honours `--fields`
    (tabular ones by columns, others by keys); quiet_empty: the document
    kinds (or "rows" for every Rows) for which an empty answer prints
    nothing and the caller says so on stderr instead.
    """

    __slots__ = ("name", "summary", "rows", "row_kinds", "documents", "tabular", "fields", "quiet_empty")

    def __init__(self, name: str, summary: str, *, rows: str | None = None, row_kinds: tuple[str, ...] = (),
                 documents: dict[str, str] | None = None, tabular: bool = False, fields: bool = False,
                 quiet_empty: tuple[str, ...] = ()):
        self.name, self.summary, self.rows, self.row_kinds = name, summary, rows, row_kinds
        self.documents = documents or {}
        self.tabular, self.fields, self.quiet_empty = tabular, fields, quiet_empty

    def writer(self, doc):
        name = self.documents.get(doc.kind) or (self.rows if doc.kind in self.row_kinds else None)
        if name is None:
            raise ValueError(f"format {self.name!r} cannot write a {doc.kind!r} document")
        module, func = name.split(":")
        return getattr(importlib.import_module(f"kdefense.render.{module}"), func)

    def says_nothing(self, doc) -> bool:
        """True when `doc` is empty and this format prints nothing for it."""
        if not getattr(doc, "empty", False):
            return False
        return doc.kind in self.quiet_empty or ("rows" in self.quiet_empty and isinstance(doc, Rows))

    def render(self, doc, terminal: Terminal) -> str | bytes:
        return self.writer(doc)(doc, terminal)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("table", "default on a terminal: a table that fits the terminal's width (long titles wrap or are "
           "shortened, columns that do not fit are dropped and named below the table). Written to a pipe or "
           "file it is plain aligned text, no colour, nothing cut short",
           rows="table:render", row_kinds=ROW_KINDS, tabular=True, fields=True, quiet_empty=("rows",)),
    Format("json", "one array (also for `show`); `[]` when nothing matched; indented on a terminal, compact "
           "when piped", rows="rows:render_json", row_kinds=ROW_KINDS + ("problems",), fields=True),
    Format("jsonl", "one object per line", rows="rows:render_jsonl", row_kinds=ROW_KINDS + ("problems",),
           fields=True),
    Format("tsv", "default when piped; header line; tabs, newlines and backslashes inside values are written "
           "`\\t`, `\\n`, `\\\\` so each row stays one line",
           rows="rows:render_tsv", row_kinds=ROW_KINDS, tabular=True, fields=True),
    Format("csv", "RFC 4180 quoting", rows="rows:render_csv", row_kinds=ROW_KINDS, tabular=True, fields=True),
    Format("yaml", "a list of mappings", rows="rows:render_yaml", row_kinds=ROW_KINDS, fields=True),
    Format("markdown", "a pipe table for reports (`report`: the whole briefing in Markdown)",
           rows="markdown:render_table", row_kinds=ROW_KINDS, tabular=True, fields=True,
           documents={"briefing": "report:render_markdown"}, quiet_empty=("rows",)),
    Format("ids", "one id per line, for `xargs`", rows="rows:render_ids", row_kinds=ID_KINDS),
    Format("text", "human text: the default of `show`, `timeline`, `validate` and `chart`",
           documents={"agreement-detail": "text:render_show", "timeline": "text:render_timeline",
                      "checked": "text:render_checked", "chart": "chart_terminal:render_terminal"},
           quiet_empty=("timeline", "chart")),
    Format("ics", "`deadlines` only: an iCalendar file, one all-day event per deadline",
           rows="ics:render", row_kinds=("deadlines",)),
    Format("html", "`report` only: the briefing as one standalone page, with the chart",
           documents={"briefing": "report:render_html"}),
)}
