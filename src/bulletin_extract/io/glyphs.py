"""Repairs for text taken from a PDF's text layer: radical code points and glyphs with no Unicode mapping.

A PDF stores glyphs, and its ``ToUnicode`` map says which characters they are.  Fonts such as Noto
CJK and Source Han share one glyph between a common character and its radical form, so many PDF
producers (Chromium, Skia, some WPS versions) map 生 to ⽣ (KANGXI RADICAL LIFE, U+2F63) and 长 to ⻓
(CJK RADICAL C-SIMPLIFIED LONG, U+2ED3).  The text looks right and matches nothing: 增⻓ is not 增长.
Where such a font draws two characters with one glyph (户 and 戶 in Noto Serif CJK SC), the map can name
only one of them; that cannot be repaired without knowing the language of every word, and is left.
Glyphs with no mapping at all come out of pdfminer as ``(cid:123)``.
"""

from __future__ import annotations

import re
import unicodedata

# The radical code points that have an identical unified ideograph (Unicode's EquivalentUnifiedIdeograph.txt).
# Kangxi radicals (U+2F00-U+2FD5) are mapped by NFKC; the CJK Radicals Supplement is not, hence this table.
_SUPPLEMENT: dict[int, str] = {
    0x2E81: "厂", 0x2E8A: "卜", 0x2E8C: "小", 0x2E8E: "兀", 0x2E92: "巳", 0x2E93: "幺", 0x2E97: "心", 0x2E9D: "月",
    0x2E9F: "母", 0x2EA0: "民", 0x2EA7: "牛", 0x2EA9: "王", 0x2EAC: "示", 0x2EAE: "竹", 0x2EB0: "纟", 0x2EB6: "羊",
    0x2EBC: "肉", 0x2EBD: "臼", 0x2EC1: "虎", 0x2EC4: "西", 0x2EC5: "见", 0x2EC6: "角", 0x2EC8: "讠", 0x2EC9: "贝",
    0x2ECB: "车", 0x2ED0: "钅", 0x2ED1: "長", 0x2ED3: "长", 0x2ED4: "门", 0x2ED7: "雨", 0x2ED8: "青", 0x2ED9: "韦",
    0x2EDA: "页", 0x2EDB: "风", 0x2EDC: "飞", 0x2EDD: "食", 0x2EE0: "饣", 0x2EE2: "马", 0x2EE3: "骨", 0x2EE4: "鬼",
    0x2EE5: "鱼", 0x2EE6: "鸟", 0x2EE7: "卤", 0x2EE8: "麦", 0x2EE9: "黄", 0x2EEA: "黾", 0x2EEC: "齐", 0x2EEE: "齿",
    0x2EF0: "龙", 0x2EF3: "龟",
}
_RADICALS: dict[int, str] = {
    **{cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)},
    **_SUPPLEMENT,
    # The same fonts draw the Chinese dash —— as one glyph that maps to TWO-EM DASH (and ——— to THREE-EM).
    0x2E3A: "——", 0x2E3B: "———",
}
_UNMAPPED = re.compile(r"\(cid:\d+\)")


def unify_radicals(text: str) -> str:
    """*text* with radical code points replaced by the ideographs they stand for (⽣ -> 生, ⻓ -> 长), ⸺ as ——."""
    return text.translate(_RADICALS)


def replace_unmapped(text: str) -> tuple[str, int]:
    """*text* with each ``(cid:N)`` glyph as U+FFFD, and how many there were (one character per glyph)."""
    out, n = _UNMAPPED.subn("\ufffd", text)
    return out, n
