"""What a text must contain for an entity rule to match in it, so a rule is not run over a text it cannot match.

A rule's pattern is read (by the standard library's parser) for the strings every match needs: a
literal outside optional parts and alternations, one word of a list (``{reporter}``: 记者 or 通讯员),
one of a few characters (``[（(]``), a marker (``{ORG}``), inside groups, repetitions of at least one
and positive lookarounds, never inside a negative one.  A rule runs over its masked text only when the
text holds one string of each such set: most bulletins hold no 届, no bracketed firm and no byline, and
a pass of a rule costs a pass over the whole text.  The test is a necessary condition, so skipping a
rule changes nothing.

Only built-in rules are read, and only a pattern free of the regex module's syntax that the standard
parser would read otherwise (POSIX classes, version 1 set operations, branch resets, fuzzy matching: a
brace that is no quantifier); a user's pattern always runs.
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+
    import re._parser as _sre  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef,unused-ignore]

from ..rules.backtracking import _REGEX_ONLY
from .template import MARKERS

Needs = tuple[frozenset[str], ...]
"""Sets of strings: a text holds one string of each set, or the rule cannot match in it."""

# A set of more strings than this costs more to test (one substring search each) than it saves.
_MAX_CHOICES = 8
# Ranges of a class up to this wide are spelt out (0-9); wider ones (\u4e00-\u9fff) need nothing.
_MAX_RANGE = 16
_C = _sre
_REPEATS = tuple(getattr(_C, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_C, name))
_ATOMIC = getattr(_C, "ATOMIC_GROUP", None)
# Syntax the standard parser reads otherwise than the regex module: [[:alpha:]], (?V1), (?|...), {e<=1}.
_MISREAD = re.compile(r"\[:|\(\?V1|\(\?\||(?<!\\N)\{(?!\d*,?\d*\})")
_MARKER_CHAR = re.compile("[" + "".join(sorted(MARKERS)) + "]")


def needs(pattern: str) -> Needs:
    """The sets of strings a text must hold one of each for *pattern* to match in it (empty: no test)."""
    readable = _REGEX_ONLY.sub("\\\\w", pattern)  # \p{Han}: one character, as the backtracking check reads it
    if _MISREAD.search(readable):
        return ()
    try:
        tree = _sre.parse(readable)
    except (re.error, OverflowError, RecursionError):
        return ()
    if tree.state.flags & re.IGNORECASE:
        return ()
    # A string holding another of its set adds nothing (实习记者 beside 记者); a set needed twice is tested once.
    sets = (
        frozenset(s for s in choices if not any(t != s and t in s for t in choices))
        for choices in _sequence(list(tree))
    )
    return tuple(dict.fromkeys(s for s in sets if len(s) <= _MAX_CHOICES))


class Presence:
    """Which strings a masked text holds, asked of the text before masking where that says the same.

    A string without markers is in the masked text only where it is in the text (masking only replaces
    characters with markers), so it is looked up once per text, whatever the rules mask; a marker is there
    when an entity of its label is (:func:`~.template.markers_of`).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.seen: dict[str, bool] = {}
        self.masked = text
        self.markers: frozenset[str] = frozenset()
        # A text that holds marker characters itself (no bulletin does) is asked as it is.
        self.foreign = _MARKER_CHAR.search(text) is not None

    def update(self, masked: str, markers: frozenset[str]) -> None:
        """The masked text now, and its markers."""
        self.masked, self.markers = masked, markers

    def holds(self, need: Needs) -> bool:
        """Does the masked text hold one string of each set of *need*?"""
        return all(any(self._has(s) for s in choices) for choices in need)

    def _has(self, s: str) -> bool:
        if s in MARKERS and not self.foreign:
            return s in self.markers
        if not MARKERS.isdisjoint(s):
            return s in self.masked
        hit = self.seen.get(s)
        if hit is None:
            hit = self.seen[s] = s in self.text
        return hit


def _sequence(seq: list[Any]) -> list[frozenset[str]]:
    out: list[frozenset[str]] = []
    run = ""  # consecutive literals: one string (a word of a list is one branch of literals)
    for op, av in seq:
        if op is _C.LITERAL:
            run += chr(av)
            continue
        if run:
            out.append(frozenset([run]))
            run = ""
        out.extend(_item(op, av))
    if run:
        out.append(frozenset([run]))
    return out


def _item(op: Any, av: Any) -> list[frozenset[str]]:
    if op is _C.IN:
        chars = _class(av)
        return [chars] if chars else []
    if op is _C.SUBPATTERN:
        _group, add_flags, _del_flags, body = av
        return [] if add_flags & re.IGNORECASE else _sequence(list(body))
    if op is _ATOMIC:
        return _sequence(list(av))
    if op in _REPEATS:
        return _sequence(list(av[2])) if av[0] >= 1 else []
    if op is _C.ASSERT:  # what a lookahead or lookbehind sees is text too
        return _sequence(list(av[1]))
    if op is _C.BRANCH:
        # One need of each branch, the most selective (fewest strings, the longest shortest string), joined.
        picks: list[frozenset[str]] = []
        for branch in av[1]:
            own = _sequence(list(branch))
            if not own:
                return []  # a branch that needs nothing lets the alternation match anywhere
            picks.append(min(own, key=lambda s: (len(s), -min(map(len, s)))))
        return [frozenset().union(*picks)]
    return []  # negative lookarounds, any character, categories, anchors, backreferences: nothing needed


def _class(items: Any) -> frozenset[str]:
    chars: set[str] = set()
    for op, av in items:
        if op is _C.LITERAL:
            chars.add(chr(av))
        elif op is _C.RANGE and av[1] - av[0] < _MAX_RANGE:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return frozenset()  # a negated class, a category, a wide range: any character may do
    return frozenset(chars)
