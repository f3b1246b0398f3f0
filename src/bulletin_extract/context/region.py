"""A document's region: the first province-level place named in its title or opening lines."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..document.model import DocumentModel
from ..rules.grammar import alternation_or_never
from ..rules.ruleset import Ruleset

_TITLE_CHARS, _OPENING_CHARS = 80, 200


@dataclass(frozen=True, eq=False)
class RegionIndex:
    """Province names and short forms (the gazetteer with ``role: provinces``) -> full name."""

    pattern: regex.Pattern[str]
    full: dict[str, str]

    @classmethod
    def compile(cls, rs: Ruleset) -> RegionIndex:
        full: dict[str, str] = {}
        for g in rs.gazetteers:
            if g.role != "provinces":
                continue
            for name in g.names:
                full[name] = name
                for suf in sorted(g.suffixes, key=len, reverse=True):
                    if name.endswith(suf) and len(name) - len(suf) >= 2:
                        full.setdefault(name[: -len(suf)], name)
                        break
        return cls(regex.compile(alternation_or_never(full)), full)


def detect_region(doc: DocumentModel, index: RegionIndex) -> str | None:
    """Full name of the province named first in the title line, else first in the opening characters."""
    folded = doc.folded
    first_line = folded.split("\n", 1)[0][:_TITLE_CHARS]
    for chunk in (first_line, folded[:_OPENING_CHARS]):
        m = index.pattern.search(chunk)
        if m:
            return index.full[m.group()]
    return None
