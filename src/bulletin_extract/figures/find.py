"""Find figures (numbers with their units) and resolve their values.

:meth:`FigurePatterns.compile` builds one regex from the ruleset's numeral and
unit lexicons; :func:`find_figures` scans the folded text once with it and
resolves each match to a :class:`~.candidate.Candidate` (value, unit, type).
Qualifier, direction and unit-less numbers are later stages.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from decimal import Decimal
from typing import get_args

import regex

from ..document.model import DocumentModel
from ..records import FigureType
from ..rules.grammar import alternation, alternation_or_never, trie_alternation
from ..rules.numerals import NumeralTable
from ..rules.ruleset import Ruleset, UnitInfo
from .candidate import Candidate

_HUNDRED = Decimal(100)
_HALF = Decimal("0.5")
_RULES: dict[str, tuple[str, str]] = {t: (f"{t}.arabic", f"{t}.chinese") for t in get_args(FigureType)}
# Characters that join codes (A-1, 1/2) but also ranges: a digit after one is a code only after another code char.
_CODE_JOINERS = "-/"
# Letters an acronym before a number with a unit has at least (GDP49835元); PM2.5 and 5G stay codes.
_ACRONYM_MIN = 3
# The CJK Unified Ideographs block, for the stdlib engine (which has no \p{Han}).
_HAN = f"[{chr(0x4E00)}-{chr(0x9FFF)}]"
# Most characters a numeral (三千五百万) or a run of magnitudes may have: the longest in the corpus has 13. Unbounded,
# a run of 十 or 万 a megabyte long is matched whole and then given back one character at a time, and the regex
# engine keeps a backtracking entry per character (hundreds of bytes each).
_MAX_RUN = 32


def clean(v: Decimal) -> Decimal:
    """Drop trailing zeros that scaling leaves (3.63万 -> 36300, not 36300.00)."""
    i = v.to_integral_value()
    return i if v == i else v.normalize()


@dataclass(frozen=True, eq=False)
class FigurePatterns:
    """The figure regex of a ruleset and the lexicons its matches are resolved with."""

    figure: re.Pattern[str]
    qual_before: regex.Pattern[str]
    numerals: NumeralTable
    units: dict[str, UnitInfo]
    noun_heads: tuple[tuple[str, FigureType], ...]  # longest first
    code_chars: str
    formal_digits: str
    fractions: bool
    unit_at: re.Pattern[str]
    numeral_chars: frozenset[str]
    half_inside: dict[str, UnitInfo]  # 个半小时 -> the unit of 个小时

    @classmethod
    def compile(cls, rs: Ruleset) -> FigurePatterns:
        qb = rs.qualifiers_before
        heads = sorted(rs.noun_heads.items(), key=lambda kv: len(kv[0]), reverse=True)
        half_inside = _half_inside(rs)
        return cls(
            figure=re.compile(_figure_regex(rs, half_inside)),
            qual_before=regex.compile(f"(?:{alternation(qb)})$" if qb else "(?!)"),
            numerals=rs.numerals,
            units=rs.units,
            noun_heads=tuple(heads),
            code_chars=rs.code_chars,
            formal_digits=rs.formal_digits,
            fractions=bool(rs.fraction_marker),
            unit_at=re.compile(alternation_or_never(rs.units)),
            numeral_chars=frozenset(
                "0123456789" + "".join([*rs.numerals.digits, *rs.numerals.small_units, *rs.numerals.big_units])
            ),
            half_inside=half_inside,
        )

    def unit(self, word: str, per: str | None = None) -> tuple[UnitInfo, bool]:
        """What a matched unit word resolves to, and whether a half stands inside it (一个半小时).

        *per* is the denominator of a compound unit (元/吨, 部/百人): the type is the numerator's, the unit
        the numerator's unit over the denominator as written (money keeps its ISO code).
        """
        if per:
            info, half = self.unit(word)
            if info.type == "money":
                return info, half  # 123183元/人: the currency stays the unit (an ISO code has no denominator)
            return UnitInfo(info.type, info.unit + per, info.scale, False), half
        if word in self.units:
            return self.units[word], False
        if word in self.half_inside:
            return self.half_inside[word], True
        return self.noun_unit(word), False

    def noun_unit(self, phrase: str) -> UnitInfo:
        """Unit info for a counted noun phrase matched through ``noun_heads`` (the phrase is the unit)."""
        kind = next(t for h, t in self.noun_heads if phrase.endswith(h))
        return UnitInfo(kind, phrase, Decimal(1), False)


def _magnitudes(rs: Ruleset) -> list[str]:
    """One alternative per magnitude character; one that begins a unit word (千克, 兆瓦) is that unit's."""
    table = rs.numerals
    alts = []
    for ch in {**table.big_units, **table.small_units}:
        rests = [u[1:] for u in rs.units if u.startswith(ch) and len(u) > 1]
        look = f"(?!{trie_alternation(rests)})" if rests else ""
        alts.append(regex.escape(ch) + look)
    return alts


def _not_after(rs: Ruleset) -> str:
    # stdlib re needs fixed-width lookbehinds: one class for the single characters, one each for longer words.
    singles = "".join(w for w in rs.not_after if len(w) == 1)
    longer = "".join(f"(?<!{re.escape(w)})" for w in rs.not_after if len(w) > 1)
    return (f"(?<![{re.escape(singles)}])" if singles else "") + longer


def _half_inside(rs: Ruleset) -> dict[str, UnitInfo]:
    """Unit words that begin with a classifier, written with 半 after it: 一个半小时, 两个半百分点, 三块半钱.

    Chinese puts the half after the classifier, not after the whole unit word, so 个小时 is split by it.
    """
    half = rs.numerals.half
    out: dict[str, UnitInfo] = {}
    for word, info in rs.units.items():
        for i in range(1, len(word)):
            head = rs.units.get(word[:i])
            if head is not None and head.type == "count":
                out[word[:i] + half + word[i:]] = info
    return out


def _unit_regex(rs: Ruleset, half_inside: dict[str, UnitInfo]) -> str:
    unit = trie_alternation([*rs.units, *half_inside])
    if not rs.noun_heads:
        return unit
    heads = trie_alternation(rs.noun_heads)
    stop = "".join(rs.grammar.function_chars)
    no_stop = f"(?![{re.escape(stop)}])" if stop else ""
    # A counted noun phrase (农村贫困人口) that does not start with a classifier; the unit is the phrase.
    return f"{heads}|(?!{unit})(?:{no_stop}{_HAN}){{1,6}}?(?:{heads})|{unit}"


def _figure_regex(rs: Ruleset, half_inside: dict[str, UnitInfo]) -> str:
    """Fractions, Arabic numerals (+ magnitude) and Chinese numerals, each with a unit."""
    table = rs.numerals
    mag_alts = _magnitudes(rs)
    mags_class = "[" + regex.escape("".join([*table.big_units, *table.small_units])) + "]"
    # The class lookahead lets the engine skip the alternatives (and their unit lookaheads) after most numbers.
    mag = f"(?={mags_class})(?:" + "|".join(mag_alts) + f"){{1,{_MAX_RUN}}}"
    mags = "".join([*table.big_units, *table.small_units])
    cn_chars = regex.escape("".join([*table.digits, *mags, table.decimal_point]))
    ar = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
    digits = regex.escape("".join([*table.digits, table.decimal_point]))
    # Like Arabic magnitudes, a 千 that begins a unit (五十千克) is the unit's; and a numeral never starts inside another.
    cn = f"(?<![{cn_chars}])(?:[{digits}]|{'|'.join(mag_alts)}){{1,{_MAX_RUN}}}"
    # 2万5千人, 1千2百万元, 2千零30万元, 3万4000户: Arabic numbers between magnitude characters are one numeral.
    zeros = "".join(c for c, v in table.digits.items() if v == 0)
    mixed = f"{ar}(?:{mag}[{regex.escape(zeros)}]?(?=[0-9])[0-9]+(?:\\.[0-9]+)?){{0,{_MAX_RUN}}}"
    # A printed sign stays in the value (-22.2%, 负3.9%); after a digit, a letter or a bracket it is a range or code.
    not_signed = re.escape("0123456789.%" + string.ascii_letters + "".join(rs.grammar.close_brackets))
    minus = alternation(rs.minus_signs)
    sign = f"(?P<sign>(?<![{not_signed}])(?:{minus}))?" if minus else "(?P<sign>(?!))?"
    # 五十点七 is a decimal, not 五十 + the unit 点; without a unit it is a bare number (指数为五十点七).
    cn_digits = regex.escape("".join(table.digits))
    point = regex.escape(table.decimal_point)
    no_point = f"(?!{point}[{cn_digits}])"
    whole = regex.escape("".join([*table.digits, *table.small_units]))
    cn_decimal = f"(?<![{cn_chars}])(?P<cdec>[{whole}]+{point}[{cn_digits}]+)(?![{cn_chars}])"
    inside = alternation_or_never(rs.qualifiers_inside)
    # 一头半, 两年半: 半 after the unit adds one half (it stays in the span).
    half = f"(?P<half{{}}>{regex.escape(table.half)})"
    unit = _unit_regex(rs, half_inside)
    # 元/吨, 部/百人, 吨/平方公里·月: a compound unit; 万套（间）, 台（套）: an alternative in brackets.
    opening, closing = re.escape("".join(rs.grammar.open_brackets)), re.escape("".join(rs.grammar.close_brackets))
    per = f"/(?:{mag})?(?:{trie_alternation(rs.units)})(?:\u00b7{_HAN})?"
    alt = f"(?:[{opening}](?:{trie_alternation(rs.units)})[{closing}])" if opening and closing else "(?!)"
    sp = "".join(rs.grammar.spaces)
    # 35.6 万头, and 512.30⏎亿元 where the page wrapped the line (find_figures keeps it only at a soft break).
    spc = re.escape(sp)
    # A page break (document/layout.py) inside a sentence is a wrap too: 76⏎\f⏎件.
    space = f"(?:[{spc}]*\\n(?:\\f\\n)?[{spc}]*(?={{0}})|[{spc}](?={{0}}))?" if sp else "(?:\\n(?:\\f\\n)?(?={0}))?"
    frac = (
        f"(?P<frac>(?P<den>{ar}|{cn}){re.escape(rs.fraction_marker)}(?P<nu>{ar}|{cn}))|" if rs.fraction_marker else ""
    )
    # 1/3, 1/10: a written fraction of a whole (not 2020/3/5, a rate per 10万, 7/24小时 or 24/7: _slash_fraction).
    lengths = alternation_or_never([w for w, info in rs.units.items() if info.type == "duration"])
    frac += (
        f"(?P<sfrac>(?<![0-9./])(?P<snu>[0-9]{{1,2}})/(?P<sden>[0-9]{{1,2}})(?![0-9./{regex.escape(mags)}]|{lengths}))|"
    )
    # Every branch starts with a digit or numeral character; the lookahead lets the engine skip other positions fast.
    first = regex.escape("0123456789" + "".join([*table.digits, *mags, *(w[0] for w in rs.minus_signs)]))
    return (
        f"(?=[{first}])(?:{frac}"
        f"{sign}(?P<ar>{mixed})(?P<q1>{inside})?{space.format(mag)}(?P<mag>{mag})?(?P<q2>{inside})?{space.format(unit)}"
        f"(?P<unit>{unit})?(?(unit)(?P<per1>{per})?{alt}?{half.format(1)}?)"
        f"|{_not_after(rs)}(?P<cn>{cn})(?P<q3>{inside})?(?(q3)(?P<cmag>{mag})?(?P<q4>{inside})?){no_point}(?P<cunit>{unit})(?P<per2>{per})?{alt}?{half.format(2)}?"
        f"|{_not_after(rs)}{cn_decimal})"
    )


def find_figures(doc: DocumentModel, pats: FigurePatterns, blocked: bytearray) -> list[Candidate]:
    """Every figure candidate of *doc*, in order; unit-less numbers are typed later by :mod:`.bare`.

    *blocked* marks characters (value 1) that hold no figure: excluded zones, times, names.
    """
    folded = doc.folded
    out: list[Candidate] = []
    for m in pats.figure.finditer(folded):
        s, e = m.span()
        nl = folded.find("\n", s, e)
        if nl >= 0 and nl not in doc.soft_breaks:
            # A number at the end of a paragraph (or a table row) and a word at the start of the next are not
            # one figure: read the number within its own line.
            short = pats.figure.match(folded, s, nl)
            if short is None:
                continue
            m = short
            e = m.end()
        if blocked.find(1, s, e) >= 0:
            continue
        if m.group("ar") is not None:
            c = _arabic(m, folded, pats)
        elif pats.fractions and m.group("frac") is not None:
            c = _fraction(m, pats)
        elif m.group("sfrac") is not None:
            c = _slash_fraction(m)
        elif m.group("cdec") is not None:
            c = _chinese_decimal(m, pats)
        else:
            c = _chinese(m, folded, pats)
        if c is not None:
            out.append(c)
    return out


def read_one(text: str, pats: FigurePatterns) -> Candidate | None:
    """The figure *text* is as a whole (``1亿元`` -> money 10^8 CNY), or None: how a table's unit is read."""
    m = pats.figure.fullmatch(text)
    if m is None:
        return None
    if m.group("ar") is not None:
        return _arabic(m, text, pats)
    return _chinese(m, text, pats)


def read_unit(unit: str, pats: FigurePatterns) -> Candidate | None:
    """A unit as a table writes it (亿元, 万吨, %), read as the figure "1" + unit: type, unit and scale (value)."""
    c = read_one("1" + unit, pats)
    return None if c is None or c.type == "number" else c


def _arabic(m: re.Match[str], folded: str, pats: FigurePatterns) -> Candidate | None:
    """``7155.2万只``, ``84.1%``; a bare number is kept for the context rules."""
    s, e = m.span()
    ar, mag, word, q1, q2, sign, per, half = m.group("ar", "mag", "unit", "q1", "q2", "sign", "per1", "half1")
    code = pats.code_chars
    if _after_code(folded, s, code) and (word is None or not _acronym_before(folded, s)):
        return None  # 5G, COVID-19, No.3, PM2.5: part of a code (not GDP49835元, COD4650吨: a unit follows)
    nxt = folded[e : e + 1]
    last = folded[e - 1 : e]
    if nxt.isascii() and (nxt.isalpha() or (nxt.isdigit() and last.isascii() and last.isalpha())):
        return None  # 5th, 12kgx, 3km2 read as 3km: a Latin word or code goes on (not 11类70余项: a new number)
    num = pats.numerals.parse(ar + mag if mag else ar)
    if num is None:
        return None
    if sign:
        num = -num
    plain = mag is None and ar.isdigit()  # 28369: already an exact integer, nothing to clean
    if word is None:
        end = m.end("mag") if mag else m.end("ar")
        return Candidate(s, end, "number", num if plain else clean(num), "", "number.bare")
    info = pats.units.get(word) if per is None else None
    half_inside = False
    if info is None:
        info, half_inside = pats.unit(word, per)
    if half or half_inside:
        num += _HALF
    rule = _RULES[info.type][0]
    value = num if plain and info.scale == 1 and not (half or half_inside) else clean(num * info.scale)
    return Candidate(s, e, info.type, value, info.unit, rule, q1 or q2)


def _after_code(folded: str, s: int, code: str) -> bool:
    """A code character stands right before *s* (a joiner such as - only between two of them: COVID-19)."""
    return s > 0 and folded[s - 1] in code and (folded[s - 1] not in _CODE_JOINERS or (s > 1 and folded[s - 2] in code))


def _acronym_before(folded: str, s: int) -> bool:
    """An upper-case acronym of at least three letters ends at *s* (GDP, COD): it names what the number measures."""
    head = folded[max(0, s - _ACRONYM_MIN) : s]
    return len(head) == _ACRONYM_MIN and head.isascii() and head.isalpha() and head.isupper()


def _fraction(m: re.Match[str], pats: FigurePatterns) -> Candidate | None:
    """``三分之一`` is a percent (33.33…)."""
    den, nu = pats.numerals.parse(m.group("den")), pats.numerals.parse(m.group("nu"))
    if not den or nu is None:
        return None
    return Candidate(m.start(), m.end(), "percent", clean(nu / den * _HUNDRED), "%", "percent.fraction")


def _slash_fraction(m: re.Match[str]) -> Candidate | None:
    """``1/3`` is a percent (33.33…) when it is a proper fraction; 24/7 is none."""
    nu, den = int(m.group("snu")), int(m.group("sden"))
    if not 0 < nu < den:
        return None
    return Candidate(m.start(), m.end(), "percent", clean(Decimal(nu) / den * _HUNDRED), "%", "percent.fraction")


def _chinese_decimal(m: re.Match[str], pats: FigurePatterns) -> Candidate | None:
    """``五十点七`` with no unit: a bare number, kept only where a bare number may stand (:mod:`.bare`)."""
    num = pats.numerals.parse(m.group("cdec"))
    return None if num is None else Candidate(m.start(), m.end(), "number", clean(num), "", "number.bare")


def _chinese(m: re.Match[str], folded: str, pats: FigurePatterns) -> Candidate | None:
    """``三千五百万元``, ``两万余人``: a Chinese numeral always needs its unit."""
    s, e = m.span()
    table = pats.numerals
    numeral, cmag, cunit, q3, q4 = m.group("cn", "cmag", "cunit", "q3", "q4")
    if not any(c in table.digits or table.small_units.get(c) == 10 for c in numeral) and not pats.qual_before.search(
        folded, max(0, s - 4), s
    ):
        return (
            None  # 万家, 百万辆: magnitude characters alone are words or names, unless qualified (超千名, 突破百亿元)
        )
    if table.digits.get(numeral, 1) == 0:
        return None  # a lone 零 (零部件) is no figure
    if len(numeral) == 1 and numeral in pats.formal_digits:
        return None  # 陆家嘴, 登陆次数: a financial numeral alone is part of a word
    info, half_inside = pats.unit(cunit, m.group("per2"))
    if info.article_one and table.digits.get(numeral) == 1 and not (q3 or cmag or m.group("half2") or half_inside):
        return None  # 一个指挥部, 一批: an article
    num = table.parse(numeral + cmag if cmag else numeral)
    if num is None:
        return None
    if m.group("half2") or half_inside:
        num += _HALF
    rule = _RULES[info.type][1]
    return Candidate(s, e, info.type, clean(num * info.scale), info.unit, rule, q3 or q4)
