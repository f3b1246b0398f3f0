"""Everything the entity stage compiles from a ruleset, built once by the engine (on first use of entities)."""

from __future__ import annotations

from dataclasses import dataclass

from ..document.fold import Folding
from ..rules.ruleset import Ruleset
from .lexicon import CompiledRule, boundary_checks, compiled_rules, phrase_patterns
from .phrases import PhraseIndex


@dataclass(frozen=True, eq=False)
class EntityPatterns:
    """Gazetteer phrases (and their index), boundary checks and compiled rules of a ruleset."""

    phrases: tuple[dict[str, str], ...]
    index: PhraseIndex
    rules: tuple[CompiledRule, ...]
    boundary: dict[str, int]
    fold: Folding
    extra_paths: tuple[str, ...]

    @classmethod
    def compile(cls, rs: Ruleset, fold: Folding) -> EntityPatterns:
        phrases = phrase_patterns(rs, fold)
        return cls(
            phrases=phrases,
            index=PhraseIndex(phrases),
            rules=compiled_rules(rs, fold),
            boundary=boundary_checks(rs),
            fold=fold,
            extra_paths=rs.extra_paths(),
        )
