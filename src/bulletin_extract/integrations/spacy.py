"""spaCy components of bulletin-extract, registered explicitly (``import bulletin_extract`` never imports spaCy).

>>> from bulletin_extract.integrations.spacy import make_nlp      # doctest: +SKIP
>>> doc = make_nlp()("截至2月20日，全省规模以上工业企业复工率84.1%。")  # doctest: +SKIP
>>> [(s.text, s.label_, s._.value, s._.unit) for s in doc.spans["bulletin"]]  # doctest: +SKIP
[('2月20日', 'date', '2020-02-20', None), ('84.1%', 'percent', Decimal('84.1'), '%')]

To add the components to a pipeline of your own, call :func:`register` first::

    register()
    nlp = spacy.blank("zh")
    nlp.add_pipe("bulletin_figures", config={"published": "2020-02-22"})
    nlp.add_pipe("bulletin_entities")

Factories (each takes ``patterns``: extra pattern files or folders, as ``extract`` does):

* ``bulletin_figures`` (also ``published``, ``region``): figures and times into
  ``doc.spans["bulletin"]``; each span has ``span._.mention`` (the record),
  ``span._.value`` and ``span._.unit`` (None for times).
* ``bulletin_entities``: entities as ``doc.ents`` and, with ``span._.mention``, in ``doc.spans["bulletin"]``.
* ``bulletin_gazetteer`` and ``bulletin_entity_rules``: the two stages of the internal
  entity pipeline (see :mod:`bulletin_extract.ner.pipeline`); :func:`build_nlp` builds it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from ..api import extract_document
from ..engine import default_engine
from ..errors import BulletinExtractError
from ..ner.patterns import EntityPatterns
from ..ner.pipeline import (
    ENTITIES_KEY,
    MATCHER_FACTORY,
    RULES_FACTORY,
    SEGMENTERS,
    CharTokenizer,
    EntityRules,
    GazetteerMatcher,
    found_entities,
)
from ..ner.rules import Found
from ..ner.segmentation import warm_up

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

SPANS_KEY = "bulletin"
"""``doc.spans`` key under which the components store their mentions."""

_EXTENSIONS = ("mention", "value", "unit")


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    # Offsets are characters; a segmenter other than char may need the span widened to whole tokens.
    return doc.char_span(start, end, label=label) or doc.char_span(start, end, label=label, alignment_mode="expand")


def _annotate(span: Span, mention: Any) -> Span:
    span._.mention = mention
    span._.value = getattr(mention, "value", None)
    span._.unit = getattr(mention, "unit", None)
    return span


class FiguresComponent:
    """Puts a document's figures and times into ``doc.spans["bulletin"]``."""

    def __init__(self, patterns: Sequence[str], published: str | None, region: str | None) -> None:
        self.patterns, self.published, self.region = list(patterns), published, region

    def __call__(self, doc: Doc) -> Doc:
        result = extract_document(
            doc.text, published=self.published, region=self.region, entities=False, patterns=self.patterns
        )
        spans = []
        for m in result.mentions:
            span = _span(doc, m.start, m.end, m.type)
            if span is not None:
                spans.append(_annotate(span, m))
        doc.spans[SPANS_KEY] = [*doc.spans.get(SPANS_KEY, []), *spans]
        return doc


class EntitiesComponent:
    """Sets ``doc.ents`` to the document's PER/ORG/LOC/DOC entities (and adds them to ``doc.spans["bulletin"]``)."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = list(patterns)

    def __call__(self, doc: Doc) -> Doc:
        from spacy.util import filter_spans

        engine = default_engine(tuple(self.patterns))
        found = engine.entity_mentions(engine.model(doc.text))
        pairs = [(s, e) for e in found if (s := _span(doc, e.start, e.end, e.type)) is not None]
        spans = [_annotate(s, e) for s, e in pairs]
        doc.ents = filter_spans(spans)
        doc.spans[SPANS_KEY] = [*doc.spans.get(SPANS_KEY, []), *spans]
        return doc


def _make_figures(
    nlp: Language, name: str, patterns: list[str], published: str | None, region: str | None
) -> FiguresComponent:
    return FiguresComponent(patterns, published, region)


def _make_entities(nlp: Language, name: str, patterns: list[str]) -> EntitiesComponent:
    return EntitiesComponent(patterns)


def register() -> None:
    """Register the factories and the ``Span`` extensions with spaCy (idempotent; imports spaCy)."""
    from spacy.language import Language
    from spacy.tokens import Span

    for ext in _EXTENSIONS:
        if not Span.has_extension(ext):
            Span.set_extension(ext, default=None)
    if not Language.has_factory("bulletin_figures"):
        Language.factory(
            "bulletin_figures",
            default_config={"patterns": [], "published": None, "region": None},
            assigns=["doc.spans"],
            func=_make_figures,
        )
    if not Language.has_factory("bulletin_entities"):
        Language.factory(
            "bulletin_entities",
            default_config={"patterns": []},
            assigns=["doc.ents", "doc.spans"],
            func=_make_entities,
        )
    if not Language.has_factory(RULES_FACTORY):
        Language.factory(
            RULES_FACTORY,
            default_config={"patterns": [], "annotate": True},
            assigns=["doc.ents", "doc.spans"],
            func=make_entity_rules,
        )
    if not Language.has_factory(MATCHER_FACTORY):
        Language.factory(MATCHER_FACTORY, default_config={"patterns": []}, func=make_gazetteer_matcher)


def make_nlp(*, published: str | None = None, region: str | None = None, patterns: Sequence[str] = ()) -> Language:
    """A ``zh`` pipeline (character segmenter) with ``bulletin_figures`` and ``bulletin_entities``."""
    import spacy

    register()
    nlp = spacy.blank("zh")
    nlp.add_pipe("bulletin_figures", config={"patterns": list(patterns), "published": published, "region": region})
    nlp.add_pipe("bulletin_entities", config={"patterns": list(patterns)})
    return nlp


def make_gazetteer_matcher(nlp: Language, name: str, patterns: Sequence[str]) -> GazetteerMatcher:
    """Factory of :class:`GazetteerMatcher` (``patterns``: extra pattern paths, as for ``extract``)."""
    return GazetteerMatcher(nlp, default_engine(tuple(patterns)).entities)


def make_entity_rules(nlp: Language, name: str, patterns: Sequence[str], annotate: bool) -> EntityRules:
    """Factory of :class:`EntityRules` (``patterns``: extra pattern paths, as for ``extract``)."""
    return EntityRules(default_engine(tuple(patterns)).entities, annotate)


def build_nlp(pats: EntityPatterns, segmenter: str = "char", annotate: bool = True) -> Language:
    """A new ``zh`` pipeline (gazetteer matcher + rules) for the entity patterns *pats*."""
    if segmenter not in SEGMENTERS:
        raise BulletinExtractError(f"segmenter={segmenter!r} is not supported: use one of {', '.join(SEGMENTERS)}")
    import spacy

    register()
    config: dict[str, Any] = {"nlp": {"tokenizer": {"segmenter": segmenter}}}
    nlp = spacy.blank("zh", config=config)
    if segmenter == "char":
        nlp.tokenizer = CharTokenizer(nlp.vocab)
    else:
        from spacy.lang.zh import ChineseTokenizer

        # spacy.blank("zh") made a ChineseTokenizer; Language.tokenizer is typed as any callable.
        # initialize() loads jieba's dictionary now, not on the first document.
        cast(ChineseTokenizer, nlp.tokenizer).initialize()
    extra = list(pats.extra_paths)
    nlp.add_pipe(MATCHER_FACTORY, config={"patterns": extra})
    nlp.add_pipe(RULES_FACTORY, config={"patterns": extra, "annotate": annotate})
    warm_up()
    return nlp


@functools.lru_cache(maxsize=4)
def _nlp_for(pats: EntityPatterns, segmenter: str) -> Language:
    return build_nlp(pats, segmenter, annotate=False)


def entities_with_segmenter(folded: str, pats: EntityPatterns, segmenter: str = "char") -> list[Found]:
    """The entities of folded text through the spaCy pipeline with *segmenter* (``char`` skips the Doc)."""
    if segmenter == "char":
        return found_entities(folded, pats)
    found: list[Found] = _nlp_for(pats, segmenter)(folded).user_data[ENTITIES_KEY]
    return found
