"""A document's region: the first province-level place named in its title or opening lines."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from .ruleset import Ruleset


@functools.lru_cache(maxsize=8)
def _province_index(rs: "Ruleset") -> tuple[regex.Pattern[str], dict[str, str]]:
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
    pat = regex.compile(rs.alternation(full) if full else "(?!)")
    return pat, full


def region_of(folded: str, rs: "Ruleset") -> str | None:
    """Full name of the province named first in the title line, else first in the opening 200 characters."""
    pat, full = _province_index(rs)
    first_line = folded.split("\n", 1)[0][:80]
    for chunk in (first_line, folded[:200]):
        m = pat.search(chunk)
        if m:
            return full[m.group()]
    return None
