"""Zones of text that hold no figures (ANNOTATION.md §2): titles, short quotes, codes, idioms.

The zone regexes, phrases and quote marks come from ``patterns/exclusions.yaml``;
this module only compiles them and marks the characters they cover.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from ..document.model import DocumentModel
from ..rules.grammar import trie_alternation
from ..rules.ruleset import Ruleset


def _fastest(pattern: str) -> re.Pattern[str] | regex.Pattern[str]:
    """The engine that scans *pattern* faster over the corpus: the regex module for a pattern that opens with a
    lookbehind (which the stdlib tries at every position), the stdlib for the rest (measured per zone:
    2-4x either way); the regex module too for syntax the stdlib lacks."""
    if not pattern.startswith("(?<"):
        try:
            return re.compile(pattern)
        except re.error:
            pass
    return regex.compile(pattern)


@dataclass(frozen=True, eq=False)
class ZonePatterns:
    """One regex per zone: separate passes are faster than one alternation."""

    zones: tuple[re.Pattern[str] | regex.Pattern[str], ...]

    @classmethod
    def compile(cls, rs: Ruleset) -> ZonePatterns:
        ex = rs.exclusions
        out = [_fastest(z.regex) for z in ex.zones]
        if ex.phrases:
            first = regex.escape("".join(sorted({p[0] for p in ex.phrases})))
            out.append(_fastest(f"(?=[{first}])(?:{trie_alternation(ex.phrases)})"))
        n = ex.quote_max_chars
        quotes = []
        for pair in ex.quote_pairs:
            o, c = re.escape(pair[0]), re.escape(pair[1])
            inner = f"[^{o}{c}\\n]" if o != c else f"[^{o}\\n]"
            quotes.append(f"{o}{inner}{{1,{n}}}{c}")
        if n and quotes:
            out.append(_fastest("|".join(quotes)))
        return cls(tuple(out))


def zone_mask(doc: DocumentModel, pats: ZonePatterns) -> bytes:
    """One byte per character of *doc*: 1 where an excluded zone covers it."""
    mask = bytearray(len(doc.folded))
    for pat in pats.zones:
        for m in pat.finditer(doc.folded):
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return bytes(mask)


def hits(mask: bytes, start: int, end: int) -> bool:
    """True when [start, end) overlaps an excluded zone of *mask*."""
    return mask.find(1, start, end) >= 0
