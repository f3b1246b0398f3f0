"""PDF and Word files: text in reading order, tables as tab-separated rows, scans refused, in a batch too."""

from __future__ import annotations

import pandas as pd
import pytest
from documents import (
    COMMUNIQUE_TABLE,
    NEXT_PARAGRAPH,
    WRAPPED,
    image_only_pdf,
    report_docx,
    table_pdf,
    text_pdf,
    wrapped_paragraph_pdf,
)

from bulletin_extract import extract
from bulletin_extract.api import extract_document
from bulletin_extract.batch.local import BatchOptions, run_local
from bulletin_extract.errors import DocumentReadError
from bulletin_extract.io.docx import read_docx
from bulletin_extract.io.glyphs import replace_unmapped, unify_dashes
from bulletin_extract.io.pdf import PAGE_BREAK, read_pdf
from bulletin_extract.io.readers import DEFAULT_GLOBS, discover, read_source
from bulletin_extract.io.tables import documents_path

pytest.importorskip("reportlab")


def test_pdf_wrapped_lines_join_into_the_paragraph_and_the_figure_is_found(tmp_path):
    text = read_pdf(wrapped_paragraph_pdf(tmp_path / "a.pdf").read_bytes()).text
    # The page number "- 1 -" is gone; the indented line starts a paragraph of its own.
    assert text == "".join(WRAPPED) + "\n" + NEXT_PARAGRAPH
    found = {(m.type, m.text) for m in extract_document(text, entities=False).mentions}
    assert {("money", "2876.4亿元"), ("percent", "7.2%"), ("money", "215.3亿元"), ("count", "12.6万人")} <= found


def test_pdf_pages_are_separated_by_a_form_feed_line(tmp_path):
    pdf = read_pdf(wrapped_paragraph_pdf(tmp_path / "a.pdf", second_page="年末常住人口1234.56万人。").read_bytes())
    assert pdf.pages == 2 and PAGE_BREAK == "\n\f\n"
    assert pdf.text.split(PAGE_BREAK) == ["".join(WRAPPED) + "\n" + NEXT_PARAGRAPH, "年末常住人口1234.56万人。"]


def test_pdf_ruled_table_becomes_tab_separated_rows_in_reading_order(tmp_path):
    text = read_pdf(table_pdf(tmp_path / "t.pdf").read_bytes()).text
    assert text.split("\n") == [
        "表1：2023年地区生产总值及其增长速度",
        *("\t".join(row) for row in COMMUNIQUE_TABLE),
        "注：绝对数按现价计算，增长速度按不变价格计算。",
    ]


def test_pdf_table_without_rules_is_left_as_the_text_layer_gives_it(tmp_path):
    lines = read_pdf(table_pdf(tmp_path / "t.pdf", grid=False).read_bytes()).text.split("\n")
    # No ruling lines, no table found: the rows stay lines of their own (never joined as a wrapped paragraph).
    assert lines[1:-1] == [" ".join(row) for row in COMMUNIQUE_TABLE]


def test_pdf_overprinted_bold_counts_once_and_radicals_are_unified(tmp_path):
    text = read_pdf(text_pdf(tmp_path / "b.pdf", ["一、综合", "地区生产总值增⻓7.2%"], overprint=3).read_bytes()).text
    assert text == "一、综合\n地区生产总值增⻓7.2%"  # stored as the text layer has it; the fold reads ⻓ as 长


def test_pdf_without_a_text_layer_says_ocr_it_first(tmp_path):
    with pytest.raises(DocumentReadError, match="no text layer: OCR it first"):
        read_pdf(image_only_pdf(tmp_path / "scan.pdf").read_bytes())


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<!DOCTYPE html><html><body>404 Not Found</body></html>", "not a PDF.*HTML page"),
        (b"%PDF-1.4\nnot really a PDF", "not a readable PDF"),
    ],
)
def test_pdf_that_is_not_a_pdf_is_refused_with_a_reason(data, reason):
    with pytest.raises(DocumentReadError, match=reason):
        read_pdf(data)


def test_pdf_protected_by_a_password_is_refused(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt=StandardEncryption("secret"))
    c.drawString(72, 700, "GDP grew 7.2%")
    c.save()
    with pytest.raises(DocumentReadError, match="password"):
        read_pdf(path.read_bytes())


def test_glyph_repairs():
    assert unify_dashes("增长，⸺") == "增长，——"
    # Radical forms stay in the text and are read through the fold, one character for one.
    (m,) = [m for m in extract("⽣产总值增⻓7.2%", entities=False)]
    assert (m.text, m.direction, m.subject) == ("7.2%", "up", "生产总值")  # the subject reads the fold
    assert replace_unmapped("增长(cid:123)%(cid:7)") == ("增长\ufffd%\ufffd", 2)


def test_docx_paragraphs_and_tables_in_body_order(tmp_path):
    assert read_docx(report_docx(tmp_path / "r.docx").read_bytes()).split("\n") == [
        "某市2023年国民经济和社会发展统计公报",
        "全年地区生产总值2876.4亿元，比上年增长7.2%。",
        "表1：地区生产总值",  # merged across the three columns: given once
        "\t".join(COMMUNIQUE_TABLE[0]),
        "第二、三产业\t1034.6\t6.8",
        "\t1626.5\t7.9",  # the vertical merge continues: an empty cell, not the label again
        "年末常住人口1234.56万人。",
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "Word 97-2003"),
        (b"plain text", "not a .docx"),
        (b"PK\x03\x04" + bytes(100), "not a readable .docx"),
    ],
)
def test_docx_that_is_not_a_docx_is_refused_with_advice(data, reason):
    with pytest.raises(DocumentReadError, match=reason):
        read_docx(data)


def test_pdf_and_docx_are_default_formats_and_skip_encoding_detection(tmp_path):
    table_pdf(tmp_path / "t.pdf")
    report_docx(tmp_path / "r.docx")
    assert {"*.pdf", "*.docx"} <= set(DEFAULT_GLOBS)
    assert [(s.rel, s.format) for s in discover(tmp_path)] == [("r.docx", "docx"), ("t.pdf", "pdf")]
    [pdf], [word] = (list(read_source(s)) for s in sorted(discover(tmp_path), key=lambda s: s.format, reverse=True))
    assert (pdf.encoding, pdf.derived, pdf.error, word.encoding, word.derived, word.error) == (
        None,
        True,
        None,
        None,
        True,
        None,
    )


def _batch(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    table_pdf(root / "communique.pdf", before="某市2023年国民经济和社会发展统计公报")
    report_docx(root / "report.docx")
    image_only_pdf(root / "scan.pdf")
    (root / "notes.txt").write_text("截至2月20日，复工率84.1%。", encoding="utf-8")
    out = tmp_path / "out.parquet"
    run_local(root, out, BatchOptions(entities=False), jobs=1)
    return pd.read_parquet(out), pd.read_parquet(documents_path(out)).set_index("path")


def test_batch_reads_pdf_and_docx_and_records_the_scan_as_an_error(tmp_path):
    mentions, docs = _batch(tmp_path)
    assert docs["status"].to_dict() == {
        "communique.pdf": "ok",
        "notes.txt": "ok",
        "report.docx": "ok",
        "scan.pdf": "error",
    }
    assert docs["format"].to_dict() == {
        "communique.pdf": "pdf",
        "notes.txt": "text",
        "report.docx": "docx",
        "scan.pdf": "pdf",
    }
    assert docs.loc["scan.pdf", "error"].startswith("scan.pdf: no text layer: OCR it first")
    assert docs.loc[["communique.pdf", "report.docx"], "encoding"].isna().all()  # no text encoding was involved
    for _, m in mentions[mentions.path != "notes.txt"].iterrows():  # offsets index the text the reader produced
        assert docs.loc[m["path"], "text"][m["start"] : m["end"]] == m["text"]


def test_batch_communique_table_cells_reach_the_mentions_table(tmp_path):
    mentions, docs = _batch(tmp_path)
    assert "地区生产总值\t2876.4\t7.2" in docs.loc["communique.pdf", "text"]
    cells = mentions[mentions.path == "communique.pdf"].set_index("text")
    # A cell takes its column header's unit and scale, its row label as subject, a change column's direction.
    gdp, growth = cells.loc["2876.4"], cells.loc["7.2"]
    assert [gdp["type"], gdp["value"], gdp["unit"], gdp["subject"]] == ["money", 287640000000.0, "CNY", "地区生产总值"]
    assert [growth["type"], growth["unit"], growth["direction"], growth["column_header"]] == [
        "percent",
        "%",
        "up",
        "比上年增长（%）",
    ]
    assert (gdp["cell_row"], gdp["cell_column"]) == (1, 1)


def test_a_page_break_inside_a_sentence_is_a_wrap_and_one_after_a_sentence_is_not():
    """The PDF reader separates pages with PAGE_BREAK; a figure the page cut (76⏎\\f⏎件) is one figure."""
    from bulletin_extract import extract

    text = f"全年共申请专利988件，其中授予发明专利权76{PAGE_BREAK}件，增长5%。{PAGE_BREAK}二、农业\n粮食产量100万吨。"
    figures = {m.text: m for m in extract(text, published="2011-03-09", entities=False) if m.type == "count"}
    assert set(figures) == {"988件", f"76{PAGE_BREAK}件"}
    assert figures[f"76{PAGE_BREAK}件"].subject == "授予发明专利权"
    assert all(text[m.start : m.end] == m.text for m in figures.values())
