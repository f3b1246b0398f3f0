"""A static check for regexes that can backtrack catastrophically, run on every user regex at load.

A backtracking engine takes exponential time when one repetition can split the same text into its
iterations in many ways: ``(委+)+会`` (where one iteration's run of 委 ends and the next begins),
``(a|aa)+$`` (two ways to read ``aa``), ``(a*)*``.  The check looks at each unbounded repetition
(``*``, ``+``, ``{n,}`` or more than :data:`_SMALL` times) that may backtrack and flags it when

* its body can match the empty string, or two alternatives of one branch in it can, or
* its body ends in a part of variable length (a repetition, an optional part, an alternative that is a
  prefix of another: ``a|aa`` is read as ``a(?:|a)``) whose extra characters can also start the body, so
  an iteration may stop early and the next one take over.

Alternatives of different words (``{list}*``, the gazetteers' word lists) are not flagged for starting
alike: splitting a run of words two ways needs one word to be another's prefix, which is the case above.

Atomic groups ``(?>…)`` and possessive quantifiers (``++``, ``*+``) never give characters back and are
not flagged: they are the way to write such a pattern safely.  The check is conservative (a pattern it
flags may be harmless on real text; it names the repetition so the author can make it atomic) and it
is not complete, which is why matching also runs under a timeout (:mod:`.guarded`).
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+
    import re._parser as _sre  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef,unused-ignore]

_C = _sre  # the opcodes are attributes of the parser module (re._constants re-exported)
_SMALL = 10
FIX = "make the repetition atomic, (?>...), or possessive, *+ or ++, or bound it"
_ANY = (-1, -1)
# Syntax of the regex module that the standard parser does not read: each stands for one character.
_REGEX_ONLY = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]|\\X|\\[mM]")

Charset = frozenset[tuple[int, int]]
"""Characters as inclusive code point ranges; ``_ANY`` in it stands for a class the check cannot enumerate."""


def backtracking_risk(pattern: str) -> str | None:
    """Why *pattern* can backtrack catastrophically, or None when the check finds no such repetition."""
    try:
        tree = _sre.parse(_REGEX_ONLY.sub("\\\\w", pattern))
    except (re.error, OverflowError, RecursionError):
        return None  # syntax only the regex module reads: left to the timeout
    return _scan(list(tree))


def _scan(seq: list[Any]) -> str | None:
    for op, av in seq:
        for sub in _children(op, av):
            reason = _scan(sub)
            if reason:
                return reason
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT) and (av[1] == _C.MAXREPEAT or av[1] > _SMALL):
            reason = _repeat_risk(list(av[2]))
            if reason:
                return reason
    return None


def _children(op: Any, av: Any) -> list[list[Any]]:
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        return [list(av[2])]
    if op is _C.SUBPATTERN:
        return [list(av[3])]
    if op is _C.BRANCH:
        return [list(b) for b in av[1]]
    if op in (_C.ASSERT, _C.ASSERT_NOT):
        return [list(av[1])]
    if op is _C.GROUPREF_EXISTS:
        return [list(b) for b in av[1:] if b is not None]
    return []  # atomic groups and possessive repeats give nothing back; literals have no children


def _repeat_risk(body: list[Any]) -> str | None:
    if _nullable(body):
        return "a repeated part can match the empty string, so the repetition can split text in endless ways"
    if _two_empty(body):
        return "a repeated part holds two alternatives that both match the empty string"
    if _overlap(_tail(body), _first(body)):
        return (
            "a repeated part ends in a part of variable length whose characters can also start it, "
            "so a run can be split between iterations in exponentially many ways"
        )
    return None


def _two_empty(seq: list[Any]) -> bool:
    for op, av in seq:
        if op is _C.BRANCH and sum(_nullable(list(b)) for b in av[1]) > 1:
            return True
        if any(_two_empty(sub) for sub in _children(op, av)):
            return True
    return False


def _overlap(a: Charset, b: Charset) -> bool:
    if not a or not b:
        return False
    if _ANY in a or _ANY in b:
        return True
    return any(lo <= h2 and lo2 <= hi for lo, hi in a for lo2, h2 in b)


def _tail(seq: list[Any]) -> Charset:
    """Characters a variable-length part at the end of *seq* may take beyond its shortest match."""
    out: set[tuple[int, int]] = set()
    for op, av in reversed(seq):
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT) and av[0] != av[1]:
            out |= _first(list(av[2]))
        elif op is _C.BRANCH:
            for b in av[1]:
                out |= _tail(list(b))
            if any(_nullable(list(b)) for b in av[1]):
                out |= {r for b in av[1] for r in _first(list(b))}
        elif op is _C.SUBPATTERN:
            out |= _tail(list(av[3]))
        if not _nullable([(op, av)]):
            break
    return frozenset(out)


def _nullable(seq: list[Any]) -> bool:
    return bool(_sre.SubPattern(_sre.State(), seq).getwidth()[0] == 0)


def _first(seq: list[Any]) -> Charset:
    """Characters a match of *seq* can start with."""
    out: set[tuple[int, int]] = set()
    for op, av in seq:
        if op is _C.LITERAL:
            out.add((av, av))
        elif op is _C.IN:
            out |= _class(av)
        elif op in (_C.ANY, _C.NOT_LITERAL, _C.CATEGORY):
            out.add(_ANY)
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            out |= _first(list(av[2]))
        elif op is _C.SUBPATTERN:
            out |= _first(list(av[3]))
        elif op is _C.ATOMIC_GROUP:
            out |= _first(list(av))
        elif op is _C.BRANCH:
            for b in av[1]:
                out |= _first(list(b))
        elif op is _C.GROUPREF or op is _C.GROUPREF_EXISTS:
            out.add(_ANY)
        if not _nullable([(op, av)]):
            break
    return frozenset(out)


def _class(items: list[Any]) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for op, av in items:
        if op is _C.LITERAL:
            out.add((av, av))
        elif op is _C.RANGE:
            out.add((av[0], av[1]))
        else:  # NEGATE, CATEGORY: not enumerated
            return {_ANY}
    return out
