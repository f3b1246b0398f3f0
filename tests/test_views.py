"""The HTML views without a browser: marks nest and split correctly, every input string is escaped, optional
attributes of newer records are shown, notebooks get the document view."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest

from bulletin_extract import Document, extract_document
from bulletin_extract.records import Figure
from bulletin_extract.views.document import document_html
from bulletin_extract.views.marks import Span, marked_text
from bulletin_extract.views.page import TemplateError, fill

TEXT = "截至2月20日，已复工23849家，复工率84.1%。"


class _Marks(HTMLParser):
    """The text of a marked-up string and, per data-m, the text inside its fragments; fails on bad nesting."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text = ""
        self.inside: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag == "mark"
        self.stack.append(dict(attrs)["data-m"] or "")

    def handle_endtag(self, tag: str) -> None:
        assert tag == "mark" and self.stack
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text += data
        for m in self.stack:
            self.inside[m] = self.inside.get(m, "") + data


def _parse(html: str) -> _Marks:
    p = _Marks()
    p.feed(html)
    p.close()
    assert not p.stack, "a mark was left open"
    return p


@pytest.mark.parametrize(
    "spans",
    [
        [(0, 4), (2, 3)],  # nested
        [(0, 4), (2, 6)],  # crossing
        [(1, 5), (1, 5), (3, 8)],  # same span twice, then crossing
        [(0, 2), (2, 4), (0, 8)],  # adjacent inside an outer one
        [(0, 8)],
    ],
)
def test_views_marks_keep_the_text_and_each_mention_whole(spans: list[tuple[int, int]]) -> None:
    text = "ab<c>&def\n"
    html = marked_text(text, [Span(i, s, e, "m", f"tip {i}") for i, (s, e) in enumerate(spans)])
    p = _parse(html)
    assert p.text == text
    assert p.inside == {str(i): text[s:e] for i, (s, e) in enumerate(spans)}
    assert html.count(' id="m') == len(spans)  # one anchor per mention, on its first fragment


def test_views_document_escapes_everything_from_the_input() -> None:
    hostile = '<img src=x onerror="alert(1)">'
    doc = extract_document(TEXT + hostile, published="2020-02-22", region=hostile, entities=False)
    page = document_html(doc, TEXT + hostile, title=hostile + ".txt")
    assert "<img" not in page and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert f"<title>{'&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'}.txt</title>" in page


def test_views_document_shows_optional_attributes_when_a_record_has_them() -> None:
    doc = extract_document(TEXT, published="2020-02-22", entities=False)
    fig = next(m for m in doc.mentions if m.type == "percent")
    bare = [m.model_copy(update={"indicator": None, "measure": None, "scope": None}) for m in doc.mentions]
    assert "<th>indicator</th>" not in document_html(doc.model_copy(update={"mentions": bare}), TEXT)
    marked = fig.model_copy(update={"indicator": "resumption.rate"})
    page = document_html(doc.model_copy(update={"mentions": [marked]}), TEXT)
    assert "<th>indicator</th>" in page and '<td class="a-indicator">resumption.rate</td>' in page
    assert "indicator: resumption.rate" in page


def test_views_document_reads_attributes_a_record_lacks_with_a_default() -> None:
    class Older(Figure):  # a record class without the attributes a newer version added
        def __getattribute__(self, name: str) -> Any:
            if name in ("indicator", "measure", "scope"):
                raise AttributeError(name)
            return super().__getattribute__(name)

    doc = extract_document(TEXT, published="2020-02-22", entities=False)
    fig = next(m for m in doc.mentions if m.type == "percent")
    older = Older.model_construct(**{k: getattr(fig, k) for k in ("start", "end", "text", "type", "value", "unit")})
    page = document_html(Document.model_construct(mentions=[older], checks=[]), TEXT)
    assert "<th>indicator</th>" not in page and "84.1" in page


def test_views_notebook_repr_is_the_document_view() -> None:
    doc = extract_document(TEXT, published="2020-02-22", entities=False)
    assert doc.text == TEXT and "text" not in doc.model_dump()
    html = doc._repr_html_()
    assert html.startswith("<!DOCTYPE html>") and "复工率" in html and html.count("<tr id=") == len(doc.mentions)
    assert "the source text was not kept" in Document(mentions=list(doc.mentions))._repr_html_()


def test_views_templates_refuse_unknown_and_unused_slots() -> None:
    parts: dict[str, Any] = {"title": "t"}
    with pytest.raises(TemplateError, match="does not fill"):
        fill("document.html", **parts)
    with pytest.raises(TemplateError, match="no slot"):
        fill("report.js", nope="x")
