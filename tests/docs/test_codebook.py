"""The codebook is the declarations, word for word."""

from helpers import ROOT
from kdefense.render.codebook import codebook


def test_the_codebook_is_generated_from_the_declarations():
    text = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    assert text == codebook(), "regenerate: python -m kdefense.render.codebook > docs/codebook.md"


def test_every_exported_column_is_explained():
    from kdefense.tables import TABLES

    assert all(c.doc.strip() for t in TABLES for c in t.columns)
    text = codebook()
    assert all(f"| `{c.name}` |" in text for t in TABLES for c in t.columns)
