"""Tables (ANNOTATION §3.1): structure from tab-separated rows, and cells typed by what their table states."""

from __future__ import annotations

from decimal import Decimal

from bulletin_extract import default_engine, extract
from bulletin_extract.document.tables import find_tables
from bulletin_extract.figures.find import read_unit

COMMUNIQUE = (
    "一、综合\n"
    "表1 2023年全市地区生产总值\n"
    "单位：亿元\n"
    "指标\t绝对值\t比上年增长（%）\n"
    "地区生产总值\t2876.4\t7.2\n"
    "其中：第一产业\t312.5\t-1.3\n"
    "全年粮食产量比上年增长2.1%。\n"
)


def test_tables_structure_header_caption_and_unit_line():
    engine = default_engine()
    doc = engine.model(COMMUNIQUE)
    (table,) = find_tables(doc, engine.tables)
    assert [c.text for c in table.header[0].cells] == ["指标", "绝对值", "比上年增长（%）"]
    assert [r.cells[0].text for r in table.rows] == ["地区生产总值", "其中：第一产业"]
    assert table.caption is not None and COMMUNIQUE[slice(*table.caption)] == "表1 2023年全市地区生产总值"
    assert table.unit_line is not None and COMMUNIQUE[slice(*table.unit_line)] == "单位：亿元"
    assert table.column_header(2) is not None and table.column_header(2).text == "比上年增长（%）"


def test_tables_cells_take_unit_subject_as_of_direction_and_cell():
    figs = {m.text: m for m in extract(COMMUNIQUE, published="2024-03-01", entities=False) if m.type != "date"}
    gdp, growth, first = figs["2876.4"], figs["7.2"], figs["312.5"]
    assert (gdp.type, gdp.value, gdp.unit, gdp.subject, gdp.as_of) == (
        "money",
        287640000000,
        "CNY",
        "地区生产总值",
        "2023",
    )
    assert (growth.type, growth.unit, growth.direction, growth.column) == ("percent", "%", "up", "比上年增长（%）")
    assert gdp.cell == (1, 1) and growth.cell == (1, 2)
    assert first.subject == "第一产业" and figs["-1.3"].value == Decimal("-1.3") and figs["-1.3"].direction == "up"
    # Running text after the table is not a cell.
    assert figs["2.1%"].cell is None and figs["2.1%"].direction == "up"


def test_tables_a_unit_is_read_as_a_figure_of_one():
    pats = default_engine().figures
    assert (read_unit("万吨", pats).type, read_unit("万吨", pats).value, read_unit("万吨", pats).unit) == (
        "quantity",
        10000,
        "吨",
    )
    assert read_unit("%", pats).type == "percent" and read_unit("亿元", pats).unit == "CNY"
    assert read_unit("名称", pats) is None


def test_tables_a_table_with_no_unit_keeps_numbers():
    text = "区域\t在院治疗确诊病例\n境外输入人员\t加拿大\t26\n"
    (m,) = [m for m in extract(text, entities=False)]
    # 境外输入人员 labels a block of rows in an extra first column: the value sits under the header's column 1.
    assert (m.type, m.unit, m.subject, m.cell, m.column) == ("number", "", "加拿大", (1, 1), "在院治疗确诊病例")


def test_tables_stacked_cells_take_the_unit_line_above_and_never_running_text():
    text = "表 4：2018 年主要产品\n\n拖拉机\n\n万台\n\n7.5\n\n全年产量增长较快，总量达到\n\n7.5\n"
    figs = [m for m in extract(text, published="2019-03-01", entities=False) if m.type != "date"]
    assert [(m.text, m.type, m.unit, m.subject, m.as_of, m.cell) for m in figs] == [
        ("7.5", "count", "台", "拖拉机", "2018", None)
    ]  # the second 62.1 stands under running text, not under a unit: no figure
