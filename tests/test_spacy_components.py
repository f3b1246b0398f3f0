"""spaCy components: registration, the figures and entities components in a pipeline, the internal NER pipeline, show."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

from bulletin_extract import cli, default_engine  # noqa: E402
from bulletin_extract.integrations.spacy import SPANS_KEY, build_nlp, make_nlp, register  # noqa: E402
from bulletin_extract.records import Entity, Figure, TimeMention  # noqa: E402

TEXT = "截至2月20日，湖北省黄冈市复工率84.1%。省长龚正表示，省财政厅将发布《关于支持中小企业的若干意见》。"


def test_spacy_components_register_is_idempotent():
    register()
    register()
    for name in ("bulletin_figures", "bulletin_entities", "bulletin_entity_rules", "bulletin_gazetteer"):
        assert spacy.language.Language.has_factory(name)


def test_spacy_components_add_pipe_on_blank_zh():
    register()
    nlp = spacy.blank("zh")
    nlp.add_pipe("bulletin_figures", config={"published": "2020-02-22"})
    nlp.add_pipe("bulletin_entities")
    doc = nlp(TEXT)
    assert nlp.pipe_names == ["bulletin_figures", "bulletin_entities"]
    assert {s.label_ for s in doc.spans[SPANS_KEY]} >= {"date", "percent", "LOC", "ORG", "PER", "DOC"}


@pytest.mark.parametrize(
    ("text", "label", "value", "unit"),
    [("84.1%", "percent", Decimal("84.1"), "%"), ("2月20日", "date", "2020-02-20", None)],
)
def test_spacy_components_figure_span_extensions(text, label, value, unit):
    doc = make_nlp(published="2020-02-22")(TEXT)
    span = next(s for s in doc.spans[SPANS_KEY] if s.text == text)
    assert (span.label_, span._.value, span._.unit) == (label, value, unit)
    assert isinstance(span._.mention, (Figure, TimeMention)) and span._.mention.text == text


@pytest.mark.parametrize(
    ("text", "label"),
    [("湖北省", "LOC"), ("黄冈市", "LOC"), ("龚正", "PER"), ("省财政厅", "ORG"), ("关于支持中小企业的若干意见", "DOC")],
)
def test_spacy_components_entities_set_doc_ents(text, label):
    doc = make_nlp(published="2020-02-22")(TEXT)
    ents = {(e.text, e.label_) for e in doc.ents}
    assert (text, label) in ents
    span = next(e for e in doc.ents if e.text == text)
    assert isinstance(span._.mention, Entity) and span._.mention.start == span.start_char


def test_spacy_components_entities_match_extract():
    from bulletin_extract import extract

    doc = make_nlp()(TEXT)
    want = [(m.start, m.end, m.type) for m in extract(TEXT) if isinstance(m, Entity)]
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == want


@pytest.mark.parametrize(
    ("segmenter", "person_span"),
    # jieba cuts 龚正在 as one word, so its token span widens; the character offsets stay exact.
    [("char", "龚正"), ("jieba", "龚正在")],
)
def test_spacy_components_internal_pipeline_annotates(segmenter, person_span):
    nlp = build_nlp(default_engine().entities, segmenter=segmenter, annotate=True)
    doc = nlp("省长龚正在黄冈市调研")
    assert (person_span, "PER") in {(e.text, e.label_) for e in doc.ents}
    assert (2, 4, "PER") in {(f.start, f.end, f.label) for f in doc.user_data["bulletin_entities"]}


def test_spacy_components_unknown_segmenter_is_an_error():
    from bulletin_extract import BulletinExtractError

    with pytest.raises(BulletinExtractError, match="segmenter='pkuseg'"):
        build_nlp(default_engine().entities, segmenter="pkuseg")


def test_spacy_components_show_writes_self_contained_html(tmp_path: Path):
    src = tmp_path / "doc.txt"
    src.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out.html"
    assert cli.main(["show", str(src), "--html", str(out), "--published", "2020-02-22"]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "http" not in page.split("<body", 1)[1]
    for label in ("percent 84.1 %", "date 2020-02-20", "LOC", "PER", "ORG", "DOC"):
        assert label in page


@pytest.mark.issue(14)
@pytest.mark.parametrize("text", ["渭南", "公报说渭南", "黄冈"])
def test_spacy_components_entities_agree_with_extract_at_text_end(text):
    from bulletin_extract import extract

    doc = make_nlp()(text)
    want = [(m.start, m.end, m.type) for m in extract(text) if isinstance(m, Entity)]
    assert want and [(e.start_char, e.end_char, e.label_) for e in doc.ents] == want


@pytest.mark.issue(14)
def test_spacy_components_leave_out_names_inside_units_like_extract():
    # Found by tests/test_fuzz.py: 新加坡 inside the currency 新加坡元 is no LOC for extract, nor for the component.
    from bulletin_extract import extract

    text = "0新加坡元"
    doc = make_nlp()(text)
    want = [(m.start, m.end, m.type) for m in extract(text) if isinstance(m, Entity)]
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == want == []
