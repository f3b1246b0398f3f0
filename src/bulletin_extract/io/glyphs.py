"""Repairs for text taken from a PDF's text layer: radical code points and glyphs with no Unicode mapping.

A PDF stores glyphs, and its ``ToUnicode`` map says which characters they are.  Fonts such as Noto
CJK and Source Han share one glyph between a common character and its radical form, so many PDF
producers (Chromium, Skia, some WPS versions) map 生 to ⽣ (KANGXI RADICAL LIFE, U+2F63) and 长 to ⻓
(CJK RADICAL C-SIMPLIFIED LONG, U+2ED3).  The text looks right and matches nothing: 增⻓ is not 增长.
The stored text keeps these forms; the fold (``patterns/characters.yaml``) reads them one for one.
Where such a font draws two characters with one glyph (户 and 戶 in Noto Serif CJK SC), the map can name
only one of them; that cannot be repaired without knowing the language of every word, and is left.
Glyphs with no mapping at all come out of pdfminer as ``(cid:123)``.
"""

from __future__ import annotations

import re

# The same fonts draw the Chinese dash —— as one glyph that maps to TWO-EM DASH (and ——— to THREE-EM).
_DASHES: dict[int, str] = {0x2E3A: "——", 0x2E3B: "———"}
_UNMAPPED = re.compile(r"\(cid:\d+\)")


def unify_dashes(text: str) -> str:
    """*text* with ⸺ as —— (radical forms such as ⻓ are left to the fold, which reads them one for one)."""
    return text.translate(_DASHES)


def replace_unmapped(text: str) -> tuple[str, int]:
    """*text* with each ``(cid:N)`` glyph as U+FFFD, and how many there were (one character per glyph)."""
    out, n = _UNMAPPED.subn("\ufffd", text)
    return out, n
