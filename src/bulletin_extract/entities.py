"""Named entities (PER, ORG, LOC, DOC): the gazetteers and rules of ``patterns/gazetteers/`` in a spaCy pipeline.

spaCy is imported here only when the first entity is asked for, so
``extract(..., entities=False)`` never loads it (see :mod:`.ner.pipeline`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .records import Entity, _trusted

if TYPE_CHECKING:
    from .ruleset import Ruleset


def find_entities(text: str, folded: str, rs: "Ruleset") -> list[Entity]:
    """Entity mentions of *text*, sorted by start; *folded* is ``rs.fold(text)`` (same offsets).

    Spans are exact (``text == input[start:end]``); ``rule`` names the gazetteer file
    (``gazetteer.<file>``) or the rule id that found the entity.
    """
    from .ner.pipeline import found_entities

    return [
        _trusted(Entity, start=s, end=e, text=text[s:e], rule=rule, type=label)
        for s, e, label, rule in found_entities(folded, rs)
    ]
