"""Bodies named by a level word alone (市政府, 区疾控中心), read against the division the document is about.

A level word stands for a place: the document's own (市卫健委 in a city's bulletin, 市 in 上海市's) or one
above it (省委 in a city's bulletin), each a single body. A level below the document's names any of several
(区疾控中心 in a municipality's daily report is whichever district's): no entity (gold/README.md, convention
on generic bodies). Which rules name a body by its level word, and which level each word names, are data
(``level_named`` rules and ``level_ranks`` of the gazetteer files).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import get_args

from ..records import Entity
from ..rules.ruleset import Ruleset
from ..rules.schema import GazetteerFile
from ..rules.schema_entities import DivisionLevel

_RANKS: tuple[str, ...] = get_args(DivisionLevel)  # from the widest division to the narrowest


@dataclass(frozen=True, eq=False)
class LevelPolicy:
    """The rules whose names open with a level word, and the rank of each level word."""

    rules: frozenset[str]
    ranks: dict[str, int]
    words: tuple[str, ...]  # longest first: 自治州 before 州

    @classmethod
    def compile(cls, rs: Ruleset) -> LevelPolicy:
        specs = [f.spec for f in rs.files if isinstance(f.spec, GazetteerFile)]
        rules = frozenset(r.id for spec in specs for r in spec.rules if r.level_named)
        ranks = {word: _RANKS.index(level) for spec in specs for word, level in spec.level_ranks.items()}
        return cls(rules, ranks, tuple(sorted(ranks, key=len, reverse=True)))

    def is_generic(self, ent: Entity, region: str, level: str) -> bool:
        """*ent* names a body by a level word below *level*, the level of the document's *region*."""
        if ent.rule not in self.rules or level not in _RANKS:
            return False
        word = next((w for w in self.words if ent.text.startswith(w)), None)
        if word is None or region.endswith(word):
            return False  # no level word, or the region's own (上海市 is a 市 of province level)
        return self.ranks[word] > _RANKS.index(level)


def specific_bodies(ents: Sequence[Entity], policy: LevelPolicy, region: str, level: str) -> list[Entity]:
    """*ents* without the bodies a level word below the document's division names (see :class:`LevelPolicy`)."""
    return [e for e in ents if not policy.is_generic(e, region, level)]
