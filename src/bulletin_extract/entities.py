"""Named entities (placeholder gazetteer tagger until the spaCy tagger lands)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .records import Entity

if TYPE_CHECKING:
    from .ruleset import Ruleset


def find_entities(text: str, folded: str, rs: "Ruleset") -> list[Entity]:
    """Entity mentions of *text*; empty until the entity tagger is implemented."""
    return []
