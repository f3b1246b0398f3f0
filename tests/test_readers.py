"""Reading documents: encoding detection, HTML stripping, JSON records, discovery and unreadable files."""

from __future__ import annotations

import hashlib
import json
import os
import random

import pytest

from bulletin_extract.errors import DocumentReadError
from bulletin_extract.io.decoding import decode
from bulletin_extract.io.readers import Source, discover, html_to_text, read_source, source_format, split_jsonl

SIMPLIFIED = "截至2月20日，全省规模以上工业企业复工率达到84.1%，比上周提高12.3个百分点。"
TRADITIONAL = "香港特別行政區政府統計處今日公布，本地生產總值按年實質上升百分之四點三，失業率為百分之二點九。"


def _source(path, rel=None) -> Source:
    return Source(path=str(path), rel=rel or path.name, format=source_format(path), size=path.stat().st_size)


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (SIMPLIFIED, "utf-8", "utf-8"),
        (SIMPLIFIED, "utf-8-sig", "utf-8-sig"),
        (SIMPLIFIED, "gbk", "gb18030"),
        (SIMPLIFIED, "gb18030", "gb18030"),
        ("𠮷" + SIMPLIFIED, "gb18030", "gb18030"),  # a four-byte GB18030 character, outside GBK
        (TRADITIONAL, "big5", "big5"),
        (TRADITIONAL[:6], "big5", "big5"),  # short text: GB18030 also decodes these bytes, the score must decide
        (SIMPLIFIED[:8], "gbk", "gb18030"),
        (SIMPLIFIED, "utf-16", "utf-16"),
        ("plain ASCII 2020-02-22", "ascii", "utf-8"),
    ],
)
def test_decoding_detects_encoding_and_round_trips(text, codec, expected):
    dec = decode(text.encode(codec))
    assert (dec.text, dec.encoding, dec.replacements) == (text, expected, 0)


def test_decoding_utf8_bom_is_not_part_of_the_text():
    dec = decode(b"\xef\xbb\xbf" + SIMPLIFIED.encode())
    assert dec.text == SIMPLIFIED and not dec.text.startswith("\ufeff")


@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "big5"])
@pytest.mark.parametrize("where", [0, 7, 30, -1])
def test_decoding_replaces_and_counts_undecodable_bytes(codec, where):
    text = (TRADITIONAL if codec == "big5" else SIMPLIFIED) * 20
    cut = where % len(text)
    # 0xFF is invalid as a lead byte in all three encodings.
    data = text[:cut].encode(codec) + b"\xff" + text[cut:].encode(codec)
    dec = decode(data)
    assert (dec.encoding, dec.replacements) == (codec, 1)
    assert dec.text == text[:cut] + "\ufffd" + text[cut:]


def test_decoding_truncated_utf8_stays_utf8():
    data = SIMPLIFIED.encode("utf-8")[:-2]  # cut inside the final character
    dec = decode(data)
    assert (dec.encoding, dec.replacements, dec.text) == ("utf-8", 1, SIMPLIFIED[:-1] + "\ufffd")


def test_decoding_does_not_count_replacement_characters_already_in_the_file():
    data = ("\ufffd" + SIMPLIFIED * 20).encode("gb18030") + b"\xff"
    dec = decode(data)
    assert dec.replacements == 1 and dec.text.count("\ufffd") == 2


def test_decoding_strict_refuses_undecodable_bytes():
    with pytest.raises(DocumentReadError, match="undecodable"):
        decode(SIMPLIFIED.encode() + b"\xff", strict=True)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(0x80, 0x100)) * 8, "not text"),
        (random.Random(7).randbytes(3000).replace(b"\x00", b"\x01"), "not text"),
    ],
)
def test_decoding_rejects_data_that_is_not_text(data, reason):
    with pytest.raises(DocumentReadError, match=reason):
        decode(data)


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>复工率84.1%</p><p>新增5例</p>", "复工率84.1%\n新增5例"),
        ("<html><head><title>通报</title><style>p {color: red}</style></head><body>正文</body></html>", "通报\n正文"),
        ("<div>a<script>var s = '<p>不要</p>';</script>b</div>", "ab"),
        ("<p>A&amp;B &lt;1&gt;</p>", "A&B <1>"),
        ("<p>复工\n   率</p>", "复工率"),  # a source line break between CJK characters renders as nothing
        ("<p>GDP\n  grew</p>", "GDP grew"),
        (
            "<table><tr><th>地区</th><th>复工率</th></tr><tr><td>山东</td><td> 84.1% </td></tr></table>",
            "地区\t复工率\n山东\t84.1%",
        ),
        ("<td>1</td><td>2</td><br/>x", "1\t2\nx"),
        ("<p>unclosed <b>bold<p>next", "unclosed bold\nnext"),
    ],
)
def test_readers_html_to_text_keeps_only_visible_text(markup, expected):
    assert html_to_text(markup) == expected


def test_readers_html_source_uses_declared_charset_and_saves_stripped_text(tmp_path):
    page = f'<html><head><meta charset="gb2312"><title>t</title></head><body><p>{SIMPLIFIED}</p></body></html>'
    f = tmp_path / "page.htm"
    f.write_bytes(page.encode("gbk"))
    [doc] = read_source(_source(f))
    assert (doc.encoding, doc.warning, doc.error, doc.derived) == ("gb18030", None, None, True)
    assert doc.text == "t\n" + SIMPLIFIED
    assert doc.sha256 == hashlib.sha256(f.read_bytes()).hexdigest()


def test_readers_html_wrong_declared_charset_is_detected_and_warned(tmp_path):
    f = tmp_path / "page.html"
    f.write_bytes(f'<meta charset="utf-8"><p>{SIMPLIFIED}</p>'.encode("gbk"))
    [doc] = read_source(_source(f))
    assert doc.encoding == "gb18030" and doc.text == SIMPLIFIED
    assert "declared charset 'utf-8'" in doc.warning


def test_readers_json_object_and_list(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(
        json.dumps({"doc_id": "x1", "text": SIMPLIFIED, "published": "2020-02-22", "region": "山东省"}),
        encoding="utf-8",
    )
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": "a"}, {"body": "no text field"}, {"text": "b"}]), encoding="utf-8")
    [d1] = read_source(_source(one))
    assert (d1.doc_id, d1.text, d1.published, d1.region, d1.derived) == ("x1", SIMPLIFIED, "2020-02-22", "山东省", True)
    docs = list(read_source(_source(many)))
    assert [(d.doc_id, d.record, d.text, d.error is None) for d in docs] == [
        ("many.json#1", 1, "a", True),
        ("many.json#2", 2, "", False),
        ("many.json#3", 3, "b", True),
    ]
    assert "--text-field" in docs[1].error


def test_readers_jsonl_bad_lines_cost_one_record(tmp_path):
    f = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"text": "first"}, ensure_ascii=False).encode(),
        b"",
        b"{not json",
        json.dumps({"content": SIMPLIFIED}, ensure_ascii=False).encode("utf-8"),
        b'{"text": "' + SIMPLIFIED.encode("gbk") + b'"}',
        b"\x00\x01binary",
    ]
    f.write_bytes(b"\n".join(lines) + b"\n")
    docs = list(read_source(_source(f), text_field="text"))
    assert [d.doc_id for d in docs] == ["docs.jsonl#1", "docs.jsonl#3", "docs.jsonl#4", "docs.jsonl#5", "docs.jsonl#6"]
    assert [d.error is None for d in docs] == [True, False, False, True, False]
    assert docs[3].text == SIMPLIFIED and docs[3].encoding == "gb18030"
    assert "not valid JSON" in docs[1].error and "binary" in docs[4].error
    [with_content] = [d for d in read_source(_source(f), text_field="content") if d.error is None]
    assert with_content.text == SIMPLIFIED


@pytest.mark.parametrize("max_bytes", [1, 50, 200, 10_000])
def test_readers_split_jsonl_reads_the_same_documents(tmp_path, max_bytes):
    f = tmp_path / "big.jsonl"
    rows = [json.dumps({"text": f"{SIMPLIFIED[: n + 5]}{n}"}, ensure_ascii=False) for n in range(30)]
    f.write_text("\n".join(rows[:10]) + "\n\n" + "\n".join(rows[10:]) + "\n", encoding="utf-8")
    whole = [(d.doc_id, d.text, d.sha256) for d in read_source(_source(f))]
    parts = split_jsonl(_source(f), max_bytes)
    assert len(parts) == (1 if max_bytes >= f.stat().st_size else len(parts)) and (max_bytes > 1 or len(parts) == 31)
    split = [(d.doc_id, d.text, d.sha256) for p in parts for d in read_source(p)]
    assert split == whole
    assert {sha for *_, sha in split} == {hashlib.sha256(f.read_bytes()).hexdigest()}


def test_readers_discover_recurses_sorted_and_filters(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b" / "c.html").write_text("x", encoding="utf-8")
    (tmp_path / "b" / "notes.md").write_text("x", encoding="utf-8")
    (tmp_path / "folder.txt").mkdir()  # a directory with a document-like name is a folder, not a document
    (tmp_path / "folder.txt" / "inner.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".dot.txt").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "missing.txt", tmp_path / "gone.txt")
    assert [s.rel for s in discover(tmp_path)] == ["a.txt", "b/c.html", "folder.txt/inner.txt", "gone.txt"]
    assert [s.rel for s in discover(tmp_path, ["b/*"])] == ["b/c.html", "b/notes.md"]
    assert [s.format for s in discover(tmp_path, ["b/*"])] == ["html", "text"]
    assert [s.rel for s in discover(tmp_path, ["*.txt"], exclude=[tmp_path / "folder.txt"])] == ["a.txt", "gone.txt"]


def test_readers_discover_needs_a_folder(tmp_path):
    with pytest.raises(DocumentReadError, match="nope does not exist"):
        discover(tmp_path / "nope")
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    with pytest.raises(DocumentReadError, match=r"file\.txt is not a folder"):
        discover(tmp_path / "file.txt")


def test_readers_unreadable_file_is_recorded_not_raised(tmp_path):
    os.symlink(tmp_path / "missing.txt", tmp_path / "gone.txt")
    [doc] = read_source(Source(path=str(tmp_path / "gone.txt"), rel="gone.txt", format="text", size=0))
    assert doc.error.startswith("cannot read gone.txt") and doc.text == ""


@pytest.mark.parametrize(
    ("content", "error"),
    [(b"", None), (b"\x89PNG\x00\x00", "binary"), (bytes(range(0x80, 0x100)) * 4, "not text")],
)
def test_readers_text_file_errors_name_the_file(tmp_path, content, error):
    f = tmp_path / "doc.txt"
    f.write_bytes(content)
    [doc] = read_source(_source(f))
    if error is None:
        assert doc.error is None and doc.text == "" and doc.sha256 == hashlib.sha256(b"").hexdigest()
    else:
        assert "doc.txt" in doc.error and error in doc.error
