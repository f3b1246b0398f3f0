"""Stacked tables (a PDF text layer prints one cell per line): structure read back into rows, and cells typed."""

from __future__ import annotations

from decimal import Decimal

from bulletin_extract import default_engine, extract
from bulletin_extract.document.stacked_tables import StackedTable, find_stacked
from bulletin_extract.figures.stacked import is_unit_cell


def _tables(text: str, times: tuple[str, ...] = ()) -> tuple[StackedTable, ...]:
    engine = default_engine()
    doc = engine.model(text)
    spans = {(text.index(t), text.index(t) + len(t)) for t in times}
    return find_stacked(
        doc, engine.stacked, lambda u: is_unit_cell(u, engine.figures), lambda c: (c.start, c.end) in spans
    )


def _rows(table: StackedTable) -> list[tuple[str | None, str | None, list[tuple[int, str]]]]:
    return [
        (r.label.text if r.label else None, r.unit.text if r.unit else None, [(v.column, v.text) for v in r.values])
        for r in table.rows
    ]


def test_stacked_rows_printed_row_by_row_with_a_label_printed_after_the_values():
    text = "表1 2020年产量\n\n指标名称\n\n单位\n\n产量\n\n比上年增长（%）\n\n棉布\n\n亿米\n\n2.5\n\n-1.0\n\n万吨\n\n7.5\n\n3.3\n\n化纤\n"
    (table,) = _tables(text)
    assert [h.text for h in table.heads] == ["产量", "比上年增长（%）"]
    assert _rows(table) == [
        ("棉布", "亿米", [(0, "2.5"), (1, "-1.0")]),
        ("化纤", "万吨", [(0, "7.5"), (1, "3.3")]),
    ]


def test_stacked_rows_printed_column_by_column_in_blocks_are_paired_by_position():
    # Units, then both value columns unbroken (one run of six values), then the labels.
    text = "表2\n\n2020年产品产量\n\n产品名称\n\n单位\n\n产量\n\n比上年增长\n\n万吨\n台\n万吨\n\n1.5\n20\n3.5\n7.1\n-2.0\n0.4\n\n钢材\n机床\n水泥\n"
    (table,) = _tables(text)
    assert _rows(table) == [
        ("钢材", "万吨", [(0, "1.5"), (1, "7.1")]),
        ("机床", "台", [(0, "20"), (1, "-2.0")]),
        ("水泥", "万吨", [(0, "3.5"), (1, "0.4")]),
    ]


def test_stacked_label_pieces_join_and_a_header_word_is_no_label():
    text = "表3 2020年收入\n\n指\n\n标\n\n绝对数（亿元）\n\n渔\n\n业\n\n12.0\n\n牧业\n\n30.5\n"
    (table,) = _tables(text)
    assert _rows(table) == [("渔业", None, [(0, "12.0")]), ("牧业", None, [(0, "30.5")])]


def test_stacked_header_printed_after_the_body_and_a_table_printed_transposed():
    late = "表4 2020年运输量\n\n指标\n\n单位\n\n亿吨公里\n\n50.1\n\n2.2\n\n货物周转量\n\n2020 年\n\n比上年增长（%）\n"
    (table,) = _tables(late, times=("2020 年",))
    assert [h.text for h in table.heads] == ["2020 年", "比上年增长（%）"]
    assert _rows(table) == [("货物周转量", "亿吨公里", [(0, "50.1"), (1, "2.2")])]
    turned = "表5 2019—2020 年水质\n\n甲类\n比例（%）\n\n乙类\n比例（%）\n\n2019 年\n\n60.0\n\n40.0\n\n2020 年\n\n70.0\n\n30.0\n"
    (table,) = _tables(turned)
    assert [h.text for h in table.heads] == ["甲类比例（%）", "乙类比例（%）"]
    assert _rows(table)[1] == ("2020 年", None, [(0, "70.0"), (1, "30.0")])


def test_stacked_cells_typed_end_to_end_and_running_text_untouched():
    text = (
        "表6 2020年主要产品产量\n\n产品名称\n\n单位\n\n产量\n\n比上年增长（%）\n\n"
        "钢材\n\n万吨\n\n12.5\n\n-3.1\n\n机床\n\n台\n\n860\n\n4.2\n\n"
        "全年钢材产量比上年下降3.1%，机床产量增长较快。\n\n99\n"
    )
    figs = [m for m in extract(text, published="2021-03-01", entities=False) if m.type not in ("date", "period")]
    got = [(m.text, m.type, m.value, m.unit, m.direction, m.subject, m.as_of, m.cell) for m in figs]
    assert got == [
        ("12.5", "quantity", Decimal("125000"), "吨", None, "钢材", "2020", (0, 0)),
        ("-3.1", "percent", Decimal("-3.1"), "%", "up", "钢材", "2020", (0, 1)),
        ("860", "count", Decimal("860"), "台", None, "机床", "2020", (1, 0)),
        ("4.2", "percent", Decimal("4.2"), "%", "up", "机床", "2020", (1, 1)),
        ("3.1%", "percent", Decimal("3.1"), "%", "down", "钢材产量", "2020", None),
    ]  # 99 alone after the paragraph is no cell: running text ended the table


def test_stacked_without_a_caption_no_table_is_read():
    text = "指标名称\n\n单位\n\n比上年增长\n\n工业\n\n%\n\n6.0\n"
    assert _tables(text) == ()


def test_stacked_values_then_labels_pair_by_position_and_a_classifier_word_stays_a_label():
    # 城市 reads as a unit (市 is a classifier) but stands among labels; 蔬⏎菜 are two pieces of one label.
    text = "表7 2020年价格指数\n\n指数（上年=100）\n\n101.0\n99.5\n102.2\n98.0\n\n总指数\n城市\n蔬\n菜\n农村\n"
    (table,) = _tables(text)
    assert [(r[0], [v for _, v in r[2]]) for r in _rows(table)] == [
        ("总指数", ["101.0"]),
        ("城市", ["99.5"]),
        ("蔬菜", ["102.2"]),
        ("农村", ["98.0"]),
    ]


def test_digits_of_a_fused_table_move_no_reporting_year():
    # 2508.3-13.2 read as a date once made every later 全年 and 上年 the year 2508.
    text = "2015年主要产品产量产品名称单位绝对数比上年±%汽轮机万千瓦2508.3-13.2水泥万吨888.79.2。全年建筑业增加值比上年增长5.2%。"
    times = [m for m in extract(text, published="2016-03-25", entities=False) if m.type == "date"]
    assert [t.value for t in times if t.text == "全年"] == ["2015"]
    assert all(not t.value.startswith("2508") for t in times)
    cells = [m for m in extract(text, published="2016-03-25", entities=False) if m.text in ("2508.3", "-13.2")]
    assert [(c.type, c.value, c.unit, c.subject) for c in cells] == [
        ("quantity", Decimal("25083000"), "千瓦", "汽轮机"),
        ("percent", Decimal("-13.2"), "%", "汽轮机"),
    ]


def test_a_run_too_long_for_a_row_of_a_fused_table_is_no_row():
    # Splitting is quadratic in a run's length: a run longer than its columns can hold is refused outright.
    text = "产品名称单位绝对数比上年±%钢材万吨12.3-4.5水泥万吨" + "1" * 50_000 + "。"
    figures = [m for m in extract(text, published="2023-03-01", entities=False) if m.type != "date"]
    assert [(f.text, f.subject) for f in figures] == [("12.3", "钢材"), ("-4.5", "钢材")]
