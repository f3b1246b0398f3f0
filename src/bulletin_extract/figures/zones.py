"""Zones of text that hold no figures (ANNOTATION.md §2): titles, short quotes, codes, idioms.

The zone regexes, phrases and quote marks come from ``patterns/exclusions.yaml``;
this module only compiles them and marks the characters they cover.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import regex

from ..document.model import DocumentModel
from ..rules.grammar import trie_alternation
from ..rules.guarded import compile_pattern, finditer
from ..rules.ruleset import Ruleset, builtin_patterns_dir
from ..rules.schema import ExclusionsFile


def _fastest(pattern: str, builtin: bool = True) -> re.Pattern[str] | regex.Pattern[str]:
    """The engine that scans *pattern* faster over the corpus: the regex module for a pattern that opens with a
    lookbehind (which the stdlib tries at every position), the stdlib for the rest (measured per zone:
    2-4x either way); the regex module too for syntax the stdlib lacks, and for a user's zone, which it can
    stop (rules/guarded.py)."""
    return compile_pattern(pattern, builtin=builtin, prefer_stdlib=not pattern.startswith("(?<"))


def _builtin_zones(rs: Ruleset) -> set[tuple[str, str]]:
    base = builtin_patterns_dir()
    return {
        (z.id, z.regex)
        for f in rs.files
        if Path(f.path).is_relative_to(base) and isinstance(f.spec, ExclusionsFile)
        for z in f.spec.zones
    }


def _zone_file(rs: Ruleset, zone_id: str) -> str:
    files = [
        f.path for f in rs.files if isinstance(f.spec, ExclusionsFile) and any(z.id == zone_id for z in f.spec.zones)
    ]
    return files[-1] if files else "exclusions"


@dataclass(frozen=True, eq=False)
class ZonePatterns:
    """One regex per zone: separate passes are faster than one alternation."""

    zones: tuple[re.Pattern[str] | regex.Pattern[str], ...]
    where: tuple[str | None, ...]  # file and entry of a user's zone (run under a time limit); None: built in

    @classmethod
    def compile(cls, rs: Ruleset) -> ZonePatterns:
        ex = rs.exclusions
        builtin = _builtin_zones(rs)
        out = [_fastest(z.regex, (z.id, z.regex) in builtin) for z in ex.zones]
        where: list[str | None] = [
            None if (z.id, z.regex) in builtin else f"{_zone_file(rs, z.id)} [zones.{z.id}]" for z in ex.zones
        ]
        if ex.phrases:
            first = regex.escape("".join(sorted({p[0] for p in ex.phrases})))
            out.append(_fastest(f"(?=[{first}])(?:{trie_alternation(ex.phrases)})"))
            where.append(None)  # escaped words: nothing to backtrack
        n = ex.quote_max_chars
        quotes = []
        for pair in ex.quote_pairs:
            o, c = re.escape(pair[0]), re.escape(pair[1])
            inner = f"[^{o}{c}\\n]" if o != c else f"[^{o}\\n]"
            quotes.append(f"{o}{inner}{{1,{n}}}{c}")
        if n and quotes:
            out.append(_fastest("|".join(quotes)))
            where.append(None)  # bounded, one character class
        return cls(tuple(out), tuple(where))


def zone_mask(doc: DocumentModel, pats: ZonePatterns) -> bytes:
    """One byte per character of *doc*: 1 where an excluded zone covers it."""
    mask = bytearray(len(doc.folded))
    for pat, where in zip(pats.zones, pats.where, strict=True):
        for m in finditer(pat, doc.folded, where):
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return bytes(mask)


def hits(mask: bytes, start: int, end: int) -> bool:
    """True when [start, end) overlaps an excluded zone of *mask*."""
    return mask.find(1, start, end) >= 0
