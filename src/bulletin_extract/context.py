"""What each figure is about: as_of, subject, region, comparison base; and the document's context.

Works on the mentions the earlier stages found; word lists come from
``patterns/context.yaml`` and the LOC gazetteers.  Self-checking arithmetic
lives in :mod:`checks`.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, Sequence

import regex

from .attributes import is_list_continuation
from .checks import find_checks
from .records import Entity, Figure, _trusted
from .text import Sentences

if TYPE_CHECKING:
    from .dates import TimeCandidate
    from .figures import Candidate
    from .ruleset import Ruleset

__all__ = ["attach", "detect_published", "detect_region", "find_checks", "reference_date", "resolve_bare_numbers"]

_PUB_FULL = regex.compile(
    r"(?P<y>[12][0-9]{3})\s*(?:[-/.年])\s*(?P<m>1[0-2]|0?[1-9])\s*(?:[-/.月])\s*(?P<d>3[01]|[12][0-9]|0?[1-9])(?![0-9])"
)
_TITLE_YEAR = regex.compile(r"(?<![0-9])(?:1[89]|20)[0-9]{2}(?![0-9])")
# What may follow the date on a header or signature line: the day mark, a clock time, a weekday.
_PUB_LINE = regex.compile(r"[日号]?\s*(?:[0-2]?[0-9][:：][0-5][0-9](?::[0-5][0-9])?)?\s*(?:星期.|周.)?\s*")
_CLAUSE_CHARS = frozenset("，,；;：:。！？\n、《》“”")
_BRACKETS = "（）() "
_BARE_AFTER = regex.compile(r"[\s，,。；;、）):：]|$")
_RANGE = regex.compile(r"\s*(?:至|到|-|—|–|~|～)\s*")
_LIST = regex.compile(r"\s*(?:、|和|及|与|或)\s*")
_SUBJ_BAD = regex.compile(r"^[\s\p{P}0-9]*$")


def compile_patterns(rs: "Ruleset") -> dict[str, regex.Pattern[str]]:
    """Subject boundary and stripping regexes from the context file."""
    c = rs.context
    return {
        "subj_stop": regex.compile(f"(?:{rs.alternation(c.subject_stop)})" if c.subject_stop else "(?!)"),
        "subj_right_stop": regex.compile(r"[^\p{Han}]" + (f"|{rs.alternation(c.subject_right_stop)}" if c.subject_right_stop else "")),
        "bare_before": regex.compile(f"(?:{rs.alternation(c.bare_number_after)})\\s*$" if c.bare_number_after else "(?!)"),
        "distributive": regex.compile(rs.alternation(c.distributive_words) or "(?!)"),
        "list_joiner": regex.compile(rs.alternation(c.list_joiners) or "(?!)"),
        "compare_marker": regex.compile(
            (f"(?!{rs.alternation(c.comparison_false_friends)})" if c.comparison_false_friends else "")
            + f"(?:{rs.alternation(c.comparison_bases)})" if c.comparison_bases else "(?!)"
        ),
        "compare": regex.compile(
            f"(?P<marker>{rs.alternation(c.comparison_bases)})(?P<base>{rs.alternation(c.comparison_words)})?"
            if c.comparison_bases and c.comparison_words else "(?!)"
        ),
        "compare_before": regex.compile(f"(?:{rs.alternation(c.comparison_bases)})$" if c.comparison_bases else "(?!)"),
    }


def detect_published(folded: str, rs: "Ruleset") -> dt.date | None:
    """Publication date: a header line that is only a date (``2020-02-22 12:33``), a dated line in brackets
    (``（2020年3月5日）``) or a dated signature line at the end; failing those, the latest full date in the
    opening lines, which is on or before publication in a report. None when the text names no full date."""
    lines = folded[:600].split("\n")[:12] + folded[-200:].split("\n")[-4:]
    for line in lines:
        core = line.strip().strip("（）()　 ")
        m = _PUB_FULL.match(core)
        if m and _PUB_LINE.fullmatch(core[m.end() :]):
            d = _date_of(m)
            if d is not None:
                return d
    found = [d for m in _PUB_FULL.finditer(folded[:400]) if (d := _date_of(m)) is not None]
    return max(found) if found else None


def reference_date(folded: str) -> dt.date | None:
    """For a text with no full date: the last day of the year its title names (a work report's 2015年),
    so that 今年, 去年 and month-day dates still resolve. Not a publication date; None without a year."""
    m = _TITLE_YEAR.search(folded.split("\n", 1)[0][:80])
    return dt.date(int(m.group()), 12, 31) if m else None


def _date_of(m: regex.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None


def detect_region(folded: str, rs: "Ruleset") -> str | None:
    """The region a document reports on: the first province-level place in its title or opening."""
    from .regions import region_of

    return region_of(folded, rs)


def resolve_bare_numbers(cands: list["Candidate"], folded: str, rs: "Ruleset") -> list["Candidate"]:
    """Give unit-less numbers a type: first item of a range (3至5天), a bare indicator value, or drop them."""
    out: list["Candidate"] = []
    bare_before = rs.compiled["bare_before"]
    for i, c in enumerate(cands):
        if c.rule != "number.bare":
            out.append(c)
            continue
        # 3至5天 and 0.6、0.7和0.3个百分点: bare items share the unit of the figure that closes the range or list.
        j = i
        while j + 1 < len(cands) and cands[j + 1].rule == "number.bare" and _LIST.fullmatch(folded, cands[j].end, cands[j + 1].start):
            j += 1
        nxt = cands[j + 1] if j + 1 < len(cands) else None
        if nxt is not None and nxt.rule != "number.bare" and (
            _RANGE.fullmatch(folded, cands[j].end, nxt.start) or _LIST.fullmatch(folded, cands[j].end, nxt.start)
        ) and nxt.type != "number":
            c.type, c.unit, c.rule = nxt.type, nxt.unit, "list.shared_unit"
            out.append(c)
            continue
        line_start = folded.rfind("\n", 0, c.start) + 1
        line_end = folded.find("\n", c.end)
        line_end = len(folded) if line_end < 0 else line_end
        before = folded[max(line_start, c.start - 4) : c.start]
        in_table = "\t" in folded[line_start:line_end]
        cell = in_table and (c.start == line_start or folded[c.start - 1] == "\t") and (c.end == line_end or folded[c.end] in "\t\r")
        if cell or (bare_before.search(before) and _BARE_AFTER.match(folded, c.end)):
            c.rule = "number.cell" if cell else "number.bare"
            out.append(c)
    return out


def _is_comparison(t: "TimeCandidate", folded: str, rs: "Ruleset") -> bool:
    """A comparison base (比上年, 较前一日, 上年同期) names a time but never governs a figure (§3)."""
    if folded[t.start : t.end] in rs.context.comparison_words:
        return True
    return rs.compiled["compare_before"].search(folded, max(0, t.start - 2), t.start) is not None


def _subject(f: Figure, folded: str, rs: "Ruleset", floor: int) -> str | None:
    """The metric word before the number, else the head noun after number + classifier."""
    lo = max(floor, f.start - 24)
    i = f.start - 1
    while i >= lo and folded[i] not in _CLAUSE_CHARS:
        i -= 1
    left = folded[i + 1 : f.start]
    suffixes, prefixes = _strip_words(rs)
    # Cut at the last stop word that leaves something before the number.
    for st in reversed(list(rs.compiled["subj_stop"].finditer(left))):
        rest = left[st.end() :]
        if rest and _strip(rest, suffixes, prefixes):
            left = rest
            break
    # 增速比一季度加快, 较上月: what stands before the comparison marker is the subject (maybe nothing).
    cm = rs.compiled["compare_marker"].search(left)
    if cm:
        left = left[: cm.start()]
    left = _strip(left, suffixes, prefixes)
    right = ""
    # 28369家规模以上工业企业 (a counted noun) and 65%的监测对象 (a share of something): the noun after it.
    after_de = folded.startswith(rs.context.subject_of_marker, f.end) if rs.context.subject_of_marker else False
    if f.type in ("count", "quantity", "money") or (after_de and not left):
        j = f.end + (len(rs.context.subject_of_marker) if after_de else 0)
        start_right, stop = j, min(len(folded), j + 12)
        while j < stop and folded[j] not in _CLAUSE_CHARS:
            j += 1
        right = folded[start_right:j]
        cut = rs.compiled["subj_right_stop"].search(right)
        if cut:
            right = right[: cut.start()]
        right = right.strip()
    if right.startswith(tuple(rs.qualifiers_after)):
        right = ""  # 17.7亿亩以上: what follows is the qualifier, not the counted thing
    if len(right) >= 2 and not _SUBJ_BAD.match(right):
        return right
    left = left.strip(_BRACKETS)
    if left and not _SUBJ_BAD.match(left):
        return left[-12:]
    return None


def _strip(word: str, suffixes: dict[int, frozenset[str]], prefixes: dict[int, frozenset[str]]) -> str:
    """*word* without linking words at its ends (同比增长, 截至 ...), repeatedly; words are grouped by length."""
    changed = True
    while changed and word:
        changed = False
        for n, words in suffixes.items():
            if len(word) >= n and word[-n:] in words:
                word, changed = word[:-n], True
                break
        for n, words in prefixes.items():
            if len(word) >= n and word[:n] in words:
                word, changed = word[n:], True
                break
    return word.strip()


@functools.lru_cache(maxsize=8)
def _strip_words(rs: "Ruleset") -> tuple[dict[int, frozenset[str]], dict[int, frozenset[str]]]:
    def by_length(words: list[str]) -> dict[int, frozenset[str]]:
        lengths = sorted({len(w) for w in words}, reverse=True)  # longest first: 同比增长 before 增长
        return {n: frozenset(w for w in words if len(w) == n) for n in lengths}

    # Direction words (回升, 加快) also link a subject to its figure.
    suffixes = [*rs.context.subject_strip_suffix, *rs.directions.up, *rs.directions.down]
    return by_length(suffixes), by_length(rs.context.subject_strip_prefix)


def _from_to_bound(period: str, c: "Candidate", folded: str, rs: "Ruleset") -> str:
    """由A增加到B under a period: A is as of its start, B as of its end; other figures keep the period."""
    to_words = rs.context.to_words
    if any(folded.endswith(w, 0, c.start) for w in to_words):
        return period.split("/")[1]
    after = folded[c.end : c.end + 4]
    if any(after.startswith(w) for w in to_words):
        k = c.start - 1
        while k >= max(0, c.start - 30) and folded[k] not in _CLAUSE_CHARS:
            if folded[k] in rs.context.from_words:
                return period.split("/")[0]
            k -= 1
    return period


def attributes_list_continues(out: list[Figure], c: "Candidate", folded: str) -> bool:
    """True when figure *c* follows the previous figure across a list joiner only (A、B和C)."""
    return bool(out) and is_list_continuation(out[-1].end, c.start, folded)


def _distributed(f: Figure, folded: str, rs: "Ruleset", floor: int) -> list[str]:
    """甲和乙分别为A、B: the subjects 甲, 乙 that a 分别 list hands out to its figures in order ([] if none)."""
    c = rs.context
    if not c.distributive_words:
        return []
    lo = max(floor, f.start - 40)
    i = f.start - 1
    while i >= lo and (folded[i] not in _CLAUSE_CHARS or folded[i] == "、"):  # 、 joins the list itself
        i -= 1
    left = folded[i + 1 : f.start]
    m = rs.compiled["distributive"].search(left)
    if m is None:
        return []
    suffixes, prefixes = _strip_words(rs)
    if not _strip(left[: m.start()], suffixes, prefixes):
        return ["^"]  # 分别比上年增长…: a 分别 with no subjects of its own repeats the last list's
    items = [w.strip() for w in rs.compiled["list_joiner"].split(left[: m.start()]) if w.strip()]
    items = [_strip(w, suffixes, prefixes) for w in items]
    return items if len(items) > 1 and all(items) else []


def attach(
    cands: Sequence["Candidate"],
    times: Sequence["TimeCandidate"],
    ents: Sequence[Entity],
    folded: str,
    text: str,
    sentences: Sentences,
    rs: "Ruleset",
    doc_region: str | None,
) -> list[Figure]:
    """Figure records with subject, as_of, region and compared_to, built from resolved candidates."""
    governing = [t for t in times if not _is_comparison(t, folded, rs)]
    locs = [e for e in ents if e.type == "LOC"]
    out: list[Figure] = []
    ti = li = 0
    prev_end = 0
    all_times = governing  # a comparison base (比上月) sits inside the subject's clause and does not end it
    pending: list[str] = []
    last_list: list[str] = []
    list_sentence = -1
    tj = 0
    compare = rs.compiled["compare"]
    implicit = rs.context.implicit_comparisons
    for c in cands:
        s0 = sentences.starts[sentences.index(c.start)]
        while ti < len(governing) and governing[ti].end <= c.start:
            ti += 1
        as_of = governing[ti - 1].value if ti and governing[ti - 1].start >= s0 else None
        if as_of and "/" in as_of:
            as_of = _from_to_bound(as_of, c, folded, rs)
        while li < len(locs) and locs[li].end <= c.start:
            li += 1
        region = locs[li - 1].text if li and locs[li - 1].start >= s0 else doc_region
        compared = None
        if c.direction is not None:
            lo = max(s0, prev_end, c.start - 20)
            k = c.start - 1
            while k >= lo and folded[k] not in _CLAUSE_CHARS:
                k -= 1
            cm = None
            for cm in compare.finditer(folded, k + 1, c.start):
                pass
            if cm is not None:
                compared = cm.group("base") or implicit.get(cm.group("marker"))
        fig = _trusted(
            Figure, start=c.start, end=c.end, text=text[c.start : c.end], rule=c.rule, type=c.type, value=c.value,
            unit=c.unit, qualifier=c.qualifier, direction=c.direction, subject=None, as_of=as_of, region=region,
            compared_to=compared,
        )
        while tj < len(all_times) and all_times[tj].end <= c.start:
            tj += 1
        # A time right before the figure (一九五七年的…) is never its subject: start after it.
        time_end = all_times[tj - 1].end if tj else 0
        if pending and attributes_list_continues(out, c, folded):
            subj = pending.pop(0)
        else:
            pending = _distributed(fig, folded, rs, max(s0, prev_end, time_end))
            if pending == ["^"]:
                pending = list(last_list) if list_sentence == s0 else []
            elif pending:
                last_list, list_sentence = list(pending), s0
            subj = pending.pop(0) if pending else _subject(fig, folded, rs, max(s0, prev_end, time_end))
        if subj is None and out and out[-1].start >= s0:
            # 复工率84.1%，较前一日提高2.1个百分点 / 由A增加到B / 5.1%和6.2%: the figure continues the previous one
            subj = out[-1].subject
        object.__setattr__(fig, "subject", subj)  # still being built: set once before anyone sees it
        out.append(fig)
        prev_end = c.end
    return out
