"""Property tests over texts built from the library's vocabulary (issue 14): every record is its own source
text, offsets stay in bounds, nothing raises, and the two entity paths (the fast path of ``extract`` and the
spaCy pipeline) agree.

How many examples run is the hypothesis profile's business (tests/conftest.py): ``quick`` by default,
``ci`` in .ci/run (about two minutes), ``release`` for the long fuzz of docs/fuzzing.md.
"""

from __future__ import annotations

import pytest
from fuzz_vocabulary import texts
from hypothesis import HealthCheck, assume, given, settings

from bulletin_extract import default_engine, extract, extract_document

pytestmark = pytest.mark.issue(14)
_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]
# The spaCy paths build a pipeline per text: a third of the examples.
_FEWER = settings(max_examples=max(10, settings.default.max_examples // 3), suppress_health_check=_SLOW)


def _grounded(text: str, records) -> None:
    for r in records:
        assert 0 <= r.start < r.end <= len(text), r
        assert r.text == text[r.start : r.end], r


@settings(suppress_health_check=_SLOW)
@given(texts())
def test_fuzz_extract_records_are_their_source_text(text):
    _grounded(text, extract(text))
    _grounded(text, extract(text, entities=False))


@settings(suppress_health_check=_SLOW)
@given(texts())
def test_fuzz_extract_document_records_are_their_source_text(text):
    doc = extract_document(text, published="2020-02-22")
    _grounded(text, doc.mentions)
    starts = {m.start for m in doc.mentions}
    for check in doc.checks:  # a check names its figures by start offset: each must be a mention
        assert set(check.mentions) <= starts, check


@_FEWER
@given(texts())
def test_fuzz_fast_path_agrees_with_the_spacy_entity_pipeline(text):
    from bulletin_extract.ner.pipeline import ENTITIES_KEY, found_entities

    engine = default_engine()
    folded = engine.fold(text)
    fast = found_entities(folded, engine.entities)
    assert all(0 <= f.start < f.end <= len(text) for f in fast)
    assert fast == _nlp()(folded).user_data[ENTITIES_KEY]


@_FEWER
@given(texts())
def test_fuzz_spacy_components_agree_with_extract(text):
    from bulletin_extract.integrations.spacy import SPANS_KEY

    # spaCy's own tokenizer cannot hold a lone surrogate (its string store encodes tokens as UTF-8), so no Doc
    # exists for the components to annotate; the internal pipeline above spells them U+FFFD.
    assume(not any("\ud800" <= c <= "\udfff" for c in text))
    doc = _components()(text)
    want = [(m.start, m.end, m.type) for m in extract(text) if m.type in ("PER", "ORG", "LOC", "DOC")]
    got = [
        (s.start_char, s.end_char, s.label_) for s in doc.spans[SPANS_KEY] if s.label_ in ("PER", "ORG", "LOC", "DOC")
    ]
    assert got == want
    for s in doc.spans[SPANS_KEY]:
        assert s.text == text[s.start_char : s.end_char]
        assert s._.mention.text == s.text


_CACHE: dict[str, object] = {}


def _nlp():
    if "nlp" not in _CACHE:
        from bulletin_extract.integrations.spacy import build_nlp

        _CACHE["nlp"] = build_nlp(default_engine().entities, "char", annotate=True)
    return _CACHE["nlp"]


def _components():
    if "components" not in _CACHE:
        from bulletin_extract.integrations.spacy import make_nlp

        _CACHE["components"] = make_nlp(published="2020-02-22")
    return _CACHE["components"]
