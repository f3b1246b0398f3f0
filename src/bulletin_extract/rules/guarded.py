"""Regexes from pattern files run under a time limit, so a pattern the static check (:mod:`.backtracking`)
missed stops with an error naming its file and entry instead of hanging a batch.

The limit grows with the text: a second plus :data:`SECONDS_PER_CHAR` per character, several hundred times
what a pass of a well-behaved pattern costs, so only a pattern that backtracks reaches it.  The regex
module checks its clock as it matches; the standard library cannot, which is why a pattern from a file
other than the built-in ones is always compiled with the regex module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from ..errors import PatternTimeoutError

BASE_SECONDS = 1.0
SECONDS_PER_CHAR = 5e-6

Pattern = re.Pattern[str] | regex.Pattern[str]
Match = re.Match[str] | regex.Match[str]


def time_limit(chars: int) -> float:
    """Seconds one pass of a pattern may take over a text of *chars* characters."""
    return BASE_SECONDS + chars * SECONDS_PER_CHAR


def compile_pattern(pattern: str, *, builtin: bool, prefer_stdlib: bool) -> Pattern:
    """*pattern* compiled for :func:`finditer`: with the standard library only for a built-in pattern that runs
    faster there (*prefer_stdlib*) and that it reads; with the regex module (and so a time limit) otherwise."""
    if builtin and prefer_stdlib:
        try:
            return re.compile(pattern)
        except re.error:
            pass
    return regex.compile(pattern)


def finditer(pattern: Pattern, text: str, where: str | None) -> Iterator[Match]:
    """``pattern.finditer(text)``, stopped with :class:`PatternTimeoutError` past :func:`time_limit`.

    *where* names the file and entry of a user's pattern; None marks a built-in one, which the test suite
    and the benchmarks vouch for and which runs without a limit (a loaded machine must not fail it).
    """
    if where is None or isinstance(pattern, re.Pattern):
        yield from pattern.finditer(text)
        return
    limit = time_limit(len(text))
    try:
        yield from pattern.finditer(text, timeout=limit)
    except TimeoutError as exc:
        raise PatternTimeoutError(where, len(text), limit) from exc
