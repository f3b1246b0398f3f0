"""Issue 14: errors a researcher can act on: paths confined to their roots, missing paths named, clear formats."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from bulletin_extract import extract, extract_document
from bulletin_extract.cli import main
from bulletin_extract.io.readers import load_manifest, read_path

pytestmark = pytest.mark.issue(14)


def _gold_tree(tmp_path: Path, text_file: str, text: str = "新增5例。") -> Path:
    """root/corpus/a.txt and root/gold/a.gold.jsonl whose text_file is *text_file*."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "gold").mkdir()
    line = {"doc_id": "a", "text_file": text_file, "published": "2020-02-10", "mentions": []}
    (tmp_path / "gold" / "a.gold.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    return tmp_path / "gold"


@pytest.mark.parametrize("text_file", ["../../../../etc/passwd", "/etc/passwd", "corpus/../../outside.txt"])
@pytest.mark.parametrize("command", ["check", "export"])
def test_gold_text_file_outside_the_root_is_refused(tmp_path, capsys, text_file, command):
    (tmp_path / "outside.txt").write_text("secret", encoding="utf-8")
    root = tmp_path / "repo"
    root.mkdir()
    gold = _gold_tree(root, text_file)
    extra = ["--format", "label-studio", "-o", str(tmp_path / "ls.json")] if command == "export" else []
    assert main(["gold", command, str(gold), *extra]) == 1
    out = capsys.readouterr()
    assert f"{gold / 'a.gold.jsonl'}:1: text_file {text_file!r} is outside the root {root}" in out.out + out.err
    assert not (tmp_path / "ls.json").exists()


def test_gold_text_file_link_out_of_the_root_is_refused(tmp_path, capsys):
    root = tmp_path / "repo"
    root.mkdir()
    gold = _gold_tree(root, "corpus/link.txt")
    (root / "corpus" / "link.txt").symlink_to("/etc/hostname")
    assert main(["gold", "check", str(gold)]) == 1
    assert "is outside the root" in capsys.readouterr().out


def test_gold_text_file_that_is_not_utf8_is_a_problem_not_a_traceback(tmp_path, capsys):
    gold = _gold_tree(tmp_path, "corpus/a.txt")
    (tmp_path / "corpus" / "a.txt").write_bytes("新增5例。".encode("gbk"))
    assert main(["gold", "check", str(gold)]) == 1
    out = capsys.readouterr().out
    assert f"{gold / 'a.gold.jsonl'}:1: text_file 'corpus/a.txt' is not UTF-8" in out


def test_gold_file_that_is_not_utf8_names_the_line(tmp_path, capsys):
    gold = _gold_tree(tmp_path, "corpus/a.txt")
    with (gold / "a.gold.jsonl").open("ab") as fh:
        fh.write('{"doc_id": "新"}\n'.encode("gbk"))
    assert main(["gold", "check", str(gold)]) == 1
    assert f"{gold / 'a.gold.jsonl'}:2: not UTF-8" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["gold", "check"], ["evaluate", "--gold"]])
def test_missing_gold_path_exits_1_naming_it(tmp_path, capsys, args):
    missing = tmp_path / "no" / "such"
    assert main([*args, str(missing)]) == 1
    assert f"{missing} does not exist" in capsys.readouterr().err


def test_gold_folder_without_gold_files_is_an_error(tmp_path, capsys):
    assert main(["gold", "check", str(tmp_path)]) == 1
    assert f"{tmp_path} holds no *.jsonl gold files" in capsys.readouterr().err


def _label_studio(doc_ids: list[str]) -> list[dict]:
    return [
        {"id": n, "data": {"text": "新增5例", "doc_id": d}, "annotations": [{"result": []}]}
        for n, d in enumerate(doc_ids)
    ]


def test_gold_import_refuses_duplicate_doc_ids_before_writing(tmp_path, capsys):
    src = tmp_path / "ls.json"
    src.write_text(json.dumps(_label_studio(["a", "b", "a"])), encoding="utf-8")
    assert main(["gold", "import", str(src), "--format", "label-studio", "-o", str(tmp_path / "out")]) == 1
    assert "document #3 has the doc_id 'a' of document #1" in capsys.readouterr().err
    assert not list((tmp_path / "out").glob("*")) if (tmp_path / "out").exists() else True


@pytest.mark.parametrize("doc_id", ["../evil", "..", "a\\..\\b", "/abs", "nul\x00"])
def test_gold_import_refuses_a_doc_id_that_leaves_the_folder(tmp_path, capsys, doc_id):
    src = tmp_path / "ls.json"
    src.write_text(json.dumps(_label_studio([doc_id])), encoding="utf-8")
    assert main(["gold", "import", str(src), "--format", "label-studio", "-o", str(tmp_path / "out")]) == 1
    assert "no usable doc_id" in capsys.readouterr().err
    assert not (tmp_path / "evil.gold.jsonl").exists()


def test_manifest_path_outside_the_folder_is_refused(tmp_path):
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text('{"file": "a.txt"}\n{"file": "../../etc/passwd", "doc_id": "x"}\n', encoding="utf-8")
    with pytest.raises(Exception, match=rf"{manifest}:2: .*'../../etc/passwd' is outside the folder"):
        load_manifest(manifest)


def test_batch_output_under_a_file_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("新增5例。", encoding="utf-8")
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    assert main(["batch", str(tmp_path / "in"), "-o", str(tmp_path / "afile" / "x.parquet"), "-q"]) == 1
    assert f"{tmp_path / 'afile'} is a file, not a folder; choose another -o" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["batch"], ["gold", "check"], ["extract"], ["show"]])
def test_missing_input_paths_exit_1_naming_the_path(tmp_path, capsys, command):
    missing = tmp_path / "nothing-here"
    assert main([*command, str(missing)]) == 1
    err = capsys.readouterr().err
    assert str(missing) in err and ("does not exist" in err or "No such file" in err), err


def test_extract_reports_a_record_with_a_bad_date_and_reads_the_others(tmp_path, capsys):
    records = tmp_path / "r.jsonl"
    lines = [{"text": "新增5例", "published": "9999-01-01"}, {"text": "新增6例", "published": "2020-02-02"}]
    records.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    assert main(["extract", str(records), "--no-entities"]) == 1
    out = capsys.readouterr()
    assert [json.loads(x)["text"] for x in out.out.splitlines()] == ["6例"]
    assert f"{records} record 1: published='9999-01-01' is outside the years 1000 to 8999" in out.err


def test_extract_and_batch_read_a_gbk_html_page_the_same_way(tmp_path, capsys):
    page = tmp_path / "p.html"
    page.write_bytes('<html><head><meta charset="gbk"></head><body><p>新增5例</p></body></html>'.encode("gbk"))
    assert main(["extract", str(page), "--no-entities"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["text"] for r in rows] == ["5例"] and read_path(page)[0].text == "新增5例"


@pytest.mark.parametrize("pad", ["", " "], ids=["odd", "even"])  # an even length also decodes as UTF-16
@pytest.mark.parametrize("charset", ["utf-16", "UTF-16LE", "utf-32"])
def test_meta_charset_that_cannot_be_right_loses_to_the_bytes(tmp_path, pad, charset):
    page = tmp_path / "p.html"
    html = f'<html><head><meta charset="{charset}"></head><body><p>新增确诊病例5例</p></body></html>{pad}'
    page.write_text(html, encoding="utf-8")
    doc = read_path(page)[0]
    assert (doc.text, doc.encoding) == ("新增确诊病例5例", "utf-8") and charset in doc.warning


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_published_out_of_the_supported_range_is_a_clear_error(published):
    from bulletin_extract.errors import PublishedDateError

    with pytest.raises(PublishedDateError, match="years 1000 to 8999"):
        extract("明天", published=published)


def test_a_detected_publication_date_out_of_range_is_not_used(tmp_path, caplog):
    # The built-in date line reads years 1000-2999 only; a user's pattern file may read any four digits.
    patterns = tmp_path / "dates.yaml"
    patterns.write_text(
        'kind: context\nfull_date: "(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})"\n', encoding="utf-8"
    )
    with caplog.at_level(logging.WARNING, logger="bulletin_extract"):
        doc = extract_document("9999-12-31\n明天新增5例。", entities=False, patterns=[patterns])
    assert doc.published is None and "9999-12-31" in caplog.text
    assert all(not (m.type in ("date", "period") and m.value.startswith("10000")) for m in doc.mentions)


def test_dates_without_a_year_and_no_publication_date_are_warned(caplog):
    with caplog.at_level(logging.WARNING, logger="bulletin_extract"):
        doc = extract_document("3月5日新增5例，昨日新增2例。", doc_id="d1", entities=False)
    assert not [m for m in doc.mentions if m.type == "date"]
    assert "d1: 2 time expression(s) need a publication date" in caplog.text and "'3月5日'@0" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="bulletin_extract"):
        extract_document("3月5日新增5例。", published="2020-03-06", entities=False)
    assert "publication date" not in caplog.text
