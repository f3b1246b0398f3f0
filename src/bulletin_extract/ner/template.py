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


MARKERS = frozenset(_START.values()) | frozenset(_CONT.values())
"""Every marker character."""


def markers_of(spans: Sequence[tuple[int, int, str, str]]) -> frozenset[str]:
    """The marker characters of a text masked with *spans* (a continuation marker only for a longer span)."""
    return frozenset(_START[f[2]] for f in spans) | frozenset(_CONT[f[2]] for f in spans if f[1] - f[0] > 1)


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


def trie_alternation(words: list[str]) -> str:
    """The words of :func:`alternation`, tried in the same order, with the longer words as a trie (主(?:任|席)).

    The engines try an alternation's branches one by one, and rules test their lists at almost every
    character (a negative lookahead inside a repetition): a trie tests each character once.  At one
    position the words that match are prefixes of each other, and a trie tries them deepest first, so
    the words are tried longest first, as in :func:`alternation`, and every match and group is the same.
    That holds for forward matching only: see :func:`expand`.
    """
    ws = set(words)
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in ws:
        if len(w) > 1:
            node = root
            for ch in w:
                node = node.setdefault(ch, {})
            node[""] = {}
    single = "".join(regex.escape(w) for w in sorted(w for w in ws if len(w) == 1))
    branches = ([_trie(root)] if root else []) + ([f"[{single}]"] if single else [])
    return "(?:" + "|".join(branches) + ")" if branches else "(?!)"


def _trie(node: dict) -> str:  # type: ignore[type-arg]
    children = sorted((ch, child) for ch, child in node.items() if ch)
    deep = [regex.escape(ch) + _trie(child) for ch, child in children if child != _END]
    # Characters that end a word and lead nowhere further share one class (the engines test a class in one step).
    leaves = [regex.escape(ch) for ch, child in children if child == _END]
    parts = deep + ([leaves[0] if len(leaves) == 1 else f"[{''.join(leaves)}]"] if leaves else [])
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return f"(?:{body})?" if "" in node else body


_END: dict[str, dict] = {"": {}}  # type: ignore[type-arg]


def expand(template: str, lists: Mapping[str, list[str]], *, trie: bool = False) -> str:
    """*template* with each reference replaced; :class:`KeyError` names an unknown list.

    With *trie*, a list becomes a :func:`trie_alternation` (what the rules run); without, an
    :func:`alternation` (what the backtracking check reads: its allowance for word lists knows that form).
    The regex module matches a lookbehind backwards, where the words that match at one place end alike
    instead of starting alike, so a trie could try them in another order and capture another group: a
    list matched backwards stays an alternation when one of its longer words ends another (公司, 有限公司).
    """
    behind = _backwards(template) if trie else bytearray(len(template))

    def repl(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name in _START:
            return marker_pattern(name)
        if name not in lists:
            raise KeyError(name)
        words = lists[name]
        if not trie or (behind[m.start()] and _ends_alike(words)):
            return alternation(words)
        return trie_alternation(words)

    return REFERENCE.sub(repl, template)


def _ends_alike(words: list[str]) -> bool:
    """Is a word of two or more characters of *words* the end of another?"""
    longer = {w for w in words if len(w) > 1}
    return any(w[i:] in longer for w in longer for i in range(1, len(w) - 1))


def _backwards(template: str) -> bytearray:
    """1 at each character of *template* that the regex module matches backwards (inside a lookbehind, not in
    a lookahead within it), 0 elsewhere."""
    out = bytearray(len(template))
    behind: list[bool] = []  # per open group: is it matched backwards?
    i = 0
    while i < len(template):
        ch = template[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(template, i)  # a bracket in a class ([（(]) opens no group
            continue
        if ch == "(":
            # The innermost lookaround sets the direction: a lookahead inside a lookbehind matches forwards.
            if template.startswith(("(?=", "(?!"), i):
                behind.append(False)
            else:
                behind.append(bool(behind and behind[-1]) or template.startswith(("(?<=", "(?<!"), i))
        elif ch == ")" and behind:
            behind.pop()
        out[i] = bool(behind and behind[-1])
        i += 1
    return out


def _class_end(template: str, start: int) -> int:
    """The index after the character class that opens at *start* (a first ``]`` or ``^]`` is a member)."""
    i = start + 1
    if template.startswith("^", i):
        i += 1
    if template.startswith("]", i):
        i += 1
    while i < len(template) and template[i] != "]":
        i += 2 if template[i] == "\\" else 1
    return i + 1


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
