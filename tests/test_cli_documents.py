"""``extract``, ``show`` and ``extract_frame`` read files through the batch readers: GBK, HTML, PDF, Word."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from documents import image_only_pdf, report_docx, table_pdf, wrapped_paragraph_pdf

from bulletin_extract import extract_frame
from bulletin_extract.cli import main
from bulletin_extract.errors import DocumentReadError

pytest.importorskip("reportlab")


def _rows(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_cli_extract_reads_gbk_text(tmp_path, capsys):
    f = tmp_path / "gbk.txt"
    f.write_bytes("截至2月20日，复工率84.1%。".encode("gbk"))
    assert main(["extract", str(f), "--published", "2020-02-22", "--no-entities"]) == 0
    assert [(r["file"], r["text"]) for r in _rows(capsys)] == [(str(f), "2月20日"), (str(f), "84.1%")]


def test_cli_extract_reads_gbk_from_standard_input(monkeypatch, capsys):
    stdin = io.TextIOWrapper(io.BytesIO("复工率84.1%".encode("gbk")))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["extract", "-", "--no-entities"]) == 0
    assert [(r["file"], r["text"]) for r in _rows(capsys)] == [("-", "84.1%")]


def test_cli_extract_strips_html_and_offsets_index_the_stripped_text(tmp_path, capsys):
    f = tmp_path / "page.html"
    f.write_text(
        "<html><head><title>通报</title><script>var a = '99.9%';</script></head>"
        "<body><nav>首页</nav><p>复工率<b>84.1%</b></p></body></html>",
        encoding="utf-8",
    )
    assert main(["extract", str(f), "--no-entities"]) == 0
    [row] = _rows(capsys)
    assert (row["text"], row["start"]) == ("84.1%", len("通报\n复工率"))


def test_cli_extract_reads_docx_and_pdf(tmp_path, capsys):
    docx_file, pdf_file = report_docx(tmp_path / "r.docx"), wrapped_paragraph_pdf(tmp_path / "w.pdf")
    assert main(["extract", str(docx_file), str(pdf_file), "--no-entities"]) == 0
    rows = _rows(capsys)
    assert {("money", "2876.4亿元"), ("money", "1034.6")} <= {
        (r["type"], r["text"]) for r in rows if r["file"] == str(docx_file)
    }
    assert ("money", "2876.4亿元") in {(r["type"], r["text"]) for r in rows if r["file"] == str(pdf_file)}


def test_cli_extract_names_a_missing_or_unreadable_file_and_reads_the_others(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("复工率84.1%", encoding="utf-8")
    missing, scan = tmp_path / "missing.txt", image_only_pdf(tmp_path / "scan.pdf")
    assert main(["extract", str(missing), str(scan), str(good), "--no-entities"]) == 1
    captured = capsys.readouterr()
    assert f"cannot read {missing}: No such file or directory" in captured.err
    assert f"{scan}: no text layer: OCR it first" in captured.err
    assert [json.loads(line)["text"] for line in captured.out.splitlines()] == ["84.1%"]


def test_cli_show_draws_a_pdf(tmp_path, capsys):
    out = tmp_path / "out.html"
    assert main(["show", str(table_pdf(tmp_path / "t.pdf")), "--html", str(out), "--no-entities"]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "2876.4" in page and "地区生产总值" in page


def test_cli_show_refuses_a_missing_file_by_name(tmp_path, capsys):
    assert main(["show", str(tmp_path / "nope.pdf"), "--html", str(tmp_path / "o.html")]) == 1
    assert f"cannot read {tmp_path / 'nope.pdf'}" in capsys.readouterr().err


def test_extract_frame_reads_a_pdf_path_and_names_a_missing_one(tmp_path):
    df = extract_frame(Path(wrapped_paragraph_pdf(tmp_path / "w.pdf")), entities=False)
    assert "2876.4亿元" in set(df["text"])
    with pytest.raises(DocumentReadError, match=r"missing\.pdf"):
        extract_frame(tmp_path / "missing.pdf")
