"""Lone surrogates: code points a JSON escape (``\\ud800``) or an undecodable file name can put in a ``str``.

No UTF-8 file or table can hold them, so every text that reaches a table goes through
:func:`repair`: each lone surrogate becomes U+FFFD, one code point for one, so offsets into
the repaired text are offsets into the text as read.
"""

from __future__ import annotations

import os
import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def repair(text: str) -> tuple[str, int]:
    """*text* with each lone surrogate replaced by U+FFFD, and how many there were."""
    return _SURROGATE.subn("\ufffd", text)


def repaired(value: object) -> str | None:
    """A field that may be missing (None) as repaired text: :func:`repair` of ``str(value)``, without the count."""
    return None if value is None else _SURROGATE.sub("\ufffd", str(value))


def display_path(rel: str) -> str:
    """A file name as UTF-8 text: bytes the file system holds that are not UTF-8 are shown as ``\\xNN``."""
    if not _SURROGATE.search(rel):
        return rel
    return os.fsencode(rel).decode("utf-8", errors="backslashreplace")
