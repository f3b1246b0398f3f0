"""Rule templates: ``{name}`` refers to a word list of the same gazetteer file, ``{LOC}`` to an entity found earlier.

Rules run over a *masked* view of the text in which every entity found so far is
replaced, character for character, by private-use marker characters (one start
marker, then continuation markers).  ``{LOC}`` therefore matches exactly one whole
LOC entity, so a rule composes earlier results (Duckling's "predicates on earlier
tokens") instead of repeating a list of thousands of names, and offsets never move.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence

import regex

from ..rules.grammar import REFERENCE

LABELS = ("PER", "ORG", "LOC", "DOC")
# Private-use code points: never in a bulletin, so a marker cannot match real text.
_START = {label: chr(0xE000 + 2 * i) for i, label in enumerate(LABELS)}
_CONT = {label: chr(0xE001 + 2 * i) for i, label in enumerate(LABELS)}


def marker_pattern(label: str) -> str:
    """Regex matching one whole masked entity of *label*.

    The continuation markers are taken possessively (``*+``): an entity is never matched in part, and a
    rule that repeats ``{LOC}`` cannot split one entity between iterations (rules/backtracking.py).
    """
    return f"(?:{regex.escape(_START[label])}{regex.escape(_CONT[label])}*+)"


def mask(text: str, spans: list[tuple[int, int, str]]) -> str:
    """*text* with every ``(start, end, label)`` span replaced by its markers (same length)."""
    parts: list[str] = []
    pos = 0
    for s, e, label in sorted(spans):
        if s < pos:
            continue  # overlapping spans are resolved before masking; never let one shift the offsets
        parts.append(text[pos:s])
        parts.append(_START[label] + _CONT[label] * (e - s - 1))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def alternation(words: list[str]) -> str:
    """Longest-first alternation of *words* (so 领导小组办公室 beats 领导小组).

    One-character words go last, as one character class: the regex engine tests a
    class in one step instead of trying hundreds of branches (the surname list).
    """
    ws = sorted(set(words), key=lambda w: (-len(w), w))
    if not ws:
        return "(?!)"
    multi = [regex.escape(w) for w in ws if len(w) > 1]
    single = "".join(regex.escape(w) for w in ws if len(w) == 1)
    branches = multi + ([f"[{single}]"] if single else [])
    return "(?:" + "|".join(branches) + ")"


def expand(template: str, lists: Mapping[str, list[str]]) -> str:
    """*template* with each reference replaced; :class:`KeyError` names an unknown list."""

    def repl(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name in _START:
            return marker_pattern(name)
        if name not in lists:
            raise KeyError(name)
        return alternation(lists[name])

    return REFERENCE.sub(repl, template)


def remask(text: str, masked: str, spans: Sequence[tuple[int, int, str, str]], dirty: list[tuple[int, int]]) -> str:
    """*masked* updated to the sorted *spans* where they changed: each *dirty* interval is masked again from *text*.

    Every span lies inside one dirty interval or outside all of them, so the work is the size of the change
    (and one copy of the text), not the number of spans.
    """
    parts: list[str] = []
    pos = 0
    for a, b in _merged(dirty):
        parts.append(masked[pos:a])
        i = bisect.bisect_left(spans, (a,))
        while i < len(spans) and spans[i][0] < b:
            s, e, label = spans[i][0], spans[i][1], spans[i][2]
            parts.append(text[a:s])
            parts.append(_START[label] + _CONT[label] * (e - s - 1))
            a = e
            i += 1
        parts.append(text[a:b])
        pos = b
    parts.append(masked[pos:])
    return "".join(parts)


def _merged(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
