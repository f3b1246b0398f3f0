"""The entity stage: gazetteer matches resolved into entities, and the spaCy components that do the same.

``spacy.blank("zh")``, then

1. ``bulletin_gazetteer``: a ``PhraseMatcher`` over every gazetteer name and short
   form (the matching engine of spaCy's ``entity_ruler``); its matches go to
   ``doc.user_data["bulletin_gazetteer"]``;
2. ``bulletin_entity_rules``: keeps the longest matches that pass their boundary
   check, runs the gazetteer files' rules (《》 titles, place + body, titles around
   names ...) over the text with those matches masked, and stores the result in
   ``doc.user_data["bulletin_entities"]`` and, with ``annotate`` on, as ``doc.ents``
   and ``doc.spans["bulletin_entities"]``.

Why not ``entity_ruler`` itself: it reads and rewrites ``doc.ents``, and ``Doc.ents``
and ``Doc.text`` walk every token, which with one token per character cost more
than the rest of the extraction; the matcher it wraps, and offsets kept as numbers
until the end, keep entities within the speed budget (``benchmarks/bench_entities.py``).

:func:`resolve` is the stage itself (no spaCy); the component classes import spaCy
when they are built, and :mod:`bulletin_extract.integrations.spacy` registers them
as factories and builds the pipeline.

Segmenters: ``char`` (default) makes one token per character with a minimal
tokenizer, so every entity edge is a token edge and offsets are string indices;
``jieba`` is spaCy's jieba segmenter, where a gazetteer name only matches when
jieba cuts it out as whole words.  ``char`` scored higher on the gold set and is
faster (``benchmarks/score_entities.py --segmenter jieba``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .lexicon import NOT_A_NAME
from .patterns import EntityPatterns
from .rules import Found, apply_rules, longest_first
from .segmentation import CHECKS, on_word_boundaries

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

SEGMENTERS = ("char", "jieba")
RULES_FACTORY = "bulletin_entity_rules"
MATCHER_FACTORY = "bulletin_gazetteer"
_SEP = "\t"
_SURROGATE = re.compile("[\ud800-\udfff]")
GAZETTEER_KEY = "bulletin_gazetteer"
ENTITIES_KEY = "bulletin_entities"
TEXT_KEY = "bulletin_text"


class CharTokenizer:
    """One token per character, whitespace included, so offsets are string indices and no text is lost."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        from spacy.tokens import Doc

        # spaCy's string store encodes every token as UTF-8, which a lone surrogate (from a JSON escape) cannot
        # be: such a token is spelt U+FFFD, one character for one, and the rules read the text as given.
        words = list(text) if text.isascii() or not _SURROGATE.search(text) else list(_SURROGATE.sub("\ufffd", text))
        doc = Doc(self.vocab, words=words, spaces=[False] * len(text))
        # Doc.text joins every token again; keep the input so the rules need not rebuild it.
        doc.user_data[TEXT_KEY] = text
        return doc


class GazetteerMatcher:
    """spaCy component: every gazetteer name of a ruleset, matched as a phrase (token ORTH)."""

    def __init__(self, nlp: Language, pats: EntityPatterns) -> None:
        from spacy.matcher import PhraseMatcher

        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        groups: dict[str, list[str]] = {}
        for p in pats.phrases:
            groups.setdefault(f"{p['label']}{_SEP}{p['id']}", []).append(p["pattern"])
        self.keys: dict[int, tuple[str, str]] = {}
        for key, forms in groups.items():
            self.matcher.add(key, [nlp.make_doc(f) for f in forms])
            label, rule = key.split(_SEP)
            self.keys[nlp.vocab.strings[key]] = (label, rule)

    def __call__(self, doc: Doc) -> Doc:
        chars = TEXT_KEY in doc.user_data  # char tokenizer: token i is character i
        out = []
        for key, s, e in self.matcher(doc):
            label, rule = self.keys[key]
            if chars:
                out.append(Found(s, e, label, rule))
            else:
                last = doc[e - 1]
                out.append(Found(doc[s].idx, last.idx + len(last.text), label, rule))
        doc.user_data[GAZETTEER_KEY] = out
        return doc


class EntityRules:
    """spaCy component: gazetteer matches plus rules -> ``doc.user_data["bulletin_entities"]`` (and ``doc.ents``)."""

    def __init__(self, pats: EntityPatterns, annotate: bool) -> None:
        self.pats = pats
        self.annotate = annotate

    def __call__(self, doc: Doc) -> Doc:
        text = self.pats.fold(doc.user_data.get(TEXT_KEY) or doc.text)
        found = resolve(text, doc.user_data.get(GAZETTEER_KEY, []), self.pats)
        doc.user_data[ENTITIES_KEY] = found
        if self.annotate:
            from spacy.util import filter_spans

            spans = []
            for f in found:
                span = doc.char_span(f.start, f.end, label=f.label, span_id=f.rule)
                if span is None:
                    # With the jieba segmenter a word may straddle an entity edge; widen to whole tokens.
                    span = doc.char_span(f.start, f.end, label=f.label, span_id=f.rule, alignment_mode="expand")
                if span is not None:  # no token range at all (an empty span): the entity stays in user_data only
                    spans.append(span)
            doc.spans[ENTITIES_KEY] = spans
            doc.ents = filter_spans(spans)
        return doc


def resolve(text: str, matches: Sequence[Found], pats: EntityPatterns) -> list[Found]:
    """Entities of folded *text* from its gazetteer *matches*: longest first, boundary checks, then the rules."""
    boundary = pats.boundary
    start = [
        f
        for f in longest_first(matches)
        if f.label != NOT_A_NAME
        and (f.end - f.start > boundary.get(f.rule, 0) or on_word_boundaries(text, f.start, f.end))
    ]
    return apply_rules(text, start, pats.rules, CHECKS)


def found_entities(folded: str, pats: EntityPatterns) -> list[Found]:
    """The entities of folded text, sorted by start, without building a spaCy Doc.

    :mod:`.phrases` finds the same gazetteer matches as the pipeline's PhraseMatcher, and the
    same rules run (building a Doc per bulletin would double the cost of extraction).
    """
    return resolve(folded, pats.index.find(folded), pats)
