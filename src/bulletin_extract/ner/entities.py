"""The entity stage: PER, ORG, LOC and DOC mentions of a document (``patterns/gazetteers/``)."""

from __future__ import annotations

from ..document.model import DocumentModel
from ..records import Entity, _trusted
from .patterns import EntityPatterns
from .pipeline import found_entities


def find_entities(doc: DocumentModel, pats: EntityPatterns) -> list[Entity]:
    """Entity mentions of *doc*, sorted by start; ``rule`` names the gazetteer file (``gazetteer.<file>``)
    or the rule id that found the entity.

    jieba is loaded by the first check that asks it (``ner/segmentation.py``), not before: loading its tables
    is most of a short document's cold start, and many short documents never ask.  ``segmentation.warm_up``
    loads it ahead of time.
    """
    text = doc.text
    return [
        _trusted(Entity, start=f.start, end=f.end, text=text[f.start : f.end], rule=f.rule, type=f.label)
        for f in found_entities(doc.folded, pats)
    ]
