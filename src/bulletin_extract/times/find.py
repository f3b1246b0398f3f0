"""Time expressions: find dates and periods, then resolve them against the publication date.

Matching uses one regex of named branches (ISO stamps, year/month/day/hour
atoms, month and year ranges, quarters, halves, spans counted from now, and
the relative words of ``patterns/time_words.yaml``).  Resolution happens in
:func:`resolve` with an explicit publication date and "reported" date, never
the clock.  Impossible dates (2月30日, 13月) are dropped, never returned.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..document.model import DocumentModel
from ..figures.zones import hits
from ..rules.grammar import alternation
from ..rules.numerals import NumeralTable
from ..rules.ruleset import Ruleset
from .candidate import TimeCandidate

_CN_DIGIT = "〇零○一二三四五六七八九"
_MON = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_YEAR = rf"(?:[12][0-9]{{3}}|[{_CN_DIGIT}]{{4}})"
_HOUR = r"(?:2[0-4]|[01]?[0-9])"
_SMALL = r"(?:[0-9]{1,2}|[一二两三四五六七八九十]{1,3})"


@dataclass(frozen=True, eq=False)
class TimePatterns:
    """The time regexes of a ruleset and the word tables their matches are resolved with."""

    time: re.Pattern[str]
    tail: re.Pattern[str]
    anchor: re.Pattern[str]
    relative: dict[str, dict[str, Any]]
    numerals: NumeralTable

    @classmethod
    def compile(cls, rs: Ruleset) -> "TimePatterns":
        time, tail, anchor = _compile(rs)
        return cls(time, tail, anchor, rs.time_words.relative, rs.numerals)


def _compile(rs: Ruleset) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The time regex for *rs* (relative words come from its time_words files)."""
    tw = rs.time_words
    join = alternation(rs.grammar.range_joiners) or "(?!)"
    rel = alternation(tw.relative) or "(?!)"
    rel_first = re.escape("".join(sorted({w[0] for w in tw.relative}))) or "^\\s\\S"
    def ypre(k: str) -> str:
        # The year prefix of quarter, half and months-to-date branches (group names are unique per branch).
        return rf"(?:(?P<py{k}>{_YEAR})年|(?P<prel{k}>今年|去年|明年|上年|本年))?"

    # Every time expression has one of these characters within its first 13 (年, 日, 期, a date separator ...).
    anchor_chars = "年月日号季时期间来底末初旬天周早晨晚-/.:"
    # Every branch starts with one of these characters; the lookahead lets the engine skip other positions fast.
    first = "".join(sorted({w[0] for w in [*tw.relative, *rs.grammar.range_joiners]} | set("0123456789〇零○一二三四五六七八九十两“第今去明上下前过未近这最后全本当昨")))
    p = (
        rf"(?=[{re.escape(first)}])(?=[^\n]{{0,12}}?[{re.escape(anchor_chars)}])(?:"
        rf"(?P<iso>(?P<iy>[12][0-9]{{3}})[-/.](?P<im>1[0-2]|0?[1-9])[-/.](?P<id>3[01]|[12][0-9]|0?[1-9])(?![0-9])"
        rf"(?:[ T\u3000]+(?P<ih>2[0-3]|[01]?[0-9]):(?P<imi>[0-5][0-9]))?)"
        rf"|(?P<yr1>{_YEAR})年?\s*(?:{join})\s*(?P<yr2>{_YEAR})年(?!代)"
        rf"|“?\s*(?P<plan>[一二三四五六七八九]|十[一二三四五六七八九]?)五\s*[”’\"]?(?:时期|期间|间期)"
        rf"|第(?P<plan2>[一二三四五六七八九]|十[一二三四五六七八九]?)个五年(?:计划|规划)(?:时期|期间)"
        rf"|(?P<since>{_YEAR})年以来"
        rf"|(?P<decade>[一二三四五六七八九]十|[0-9]0)年代(?!末|初|中|前|后)"
        rf"|(?=[二三四五六七八九十两])(?<![^。，；、：\n\s的])(?P<bare>[二三四五六七八九十两]{{1,2}})年(?=来|中|间|累计|合计|新增|全国|中央|平均|[，。；])"
        rf"|(?=[0-9〇零○一二三四五六七八九十今去])(?<![0-9.])(?:(?P<mry>{_YEAR}年)|(?P<mrrel>今年|去年))?(?P<mr1>{_MON})月?份?\s*(?:{join})\s*(?P<mr2>{_MON})月份?"
        rf"|{ypre('q')}(?P<qpre>前)?第?(?P<q>[一二三四1-4两])(?(qpre)个?)季度"
        rf"|{ypre('h')}(?P<half>上|下)半年"
        rf"|{ypre('m')}前(?P<pm>{_SMALL})个月"
        rf"|(?P<spanpre>过去的|过去|今后|未来|近|这|最近|(?<!提)前)(?P<spn>{_SMALL})年(?:中|里|间)?"
        rf"|(?P<spn2>{_SMALL})年(?:来|以来)"
        rf"|(?P<ago>{_SMALL})年前"
        rf"|(?=[0-9〇零○一二三四五六七八九十今去明])(?<![0-9.])(?=(?:{_YEAR})年|(?:今年|去年|明年)?(?:{_MON})月|(?:{_DAY})[日号])(?:(?P<y>{_YEAR})年(?!代)(?:全年)?|(?P<yrel>今年|去年|明年))?(?:(?P<m>{_MON})月(?P<fen>份)?)?(?:(?P<d>{_DAY})(?:[日号]|(?=\s*(?:{join})\s*{_DAY}[日号])))?"
        rf"(?:(?P<h>{_HOUR})[时点](?:(?P<mi>[0-5][0-9])分)?)?(?P<edge>底|末|初|中旬|上旬|下旬)?"
        rf"|(?=[{rel_first}])(?<![0-9一二三四五六七八九十两大])(?P<rel>{rel}))"
    )
    tail = (
        rf"\s*(?:(?P<h1>{_HOUR})时?\s*(?:{join})\s*(?P<h2>{_HOUR})时)"
        rf"|\s*(?:{join})\s*(?:(?:(?P<y2>{_YEAR})年)?(?P<m2>{_MON})月)?(?P<d2>{_DAY})[日号](?:(?P<hh2>{_HOUR})[时点])?"
        rf"|(?P<lj>[、和及与]|，)(?P<ld>{_DAY})[日号](?![0-9])"
        rf"|\s*(?:{join})\s*(?P<h3>{_HOUR})[时点]"
    )
    # The stdlib engine scans these patterns faster than the regex module.
    anchor = f"(?:{alternation(tw.anchors)})[^，。；！？\\n]*$" if tw.anchors else "(?!)"
    return re.compile(p), re.compile(tail), re.compile(anchor)


def _num(s: str | None, rs: TimePatterns) -> int | None:
    if s is None:
        return None
    if s.isdigit() and s.isascii():
        return int(s)
    v = rs.numerals.parse(s)
    return None if v is None else int(v)


def _valid(y: int, m: int | None = None, d: int | None = None) -> bool:
    if m is not None and not 1 <= m <= 12:
        return False
    if d is not None and (m is None or not 1 <= d <= calendar.monthrange(y, m)[1]):
        return False
    return 1 <= y <= 9999


def _fmt(y: int, m: int | None = None, d: int | None = None, h: int | None = None, mi: int | None = None) -> str:
    s = f"{y:04d}"
    if m is not None:
        s += f"-{m:02d}"
        if d is not None:
            s += f"-{d:02d}"
            if h is not None:
                s += f"T{h:02d}"
                if mi is not None:
                    s += f":{mi:02d}"
    return s


# A date up to this many days after publication is read as a plan or schedule (为确保4月底交付), not a past event.
_NEAR_FUTURE_DAYS = 75


def _infer_year(m: int, d: int | None, pub: dt.date | None, plan: bool) -> int | None:
    """Publication year, or the year before when that would put a reported event after publication."""
    if pub is None:
        return None
    y = pub.year
    if plan or (m, d or 1) <= (pub.month, pub.day):
        return y
    try:
        ahead = (dt.date(y, m, d or 1) - pub).days
    except ValueError:
        return y
    return y if ahead <= _NEAR_FUTURE_DAYS else y - 1


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _relative(word: str, spec: dict, pub: dt.date | None, reported: str | None) -> str | None:
    base_s = reported if spec.get("base") == "reported" and reported else (pub.isoformat() if pub else None)
    if base_s is None:
        return None
    unit, k = spec.get("unit"), int(spec.get("offset", 0))
    parts = base_s.split("/")[-1].split("T")[0]
    if unit == "same":
        return "/".join(f"{int(x[:4]) + k:04d}{x[4:]}" for x in base_s.split("T")[0].split("/"))
    bits = [int(x) for x in parts.split("-") if x.isdigit()]
    y = bits[0]
    if unit == "year":
        return f"{y + k:04d}"
    if unit in ("year_end", "year_start", "year_mid"):
        return _fmt(y + k, {"year_end": 12, "year_start": 1, "year_mid": 6}[unit])
    m = bits[1] if len(bits) > 1 else (pub.month if pub else 1)
    if unit == "month":
        yy, mm = _shift_month(y, m, k)
        return _fmt(yy, mm)
    d = bits[2] if len(bits) > 2 else None
    if d is None:
        return None
    day = dt.date(y, m, d) + dt.timedelta(days=k)
    return day.isoformat()


def find_times(doc: DocumentModel, rs: TimePatterns, published: dt.date | None, zones: bytes) -> list[TimeCandidate]:
    """Every date and period of *doc* outside the excluded *zones*, in order, with ISO values.

    Unresolvable ones are dropped.  A plan period is written in quotes (“十三五”时期), which the
    short-quote zone would otherwise hide, so it counts wherever it stands.
    """
    return [t for t in _scan(doc.folded, rs, published) if t.in_zones or not hits(zones, t.start, t.end)]


def _scan(folded: str, rs: TimePatterns, published: dt.date | None) -> list[TimeCandidate]:
    out: list[TimeCandidate] = []
    pat, tail, anchor = rs.time, rs.tail, rs.anchor
    pos = 0
    n = len(folded)
    reported: str | None = None
    while pos < n:
        m = pat.search(folded, pos)
        if m is None:
            break
        s, e = m.span()
        if e == s:
            pos = s + 1
            continue
        plan = anchor.search(folded, max(0, s - 8), s) is not None
        cands = _resolve(m, folded, rs, published, plan, reported, tail)
        since = folded.startswith("以来", cands[-1].end) if cands else False
        for c in cands:
            out.append(c)
            if c.reported and not since:
                reported = c.value.split("T")[0]
        pos = max(e, cands[-1].end if cands else e)
    return out


def _resolve(m: re.Match[str], folded: str, rs: TimePatterns, pub: dt.date | None, plan: bool,
             reported: str | None, tail: re.Pattern[str]) -> list[TimeCandidate]:
    g = m.groupdict()
    s, e = m.span()
    year_now = pub.year if pub else None

    def pre_year() -> int | None:
        py = g.get("pyq") or g.get("pyh") or g.get("pym")
        if py:
            return _num(py, rs)
        word = g.get("prelq") or g.get("prelh") or g.get("prelm")
        if word:
            spec = rs.relative.get(word)
            v = _relative(word, spec, pub, reported) if spec else None
            return int(v[:4]) if v else None
        return None

    if g["iso"]:
        y, mo, d = int(g["iy"]), int(g["im"]), int(g["id"])
        if not _valid(y, mo, d):
            return []
        h = int(g["ih"]) if g["ih"] else None
        mi = int(g["imi"]) if g["imi"] else None
        return [TimeCandidate(s, e, "date", _fmt(y, mo, d, h, mi), "time.iso", True)]
    if g["yr1"]:
        a, b = _num(g["yr1"], rs), _num(g["yr2"], rs)
        if a is None or b is None or not a < b:
            return []
        return [TimeCandidate(s, e, "period", f"{a:04d}/{b:04d}", "time.year_range", True)]
    if g["plan"] or g["plan2"]:
        n = _num(g["plan"] or g["plan2"], rs)
        if n is None:
            return []
        # Five-year plans: the first two began 1953 and 1958; from the third (1966) they run back to back.
        a = {1: 1953, 2: 1958}.get(n, 1966 + 5 * (n - 3))
        return [TimeCandidate(s, e, "period", f"{a:04d}/{a + 4:04d}", "time.plan_period", True, in_zones=True)]
    if g["since"]:
        a = _num(g["since"], rs)
        if a is None or pub is None or a >= pub.year:
            return []
        return [TimeCandidate(s, e, "period", f"{a:04d}/{pub.year:04d}", "time.since_year", True)]
    if g["decade"]:
        d0 = _num(g["decade"], rs)
        if d0 is None:
            return []
        a = 1900 + d0 if d0 < 100 else d0
        return [TimeCandidate(s, e, "period", f"{a:04d}/{a + 9:04d}", "time.decade", False)]
    if g["bare"]:
        k = _num(g["bare"], rs)
        if k is None or pub is None or k < 2:
            return []
        return [TimeCandidate(s, e, "period", f"{pub.year - k:04d}/{pub.year - 1:04d}", "time.span", False)]
    if g["mr1"]:
        a, b = _num(g["mr1"], rs), _num(g["mr2"], rs)
        if g["mry"]:
            y = _num(g["mry"][:-1], rs)
        elif g["mrrel"] and pub:
            y = pub.year - (1 if g["mrrel"] == "去年" else 0)
        else:
            y = _infer_year(b or 1, 1, pub, plan) if pub else None
        if y is None or a is None or b is None or not (_valid(y, a) and _valid(y, b)) or a >= b:
            return []
        return [TimeCandidate(s, e, "period", f"{_fmt(y, a)}/{_fmt(y, b)}", "time.month_range", True)]
    if g["q"]:
        q = _num(g["q"], rs) if not g["q"].isdigit() else int(g["q"])
        if q is None or not 1 <= q <= 4:
            return []
        y = pre_year()
        if y is None and reported and pub is not None and int(reported[:4]) * 4 + q <= pub.year * 4 + (pub.month - 1) // 3 + 1:
            y = int(reported[:4])  # 2024年…一季度 in a January 2025 release: the year being reported on
        if y is None and year_now is not None and pub is not None:
            y = year_now if (plan or (q - 1) * 3 + 1 <= pub.month) else year_now - 1
        if y is None:
            return []
        if g["qpre"]:
            return [TimeCandidate(s, e, "period", f"{y:04d}-Q1/{y:04d}-Q{q}", "time.quarters_to_date", True)]
        return [TimeCandidate(s, e, "date", f"{y:04d}-Q{q}", "time.quarter", True)]
    if g["half"]:
        h = 1 if g["half"] == "上" else 2
        y = pre_year()
        if y is None and reported and pub is not None and (int(reported[:4]), h) <= (pub.year, 1 if pub.month < 7 else 2):
            y = int(reported[:4])
        if y is None and pub is not None:
            y = pub.year if (plan or h == 1 or pub.month >= 7) else pub.year - 1
        if y is None:
            return []
        return [TimeCandidate(s, e, "date", f"{y:04d}-H{h}", "time.half", True)]
    if g["pm"]:
        k = _num(g["pm"], rs)
        y = pre_year() or (pub.year if pub else None)
        if y is None or k is None or not 1 <= k <= 12:
            return []
        return [TimeCandidate(s, e, "period", f"{y:04d}-01/{_fmt(y, k)}", "time.months_to_date", True)]
    if g["ago"]:
        k = _num(g["ago"], rs)
        if k is None or pub is None or not 1 <= k <= 100:
            return []
        return [TimeCandidate(s, e, "date", f"{pub.year - k:04d}", "time.years_ago", False)]
    if g["spn"] or g["spn2"]:
        k = _num(g["spn"] or g["spn2"], rs)
        if k is None or pub is None or k < 1 or k > 100:
            return []
        ahead = g["spanpre"] in ("今后", "未来")
        if ahead:
            a, b = pub.year, pub.year + k - 1
        else:
            a, b = pub.year - k, pub.year - 1
        if k == 1:
            return [TimeCandidate(s, e, "date", f"{a:04d}", "time.span", True)]
        return [TimeCandidate(s, e, "period", f"{a:04d}/{b:04d}", "time.span", True)]
    if g["rel"]:
        spec = rs.relative[g["rel"]]
        v = _relative(g["rel"], spec, pub, reported)
        if v is None:
            return []
        typ = "period" if "/" in v else "date"
        rule = "time.relative.reported" if spec.get("base") == "reported" else "time.relative"
        return [TimeCandidate(s, e, typ, v, rule, spec.get("base") == "published" and spec.get("unit") not in ("day",))]
    return _atom(m, g, folded, rs, pub, plan, tail)


def _atom(m: re.Match[str], g: dict[str, Any], folded: str, rs: TimePatterns, pub: dt.date | None, plan: bool,
          tail: re.Pattern[str]) -> list[TimeCandidate]:
    s, e = m.span()
    y, mo, d = _num(g["y"], rs), _num(g["m"], rs), _num(g["d"], rs)
    if g.get("yrel") and pub is not None:
        y = pub.year + {"去年": -1, "明年": 1}.get(g["yrel"], 0)
    h, mi = _num(g["h"], rs), _num(g["mi"], rs)
    if g["y"] and len(g["y"]) == 4 and not g["y"].isascii() and any(c in "十百千" for c in g["y"]):
        return []
    if mo is None and y is None:
        if d is None or h is not None or pub is None:
            return []
        # A day alone (记者20日获悉) is a day of the publication month.
        mo = pub.month if d <= pub.day else _shift_month(pub.year, pub.month, -1)[1]
        y = pub.year if d <= pub.day else _shift_month(pub.year, pub.month, -1)[0]
        if folded[m.end("d") : m.end("d") + 1] != "日" or folded[e : e + 1] in ("内", "以", "来") or (s > 0 and (folded[s - 1].isdigit() or folded[s - 1] == "月")):
            return []
    if h is not None and d is None:
        e = m.start("h")  # an hour needs a day; keep the date part only
        h = mi = None
        if e <= s:
            return []
    if d is not None and mo is None:
        return []
    if y is None:
        y = _infer_year(mo or 1, d, pub, plan)  # type: ignore[arg-type]
        if y is None:
            return []
    if not _valid(y, mo, d) or (h is not None and h > 24):
        return []
    value = _fmt(y, mo, d, h, mi)
    edge = g.get("edge")
    if edge and d is None:
        if mo is None:
            value = _fmt(y, 12 if edge in ("底", "末") else 1) if edge in ("底", "末", "初") else _fmt(y)
        e = m.end("edge")
    elif edge:
        e = m.end("d") if g["d"] else e
    first = TimeCandidate(s, e, "date", value, "time.date", True)
    if d is None:
        return [first]
    t = tail.match(folded, e)
    if t is None:
        return [first]
    tg = t.groupdict()
    if tg["h3"] is not None or tg["h1"] is not None:
        # 2月20日0-24时 / 2月19日0时至12时: a whole day is a date, part of a day a period with hours.
        a = h if tg["h3"] is not None else int(tg["h1"])
        b = int(tg["h3"] if tg["h3"] is not None else tg["h2"])
        if a is None or not a < b <= 24:
            return [first]
        if a == 0 and b == 24:
            return [TimeCandidate(s, t.end(), "date", _fmt(y, mo, d), "time.whole_day", True)]
        return [TimeCandidate(s, t.end(), "period", f"{_fmt(y, mo, d, a)}/{_fmt(y, mo, d, b)}", "time.hours", True)]
    if tg["d2"] is not None:
        y2 = _num(tg["y2"], rs) or y
        m2 = _num(tg["m2"], rs) or mo
        d2 = _num(tg["d2"], rs)
        if y2 == y and tg["y2"] is None and (m2 or 0) < (mo or 0):
            y2 = y + 1
        if d2 is None or not _valid(y2, m2, d2):
            return [first]
        h2 = int(tg["hh2"]) if tg["hh2"] else None
        end_v = _fmt(y2, m2, d2, h2)
        if end_v <= value:
            return [first]
        return [TimeCandidate(s, t.end(), "period", f"{value}/{end_v}", "time.day_range", True)]
    if tg["ld"] is not None:
        out = [first]
        pos = e
        while t is not None and t.group("ld") is not None:
            d2 = _num(t.group("ld"), rs)
            if d2 is None or not _valid(y, mo, d2):
                break
            out.append(TimeCandidate(t.start("ld"), t.end(), "date", _fmt(y, mo, d2), "time.day_list", True))
            pos = t.end()
            t = tail.match(folded, pos)
        return out
    return [first]
