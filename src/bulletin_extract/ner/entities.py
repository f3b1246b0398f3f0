"""The entity stage: PER, ORG, LOC and DOC mentions of a document (``patterns/gazetteers/``)."""

from __future__ import annotations

import functools

from ..document.model import DocumentModel
from ..records import Entity, _trusted
from .patterns import EntityPatterns
from .pipeline import found_entities
from .segmentation import warm_up


@functools.lru_cache(maxsize=1)
def _warm() -> None:
    warm_up()  # jieba's dictionary and tagger, loaded once before the first document


def find_entities(doc: DocumentModel, pats: EntityPatterns) -> list[Entity]:
    """Entity mentions of *doc*, sorted by start; ``rule`` names the gazetteer file (``gazetteer.<file>``)
    or the rule id that found the entity."""
    _warm()
    text = doc.text
    return [
        _trusted(Entity, start=f.start, end=f.end, text=text[f.start : f.end], rule=f.rule, type=f.label)
        for f in found_entities(doc.folded, pats)
    ]
