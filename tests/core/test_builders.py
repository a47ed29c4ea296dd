"""The chart and briefing models, built directly from the small fixture."""

import datetime as dt

import pytest

from helpers import SMALL
from kdefense import briefing, chart_model
from kdefense.dataset import load
from kdefense.dates import Span
from kdefense.filters import Filters
from kdefense.index import Index

AS_OF = dt.date(2026, 12, 4)


@pytest.fixture(scope="module")
def index():
    return Index(load(SMALL, use_cache=False))


def test_chart_groups_rows_by_partner_in_order_of_first_agreement(index):
    chart = chart_model.build(index, Filters(), AS_OF)
    assert chart.kind == "chart" and not chart.empty
    partners = [name for name, _ in chart.groups()]
    assert partners[0] == "United Kingdom"  # 1961
    ru = next(r for r in chart.rows if r.id == "kw-ru-2023-military-technical")
    kinds = [s.kind for s in ru.segments]
    assert kinds[0] == "term" and "projected" in kinds
    assert {m.kind for m in ru.markers} >= {"signed", "in-force", "notice"}


def test_every_segment_and_marker_kind_has_a_legend_entry(index):
    chart = chart_model.build(index, Filters(), AS_OF)
    used = {s.kind for r in chart.rows for s in r.segments} | {m.kind for r in chart.rows for m in r.markers}
    assert used <= set(chart_model.LEGEND)


def test_an_empty_selection_is_an_empty_chart(index):
    chart = chart_model.build(index, Filters.read({"year": 1900}), AS_OF)
    assert chart.empty


def test_briefing_cites_each_source_once_and_lists_what_lies_ahead(index):
    b = briefing.build(index, Filters(), dt.date(2027, 1, 1), Span(months=24), Span(months=12))
    assert b.kind == "briefing" and b.chart is None
    keys = [s.url or s.title for s in b.sources]
    assert len(keys) == len(set(keys))
    headings = [" ".join(p for p in blk.pieces if isinstance(p, str)) for blk in b.blocks if blk.kind == "heading"]
    assert any(h.startswith("What lies ahead") for h in headings)
    ahead = next(blk for blk in b.blocks if blk.kind == "table" and blk.header[0] == "date")
    assert any(row[0][0].text == "2028-09-12" for row in ahead.rows)
    summary = next(blk for blk in b.blocks if blk.kind == "table")
    assert summary.header[:3] == ["partner", "in force", "presumed, recent evidence"]


def test_briefing_with_the_chart_carries_the_same_agreements(index):
    b = briefing.build(index, Filters.read({"partner": "russia"}).resolved(index), AS_OF, Span(months=24),
                       with_chart=True)
    assert {r.partner for r in b.chart.rows} == {"russia"}
