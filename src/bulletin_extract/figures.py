"""Find figures (numbers with their units) and resolve their values: the figure extractor.

Matching and resolution are separate steps: :func:`compile_patterns` builds
one regex from the ruleset's numeral and unit lexicons; :func:`find_figures`
scans the folded text once with it and resolves each match to a
:class:`Candidate` (value, unit, type).  Qualifier, direction and exclusion
zones are applied by :mod:`attributes` and :mod:`exclusions` afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, get_args

import re

import regex

from .records import FigureType

if TYPE_CHECKING:
    from .ruleset import Ruleset, UnitInfo

_HUNDRED = Decimal(100)
_HALF = Decimal("0.5")
_RULES = {t: (f"{t}.arabic", f"{t}.chinese") for t in get_args(FigureType)}


def _clean(v: Decimal) -> Decimal:
    """Drop trailing zeros that scaling leaves (3.63万 -> 36300, not 36300.00)."""
    i = v.to_integral_value()
    return i if v == i else v.normalize()


@dataclass
class Candidate:
    """A figure found in the text, before attributes are attached."""

    start: int
    end: int
    type: str
    value: Decimal
    unit: str
    rule: str
    inside: str | None = None  # 多/余 between number and unit (qualifier word inside the span)
    arabic: bool = True
    qualifier: str = "exact"
    direction: str | None = None


def _noun_unit(phrase: str, rs: "Ruleset") -> "UnitInfo":
    """Unit info for a counted noun phrase matched through ``noun_heads`` (the phrase is the unit)."""
    from .ruleset import UnitInfo

    head = next(h for h in sorted(rs.noun_heads, key=len, reverse=True) if phrase.endswith(h))
    return UnitInfo(rs.noun_heads[head], phrase, Decimal(1), False)


def compile_patterns(rs: "Ruleset") -> dict[str, "re.Pattern[str] | regex.Pattern[str]"]:
    """The figure regex for *rs*: fractions, Arabic numerals (+ magnitude) and Chinese numerals, each with a unit."""
    table = rs.numerals
    mags = {**table.big_units, **table.small_units}
    # A magnitude character that begins a unit word (千克, 千瓦, 兆瓦) is part of that unit, not a magnitude.
    mag_alts = []
    for ch in mags:
        rests = [u[1:] for u in rs.units if u.startswith(ch) and len(u) > 1]
        look = f"(?!{rs.alternation(rests)})" if rests else ""
        mag_alts.append(regex.escape(ch) + look)
    mag = "(?:" + "|".join(mag_alts) + ")+"
    cn_chars = regex.escape("".join([*table.digits, *mags, table.decimal_point]))
    ar = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
    digits = regex.escape("".join([*table.digits, table.decimal_point]))
    # Like Arabic magnitudes, a 千 that begins a unit (五十千克) is the unit's; and a numeral never starts inside another.
    cn = f"(?<![{cn_chars}])(?:[{digits}]|{'|'.join(mag_alts)})+"
    # A Chinese numeral right after one of these is part of a word (第一, 统一); checked in the regex, not per match.
    # stdlib re needs fixed-width lookbehinds: one class for the single characters, one each for longer words.
    singles = "".join(w for w in rs.not_after if len(w) == 1)
    not_after = (f"(?<![{re.escape(singles)}])" if singles else "") + "".join(
        f"(?<!{re.escape(w)})" for w in rs.not_after if len(w) > 1
    )
    inside = rs.alternation(rs.qualifiers_inside) or "(?!)"
    # 一头半, 两年半: 半 after the unit adds one half (it stays in the span).
    half = f"(?P<half{{}}>{regex.escape(table.half)})"
    unit = rs.unit_alternation()
    if rs.noun_heads:
        heads = rs.alternation(rs.noun_heads)
        # A counted noun phrase (农村贫困人口) that does not start with a classifier; the unit is the phrase.
        unit = f"{heads}|(?!{unit})(?:(?![是的在和与及为对向把被等了])[\u4e00-\u9fff]){{1,6}}?(?:{heads})|{unit}"
    # Every branch starts with a digit or numeral character; the lookahead lets the engine skip other positions fast.
    first = regex.escape("0123456789" + "".join([*table.digits, *mags]))
    pattern = (
        f"(?=[{first}])(?:"
        f"(?P<frac>(?P<den>{ar}|{cn})分之(?P<nu>{ar}|{cn}))"
        f"|(?P<ar>{ar})(?P<q1>{inside})?(?:[ \u3000](?={mag}))?(?P<mag>{mag})?(?P<q2>{inside})?(?:[ \u3000](?={unit}))?(?P<unit>{unit})?(?(unit){half.format(1)}?)"
        f"|{not_after}(?P<cn>{cn})(?P<q3>{inside})?(?(q3)(?P<cmag>{mag})?(?P<q4>{inside})?)(?P<cunit>{unit}){half.format(2)}?)"
    )
    # The stdlib engine scans this pattern about twice as fast as the regex module.
    return {"figure": re.compile(pattern)}


def find_figures(folded: str, rs: "Ruleset", blocked: bytearray | None = None) -> list[Candidate]:
    """Every figure candidate in *folded* text, in order; unit-less numbers are resolved later by context.

    *blocked* marks characters (value 1) that hold no figure: excluded zones, times, names.
    """
    table = rs.numerals
    units = rs.units
    code = rs.code_chars
    out: list[Candidate] = []
    qual_before = rs.compiled["qual_before"]
    for m in rs.compiled["figure"].finditer(folded):
        s, e = m.span()
        if blocked is not None and blocked.find(1, s, e) >= 0:
            continue
        ar, mag, word, q1, q2 = m.group("ar", "mag", "unit", "q1", "q2")
        if ar is not None:
            if s > 0 and folded[s - 1] in code and (folded[s - 1] not in "-/" or (s > 1 and folded[s - 2] in code)):
                continue
            nxt = folded[e : e + 1]
            if nxt.isascii() and nxt.isalpha():
                continue
            num = table.parse(ar + mag if mag else ar)
            if num is None:
                continue
            if word is None:
                # No unit: keep the bare number (magnitude included) for the context rules.
                end = m.end("mag") if mag else m.end("ar")
                out.append(Candidate(s, end, "number", _clean(num), "", "number.bare"))
                continue
            info = units.get(word) or _noun_unit(word, rs)
            if m.group("half1"):
                num += _HALF
            out.append(Candidate(s, e, info.type, _clean(num * info.scale), info.unit, _RULES[info.type][0], q1 or q2, True))
        elif m.group("frac") is not None:
            den, nu = table.parse(m.group("den")), table.parse(m.group("nu"))
            if den and nu is not None:
                out.append(Candidate(s, e, "percent", _clean(nu / den * _HUNDRED), "%", "percent.fraction", arabic=False))
        else:
            numeral, cmag, cunit, q3, q4 = m.group("cn", "cmag", "cunit", "q3", "q4")
            if not any(c in table.digits or table.small_units.get(c) == 10 for c in numeral) and not qual_before.search(folded, max(0, s - 4), s):
                continue  # 万家, 百万辆: magnitude characters alone are words or names, unless qualified (超千名, 突破百亿元)
            if table.digits.get(numeral, 1) == 0:
                continue  # a lone 零 (零部件) is no figure
            info = units.get(cunit) or _noun_unit(cunit, rs)
            if info.article_one and numeral == "一" and not (q3 or cmag or m.group("half2")):
                continue  # 一个指挥部, 一批: an article
            num = table.parse(numeral + cmag if cmag else numeral)
            if num is None:
                continue
            if m.group("half2"):
                num += _HALF
            out.append(Candidate(s, e, info.type, _clean(num * info.scale), info.unit, _RULES[info.type][1], q3 or q4, False))
    return out
